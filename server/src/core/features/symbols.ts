// The outline of a paper (its claims in date order) and workspace symbols
// (entities and events of the fact base).
import type { Range } from "../types.js";
import type { ClioWorkspace } from "../workspace.js";
import { safeFacts } from "./hover.js";
import { normalise } from "./util.js";

export type SymbolKindName = "claim" | "entity" | "event";

export interface DocumentSymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  range: Range;
  selectionRange: Range;
}

export interface WorkspaceSymbolEntry {
  name: string;
  kind: SymbolKindName;
  entityType?: string;
  containerName?: string;
  uri: string;
  range: Range;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function summary(text: string, raw: string): string {
  const rest = text.startsWith(`{${raw}}`) ? text.slice(raw.length + 2) : text;
  const plain = rest.replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, "$2").replace(/\[\[([^\]]*)\]\]/g, "$1").replace(/\s+/g, " ").trim();
  return plain.length > 70 ? `${plain.slice(0, 69)}…` : plain;
}

/** Explicit claims, earliest first; claims with invalid dates keep document order at the end. */
export function documentSymbols(ws: ClioWorkspace, uri: string): DocumentSymbolEntry[] {
  const doc = ws.getDocument(uri);
  if (!doc) return [];
  const claims = [...doc.claims].sort((a, b) => {
    const da = a.dateTag.date?.earliest ?? Infinity;
    const db = b.dateTag.date?.earliest ?? Infinity;
    return da === db ? a.index - b.index : da < db ? -1 : 1;
  });
  return claims.map((c) => ({
    name: `${c.dateTag.raw} ${summary(c.text, c.dateTag.raw)}`.trim(),
    detail: c.subject?.nameUsed,
    kind: "claim" as const,
    range: c.range,
    selectionRange: c.dateTag.range,
  }));
}

export function workspaceSymbols(ws: ClioWorkspace, query: string, limit = 500): WorkspaceSymbolEntry[] {
  const facts = safeFacts(ws);
  if (!facts) return [];
  const q = normalise(query);
  const out: WorkspaceSymbolEntry[] = [];
  for (const e of facts.entities.values()) {
    if (q && ![e.name, e.id, ...e.aliases].some((n) => normalise(n).includes(q))) continue;
    out.push({ name: e.name, kind: "entity", entityType: e.type, containerName: e.type, uri: e.origin.file, range: e.origin.range ?? ZERO });
    if (out.length >= limit) return out;
  }
  for (const ev of facts.events.values()) {
    if (q && ![ev.name, ev.id].some((n) => normalise(n).includes(q))) continue;
    out.push({ name: ev.name, kind: "event", containerName: `event, ${ev.date}`, uri: ev.origin.file, range: ev.origin.range ?? ZERO });
    if (out.length >= limit) return out;
  }
  return out;
}
