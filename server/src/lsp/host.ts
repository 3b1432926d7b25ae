// The Node WorkspaceHost the server gives the core: files from disk, bundled
// facts from dist/facts.json (written by scripts/build.mjs), with paths made
// absolute so go to definition can open the shipped YAML files.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FactFileText } from "../core/types.js";
import type { WorkspaceHost } from "../core/workspace.js";
import { extensionRoot } from "./uris.js";

export function loadBundledFacts(): FactFileText[] {
  const candidates = [path.join(extensionRoot, "dist", "facts.json")];
  for (const file of candidates) {
    try {
      const list = JSON.parse(fs.readFileSync(file, "utf8")) as Array<{ file: string; text: string }>;
      return list.map((f) => ({ file: path.isAbsolute(f.file) ? f.file : path.join(extensionRoot, f.file), text: f.text, origin: "bundled" as const }));
    } catch {
      // try the next location
    }
  }
  return [];
}

export function createServerHost(root: string | undefined, bundledFacts: FactFileText[]): WorkspaceHost {
  return {
    root,
    bundledFacts,
    readFile(file) {
      try {
        return fs.readFileSync(file, "utf8");
      } catch {
        return undefined;
      }
    },
    listDir(dir) {
      try {
        return fs.readdirSync(dir);
      } catch {
        return [];
      }
    },
  };
}
