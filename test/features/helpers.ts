// An in-memory workspace over the real bundled fact base, for feature tests.
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ClioWorkspace } from "../../server/src/core/workspace.js";
import type { FactFileText } from "../../server/src/core/types.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const factDir = join(root, "server/data/facts");
const bundled: FactFileText[] = readdirSync(factDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => ({ file: join(factDir, f), text: readFileSync(join(factDir, f), "utf8"), origin: "bundled" as const }));

export function workspace(files: Record<string, string> = {}): ClioWorkspace {
  const ws = new ClioWorkspace({
    root: "/ws",
    bundledFacts: bundled,
    readFile: (f) => files[f],
    listDir: () => [],
  });
  for (const [path, text] of Object.entries(files)) if (/\.(md|qmd)$/.test(path)) ws.setDocument(path, text);
  return ws;
}

/** Position of `needle` (n-th occurrence) plus `delta` characters. */
export function at(text: string, needle: string, delta = 0, nth = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found`);
  }
  index += delta;
  const before = text.slice(0, index);
  return { line: before.split("\n").length - 1, character: index - (before.lastIndexOf("\n") + 1) };
}
