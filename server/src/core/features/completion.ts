// Completion: entities after `[[` (searching aliases, so `Chou` offers Zhou
// Enlai), source keys after `@`, role titles before a link, and date tags
// from fact-base events after `{`.
import type { Entity, FactIndex, ParsedDocument, Position, Range, Source, Span } from "../types.js";
import type { ClioWorkspace } from "../workspace.js";
import { safeFacts } from "./hover.js";
import { chicagoReference, shortDate, spanInWords } from "./format.js";
import { normalise, offsetAt, positionAt } from "./util.js";

export type CompletionKind = "entity" | "source" | "title" | "date";

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What the editor filters on (the alias that matched, for entities). */
  filterText?: string;
  sortText?: string;
  insertText: string;
  /** The text the entry replaces. */
  range: Range;
}

const MAX_ENTRIES = 200;

export function completionsAt(ws: ClioWorkspace, uri: string, position: Position): CompletionEntry[] {
  const doc = ws.getDocument(uri);
  if (!doc) return [];
  const facts = safeFacts(ws);
  if (!facts) return [];
  const offset = offsetAt(doc, position);
  if (isExcluded(doc, offset)) return [];
  const lineStart = doc.text.lastIndexOf("\n", offset - 1) + 1;
  const before = doc.text.slice(lineStart, offset);

  const link = /\[\[([^\][|\n]*)$/.exec(before);
  if (link) return entityCompletions(doc, facts, link[1], offset, position);

  const cite = /(^|[\s[;(])(-?)@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u.exec(before);
  if (cite) return sourceCompletions(ws, doc, cite[3], offset, position);

  const date = /\{([0-9X?~%./-]*)$/.exec(before);
  if (date) return dateCompletions(doc, facts, date[1], offset, position);

  // A title is worth offering when a link follows the cursor or the word starts with a capital.
  const word = /(\p{Lu}[\p{L}-]*)$/u.exec(before);
  const after = doc.text.slice(offset, offset + 40);
  if (word && (/^\s*\[\[/.test(after) || insideClaim(doc, offset))) return titleCompletions(doc, facts, word[1], offset, position);
  return [];
}

/** Excluded spans sorted by start, with the running maximum end, per document: a request is a binary search. */
const excludedIndex = new WeakMap<ParsedDocument, { spans: Span[]; maxEnd: number[] }>();
function isExcluded(doc: ParsedDocument, offset: number): boolean {
  let index = excludedIndex.get(doc);
  if (!index) {
    const spans = [...doc.excluded].sort((a, b) => a.start - b.start);
    let max = -1;
    index = { spans, maxEnd: spans.map((s) => (max = Math.max(max, s.end))) };
    excludedIndex.set(doc, index);
  }
  const { spans, maxEnd } = index;
  // Last span starting before the offset; walk back while an earlier one could still reach past it.
  let lo = 0;
  let hi = spans.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0 && maxEnd[i] > offset; i--) if (spans[i].end > offset) return true;
  return false;
}

function insideClaim(doc: ParsedDocument, offset: number): boolean {
  return doc.claims.some((c) => offset > c.span.start && offset <= c.span.end);
}

function replaceRange(doc: ParsedDocument, start: number, end: number, position: Position): Range {
  return { start: positionAt(doc, start), end: end === start ? position : positionAt(doc, end) };
}

function entityDetail(e: Entity): string {
  const life = e.existence ? `, ${spanInWords(e.startDate, e.endDate, e.existence.start, e.existence.end)}` : "";
  return `${e.type}${life}`;
}

interface SearchableName {
  name: string;
  ids: readonly string[];
  /** Normalised name and its words, computed once per fact index (every request searches them all). */
  n: string;
  words: string[];
}
const searchable = new WeakMap<FactIndex, SearchableName[]>();
function searchableNames(facts: FactIndex): SearchableName[] {
  let list = searchable.get(facts);
  if (!list) {
    list = [];
    for (const [name, ids] of facts.allNames()) {
      const n = normalise(name);
      list.push({ name, ids, n, words: n.split(/[\s-]+/) });
    }
    searchable.set(facts, list);
  }
  return list;
}

export function entityCompletions(doc: ParsedDocument, facts: FactIndex, typed: string, offset: number, position: Position): CompletionEntry[] {
  const query = normalise(typed);
  // Replace the typed part and, if present, the rest of the target up to `]]` or `|`.
  const rest = /^[^\][|\n]*/.exec(doc.text.slice(offset))![0];
  const closing = doc.text.slice(offset + rest.length, offset + rest.length + 2);
  const hasClose = closing === "]]" || closing.startsWith("|");
  const range = replaceRange(doc, offset - typed.length, offset + rest.length, position);
  // Best matching name form per entity: exact prefix of the name beats a word prefix inside it.
  const best = new Map<string, { name: string; score: number }>();
  for (const { name, ids, n, words } of searchableNames(facts)) {
    let score: number;
    if (!query) score = 1;
    else if (n.startsWith(query)) score = 3;
    else if (words.some((w) => w.startsWith(query))) score = 2;
    else if (n.includes(query)) score = 1;
    else continue;
    for (const id of ids) {
      const prev = best.get(id);
      if (!prev || score > prev.score) best.set(id, { name, score });
    }
  }
  const out: CompletionEntry[] = [];
  for (const [id, match] of best) {
    const e = facts.entities.get(id);
    if (!e) continue;
    const viaAlias = normalise(match.name) !== normalise(e.name);
    out.push({
      label: e.name,
      kind: "entity",
      detail: viaAlias ? `${entityDetail(e)} — matches “${match.name}”` : entityDetail(e),
      documentation: e.description,
      // The editor filters on the text typed after `[[`; offering the matched alias keeps `Chou` → Zhou Enlai visible.
      filterText: typed ? match.name : e.name,
      sortText: `${3 - match.score}${e.name.toLowerCase()}`,
      insertText: hasClose ? e.name : `${e.name}]]`,
      range,
    });
  }
  out.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
  return out.slice(0, MAX_ENTRIES);
}

/** A source's completion detail and reference, formatted once per source object. */
const sourceText = new WeakMap<Source, { detail?: string; documentation: string }>();
function sourceTexts(source: Source): { detail?: string; documentation: string } {
  let text = sourceText.get(source);
  if (!text) {
    const issued = source.issued ? shortDate(source.issuedDate, source.issued) : undefined;
    text = { detail: [source.title ?? source["container-title"], issued].filter(Boolean).join(" · ") || undefined, documentation: chicagoReference(source) };
    sourceText.set(source, text);
  }
  return text;
}

function sourceCompletions(ws: ClioWorkspace, doc: ParsedDocument, typed: string, offset: number, position: Position): CompletionEntry[] {
  const lookup = ws.sourceLookup(doc);
  const query = typed.toLowerCase();
  const rest = /^[\p{L}\p{N}_:.#$%&+?<>~/-]*/u.exec(doc.text.slice(offset))![0];
  const range = replaceRange(doc, offset - typed.length, offset + rest.length, position);
  const seen = new Set<string>();
  const out: CompletionEntry[] = [];
  for (const key of lookup.sourceKeys()) {
    if (seen.has(key)) continue;
    seen.add(key);
    if (query && !key.toLowerCase().includes(query)) continue;
    const source = lookup.source(key);
    const text = source ? sourceTexts(source) : undefined;
    out.push({
      label: key,
      kind: "source",
      detail: text?.detail,
      documentation: text?.documentation,
      sortText: `${source?.from === "bibliography" ? 0 : 1}${key}`,
      insertText: key,
      range,
    });
    if (out.length >= MAX_ENTRIES) break;
  }
  return out;
}

function dateCompletions(doc: ParsedDocument, facts: FactIndex, typed: string, offset: number, position: Position): CompletionEntry[] {
  const hasClose = doc.text[offset] === "}";
  const range = replaceRange(doc, offset - typed.length, offset, position);
  const out: CompletionEntry[] = [];
  for (const e of facts.events.values()) {
    if (typed && !e.date.startsWith(typed)) continue;
    out.push({
      label: e.date,
      kind: "date",
      detail: e.name,
      documentation: `${shortDate(e.parsedDate, e.date)}: ${e.name}`,
      filterText: e.date,
      sortText: e.date,
      insertText: hasClose ? e.date : `${e.date}}`,
      range,
    });
  }
  out.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
  return out.slice(0, MAX_ENTRIES);
}

function titleCompletions(doc: ParsedDocument, facts: FactIndex, typed: string, offset: number, position: Position): CompletionEntry[] {
  const query = normalise(typed);
  const range = replaceRange(doc, offset - typed.length, offset, position);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  for (const title of facts.titles.values()) {
    for (const name of [title.name, ...title.aliases]) {
      if (seen.has(name) || !normalise(name).startsWith(query)) continue;
      seen.add(name);
      out.push({ label: name, kind: "title", detail: title.name !== name ? `title: ${title.name}` : "title", insertText: name, range });
    }
  }
  return out.slice(0, MAX_ENTRIES);
}
