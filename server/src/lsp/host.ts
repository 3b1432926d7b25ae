// The Node WorkspaceHost the server gives the core: files from disk, bundled
// facts from dist/facts.json (written by scripts/build.mjs, parsed there), with
// paths made absolute so go to definition can open the shipped YAML files.
import * as fs from "node:fs";
import type { FactFileText } from "../core/types.js";
import type { WorkspaceHost } from "../core/workspace.js";
import { loadBundledFactFiles } from "../node/host.js";

/** The bundled fact base, pre-parsed at build time (the same loader as the CLI's). */
export function loadBundledFacts(): FactFileText[] {
  return loadBundledFactFiles();
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
