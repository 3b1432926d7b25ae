// Go to definition, find references and rename for entity links, citations and
// role titles, across every document the workspace holds (open or indexed).
import type { Claim, Entity, FactIndex, FactOrigin, FileEdit, ParsedDocument, Position, Range } from "../types.js";
import type { ClioWorkspace } from "../workspace.js";
import { constructAt } from "./locate.js";
import { safeFacts } from "./hover.js";
import { normalise, offsetAt } from "./util.js";

export interface Location {
  /** A file path or URI, as the workspace knows it; fact origins may be relative to the extension (bundled files). */
  uri: string;
  range: Range;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function originLocation(origin: FactOrigin): Location {
  return { uri: origin.file, range: origin.range ?? ZERO };
}

function construct(ws: ClioWorkspace, uri: string, position: Position) {
  const doc = ws.getDocument(uri);
  if (!doc) return undefined;
  const facts = safeFacts(ws);
  const found = constructAt(doc, ws.claims(doc), facts, offsetAt(doc, position));
  return found ? { doc, facts, found } : undefined;
}

/** Entity → its fact-file entry; citation → its bibliography or fact-file entry; role title → the title's entry. */
export function definitionAt(ws: ClioWorkspace, uri: string, position: Position): Location[] {
  const at = construct(ws, uri, position);
  if (!at) return [];
  const { doc, facts, found } = at;
  switch (found.kind) {
    case "entity":
      return facts ? facts.lookup(found.link.target).map((e) => originLocation(e.origin)) : [];
    case "citation": {
      const source = ws.sourceLookup(doc).source(found.item.key);
      return source ? [originLocation(source.origin)] : [];
    }
    case "title":
      return [originLocation(found.title.origin)];
    case "date":
      return [];
  }
}

/** Resolves link targets to entity ids, remembering each distinct target once per request. */
function resolver(facts: FactIndex): (target: string) => string[] {
  const cache = new Map<string, string[]>();
  return (target) => {
    const key = normalise(target);
    let ids = cache.get(key);
    if (!ids) {
      ids = facts.lookup(target).map((e) => e.id);
      cache.set(key, ids);
    }
    return ids;
  };
}

function explicitAndImplicitLinks(ws: ClioWorkspace, doc: ParsedDocument) {
  const links = [...doc.links];
  let claims: Claim[] = [];
  try {
    claims = ws.claims(doc);
  } catch {
    claims = doc.claims;
  }
  for (const c of claims) if (c.implicit) links.push(...c.links);
  return links;
}

/** Every link to the entity (or every citation of the key) under the cursor, across the workspace. */
export function referencesAt(ws: ClioWorkspace, uri: string, position: Position, includeDeclaration = false): Location[] {
  const at = construct(ws, uri, position);
  if (!at) return [];
  const { found, facts } = at;
  const out: Location[] = [];
  if (found.kind === "entity" && facts) {
    const ids = facts.lookup(found.link.target).map((e) => e.id);
    if (ids.length !== 1) return [];
    const [id] = ids;
    const resolve = resolver(facts);
    for (const doc of ws.documents()) {
      for (const link of explicitAndImplicitLinks(ws, doc)) {
        if (resolve(link.target).includes(id)) out.push({ uri: doc.uri, range: link.range });
      }
    }
    if (includeDeclaration) {
      const entity = facts.entities.get(id);
      if (entity) out.push(originLocation(entity.origin));
    }
  } else if (found.kind === "citation") {
    const key = found.item.key;
    for (const doc of ws.documents()) {
      for (const c of doc.citations) for (const item of c.items) if (item.key === key) out.push({ uri: doc.uri, range: item.keyRange });
    }
  }
  return out;
}

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

function entityForRename(ws: ClioWorkspace, uri: string, position: Position): { entity: Entity; facts: FactIndex; range: Range; target: string } | { error: string } {
  const at = construct(ws, uri, position);
  if (!at || at.found.kind !== "entity" || at.found.link.implicit) return { error: "Rename works on the target of an entity link [[…]]." };
  if (!at.facts) return { error: "The fact base is not loaded." };
  const matches = at.facts.lookup(at.found.link.target);
  if (matches.length !== 1) return { error: matches.length ? "This link is ambiguous; pick one entity first." : "This link names no known entity." };
  return { entity: matches[0], facts: at.facts, range: at.found.link.targetRange, target: at.found.link.target };
}

export function prepareRenameAt(ws: ClioWorkspace, uri: string, position: Position): PrepareRenameResult {
  const r = entityForRename(ws, uri, position);
  return "error" in r ? r : { range: r.range, placeholder: r.target };
}

/**
 * Rewrites the target of every link to the same entity. Safe only when the new
 * text still names that entity (and no other), so no claim changes meaning.
 */
export function renameAt(ws: ClioWorkspace, uri: string, position: Position, newName: string): { edits: FileEdit[] } | { error: string } {
  const r = entityForRename(ws, uri, position);
  if ("error" in r) return r;
  const name = newName.trim();
  if (!name || /[[\]|\n]/.test(name)) return { error: "An entity link target cannot be empty or contain [, ], | or a line break." };
  const matches = r.facts.lookup(name);
  if (matches.length !== 1 || matches[0].id !== r.entity.id) {
    const names = [r.entity.name, ...r.entity.aliases].join(", ");
    return { error: `“${name}” is not a name of ${r.entity.name} in the fact base (known: ${names}); renaming would change which entity the claims refer to.` };
  }
  const resolve = resolver(r.facts);
  const edits: FileEdit[] = [];
  for (const doc of ws.documents()) {
    const docEdits = doc.links
      .filter((l) => !l.implicit && l.target !== name && resolve(l.target).length === 1 && resolve(l.target)[0] === r.entity.id)
      .map((l) => ({ range: l.targetRange, newText: name }));
    if (docEdits.length) edits.push({ uri: doc.uri, edits: docEdits });
  }
  return { edits };
}
