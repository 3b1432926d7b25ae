// Shared helpers for the bad-input tests: an in-memory workspace over the bundled facts.
import assert from "node:assert/strict";
import { ClioWorkspace, type WorkspaceHost, type WorkspaceSettings } from "../../server/src/core/workspace.js";
import { bundledFactFiles, assertRangeInside } from "../fuzz/properties.js";
import type { ClioDiagnostic } from "../../server/src/core/types.js";

const bundled = bundledFactFiles();

export function memoryWorkspace(files: Record<string, string> = {}, settings: WorkspaceSettings = {}, root = "/ws", withBundled = true): ClioWorkspace {
  const host: WorkspaceHost = {
    root,
    readFile: (f) => files[f],
    listDir: (dir) => Object.keys(files).filter((f) => f.startsWith(dir + "/")).map((f) => f.slice(dir.length + 1)).filter((n) => !n.includes("/")),
    bundledFacts: withBundled ? bundled : [],
  };
  return new ClioWorkspace(host, settings);
}

/** Every diagnostic of the document lies inside it, none is an internal error, and the text is kept unchanged. */
export function assertSane(ws: ClioWorkspace, uri: string, text: string): ClioDiagnostic[] {
  const doc = ws.getDocument(uri)!;
  assert.equal(doc.text, text, "the user's text is kept unchanged");
  const diags = ws.diagnostics(uri);
  for (const d of diags) {
    assert.notEqual(d.code, "internal-error", d.message);
    if (d.uri === uri) assertRangeInside(d.range, text, `${d.code} "${d.message}"`);
  }
  return diags;
}
