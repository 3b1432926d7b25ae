// Node glue for the core: a WorkspaceHost over the real file system, and the
// bundled fact files. Reads never throw: a missing or unreadable file is
// `undefined`, a missing directory lists as empty.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FactFileText } from "../core/types.js";
import type { WorkspaceHost } from "../core/workspace.js";

export function readTextFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function listDirectory(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** A host rooted at `root` (absolute or relative to the cwd) with the bundled facts loaded once. */
export function createNodeHost(root?: string, bundledFacts: FactFileText[] = loadBundledFactFiles()): WorkspaceHost {
  return {
    root: root === undefined ? undefined : path.resolve(root),
    bundledFacts,
    readFile: readTextFile,
    listDir: listDirectory,
  };
}

/** Directory of the running bundle (dist/) when running as dist/*.cjs; undefined under tsx, where modules are ESM. */
function bundleDirectory(): string | undefined {
  return typeof __dirname === "string" ? __dirname : undefined;
}

/** The repository (or installed extension) root: the nearest ancestor holding server/data/facts or dist/facts.json. */
export function findPackageRoot(starts: Array<string | undefined> = [bundleDirectory(), process.argv[1] && path.dirname(process.argv[1]), process.cwd()]): string | undefined {
  for (const start of starts) {
    if (!start) continue;
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(path.join(dir, "server", "data", "facts")) || fs.existsSync(path.join(dir, "dist", "facts.json"))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

function fromJson(file: string, root: string): FactFileText[] | undefined {
  const text = readTextFile(file);
  if (text === undefined) return undefined;
  try {
    const list = JSON.parse(text) as Array<{ file: string; text: string; data?: unknown }>;
    if (!Array.isArray(list)) return undefined;
    return list.map((f) => ({
      file: path.isAbsolute(f.file) ? f.file : path.join(root, f.file),
      text: f.text,
      data: f.data,
      origin: "bundled" as const,
    }));
  } catch {
    return undefined;
  }
}

function fromYamlDirectory(dir: string): FactFileText[] | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const files: FactFileText[] = [];
  for (const name of listDirectory(dir).filter((f) => /\.ya?ml$/i.test(f)).sort()) {
    const file = path.join(dir, name);
    const text = readTextFile(file);
    if (text !== undefined) files.push({ file, text, origin: "bundled" });
  }
  return files;
}

/**
 * The bundled fact base: dist/facts.json next to the running bundle (written by
 * scripts/build.mjs), else the YAML sources of the repository (tests under tsx,
 * where a stale dist/ must not win), else the repository's dist/facts.json.
 * File names are absolute so editors can open them. Never throws; [] if nothing is found.
 */
export function loadBundledFactFiles(): FactFileText[] {
  const bundleDir = bundleDirectory();
  if (bundleDir) {
    const root = path.dirname(bundleDir);
    const bundled = fromJson(path.join(bundleDir, "facts.json"), root);
    if (bundled) return bundled;
  }
  const root = findPackageRoot();
  if (!root) return [];
  return fromYamlDirectory(path.join(root, "server", "data", "facts")) ?? fromJson(path.join(root, "dist", "facts.json"), root) ?? [];
}
