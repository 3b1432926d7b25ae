// Quick fix for an unknown link target: append an entity stub to the workspace
// fact file (clio.facts.yaml), creating the file when it is missing. The stub
// is valid YAML for the fact-file schema; the author fills in type, dates and sources.
import type { QuickFix } from "../types.js";

/** A kebab-case id from a name: "Hồ Chí Minh" → "ho-chi-minh". */
export function stubId(name: string): string {
  const id = name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id || "new-entity";
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * The fix. `existing` is the fact file's current text (undefined when missing);
 * `uri` is the fact file's path or URI.
 */
export function entityStubFix(
  uri: string,
  name: string,
  existing: string | undefined,
  source?: { key: string; locator?: string },
): QuickFix | undefined {
  const id = stubId(name);
  const item = (indent: string, id: string, name: string) => stubItem(indent, id, name, source);
  const title = `Add "${name}" to ${uri.split("/").pop()} as a new entity`;
  if (existing === undefined || existing.trim() === "") {
    const text = `# Workspace facts for Clio (see docs/fact-files.md).\nentities:\n${item("  ", id, name)}`;
    return {
      title,
      safe: false,
      edits: [{ uri, create: existing === undefined, edits: [{ range: zero(0, 0), newText: text }] }],
    };
  }
  // Lines as editors count them: a lone \r ends a line too (LSP), or positions land past a line's end.
  const lines = existing.split(/\r\n|\r|\n/);
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const entitiesLine = lines.findIndex((l) => /^entities:\s*(#.*)?$/.test(l));
  if (entitiesLine >= 0) {
    // The block list runs until the next line that starts in column 0 with something other than a comment.
    let end = entitiesLine + 1;
    let indent = "  ";
    for (; end < lines.length; end++) {
      const l = lines[end];
      if (/^\S/.test(l) && !/^#/.test(l) && !/^-/.test(l)) break;
      const m = /^(\s*)- /.exec(l);
      if (m && end === firstItem(lines, entitiesLine)) indent = m[1];
    }
    // Insert after the last non-blank line of the block.
    let at = end;
    while (at > entitiesLine + 1 && lines[at - 1].trim() === "") at--;
    const text = item(indent, id, name).replace(/\n/g, eol);
    return { title, safe: false, edits: [{ uri, edits: [{ range: zero(at, 0), newText: text }] }] };
  }
  if (/^entities:/m.test(existing)) {
    // A flow-style list (`entities: []`) cannot be extended line by line; offer no fix rather than a broken file.
    return undefined;
  }
  const last = lines.length - 1;
  const lead = lines[last] === "" ? "" : eol;
  const text = `${lead}entities:${eol}${item("  ", id, name).replace(/\n/g, eol)}`;
  return { title, safe: false, edits: [{ uri, edits: [{ range: zero(last, lines[last].length), newText: text }] }] };
}

function firstItem(lines: string[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) if (/^\s*- /.test(lines[i])) return i;
  return -1;
}

// The schema wants at least one source: the claim's own citation when it has one, else a TODO key the loader will flag.
function stubItem(indent: string, id: string, name: string, source?: { key: string; locator?: string }): string {
  const pad = indent + "  ";
  const ref = source
    ? `{ key: ${yamlString(source.key)}${source.locator ? `, locator: ${yamlString(source.locator)}` : ""} }`
    : `{ key: "TODO" }`;
  return (
    `${indent}- id: ${id}\n` +
    `${pad}type: person # person | state | party | organisation | place | event\n` +
    `${pad}name: ${yamlString(name)}\n` +
    `${pad}sources: [${ref}] # where this entity is attested\n`
  );
}

function zero(line: number, character: number) {
  return { start: { line, character }, end: { line, character } };
}
