// Startup index of the workspace's papers, so workspace checks (date-conflict)
// and references see closed files. Bounded: skips node_modules and hidden
// folders, stops at MAX_FILES, ignores very large files.
import * as fs from "node:fs";
import * as path from "node:path";

export const PAPER_EXTENSIONS = /\.(md|markdown|qmd|rmd)$/i;
const SKIP_DIRS = new Set(["node_modules", "_site", "_book", "_freeze", "site-packages", "dist", "out"]);
export const MAX_FILES = 2000;
const MAX_BYTES = 2_000_000;
const MAX_DEPTH = 12;

export function isPaper(file: string): boolean {
  return PAPER_EXTENSIONS.test(file);
}

/** Paper paths under root, breadth first, within the bounds. */
export function findPapers(root: string): string[] {
  const out: string[] = [];
  const queue: Array<[string, number]> = [[root, 0]];
  while (queue.length && out.length < MAX_FILES) {
    const [dir, depth] = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && depth < MAX_DEPTH) queue.push([full, depth + 1]);
      } else if (entry.isFile() && isPaper(entry.name)) {
        try {
          if (fs.statSync(full).size <= MAX_BYTES) out.push(full);
        } catch {
          // vanished meanwhile
        }
        if (out.length >= MAX_FILES) break;
      }
    }
  }
  return out;
}

export function readPaper(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.size <= MAX_BYTES ? fs.readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined;
  }
}
