// Helpers shared by the checks: positions, interval comparison over composite
// spans (tenures, name periods), provenance labels and entity resolution.
import type {
  Claim,
  ClioDate,
  ClioDiagnostic,
  DayNumber,
  Entity,
  EntityLink,
  FactIndex,
  Overlap,
  ParsedDocument,
  Position,
  Range,
  Severity,
  SourceRef,
  Span,
} from "../types.js";
import { normalizeWord } from "../facts/normalize.js";
import * as text from "../text.js";

export function positionAt(doc: ParsedDocument, offset: number): Position {
  return text.positionAt(doc.lineStarts, Math.min(offset, doc.text.length));
}

export function rangeOf(doc: ParsedDocument, span: Span): Range {
  return { start: positionAt(doc, span.start), end: positionAt(doc, span.end) };
}

export function offsetAt(doc: ParsedDocument, pos: Position): number {
  return text.offsetAt(doc.lineStarts, pos, doc.text.length);
}

/** An interval of days with certain and loose bounds (a date, a tenure, a name period). */
export interface DaySpan {
  earliest: DayNumber;
  latest: DayNumber;
  looseEarliest: DayNumber;
  looseLatest: DayNumber;
}

/**
 * Certainly overlapping when the certain bounds intersect, "fuzzy" when only the
 * bounds widened by uncertainty/approximation do, else disjoint.
 */
export function spanOverlap(a: DaySpan, b: DaySpan): Overlap {
  if (a.earliest <= b.latest && b.earliest <= a.latest) return "overlap";
  if (a.looseEarliest <= b.looseLatest && b.looseEarliest <= a.looseLatest) return "fuzzy";
  return "disjoint";
}

/** The span from the start of one (optional) date to the end of another; missing ends are open. */
export function spanBetween(from?: ClioDate, to?: ClioDate): DaySpan {
  return {
    earliest: from ? from.earliest : -Infinity,
    looseEarliest: from ? from.looseEarliest : -Infinity,
    latest: to ? to.latest : Infinity,
    looseLatest: to ? to.looseLatest : Infinity,
  };
}

/** Best of several overlaps: overlap beats fuzzy beats disjoint. */
export function bestOverlap(list: Iterable<Overlap>): Overlap {
  let best: Overlap = "disjoint";
  for (const o of list) {
    if (o === "overlap") return o;
    if (o === "fuzzy") best = o;
  }
  return best;
}

/** The default severity, or one step lower when the conflict exists only through uncertainty. */
export function severityFor(base: Severity, overlap: Overlap): Severity {
  if (overlap !== "fuzzy") return base;
  return base === "error" ? "warning" : base === "warning" ? "information" : "hint";
}

/** `[wikidata Q855]` — the fact's first source key plus its locator. */
export function sourceLabel(sources: readonly SourceRef[] | undefined): string {
  const first = sources?.[0];
  if (!first) return "[no source]";
  return first.locator ? `[${first.key} ${first.locator}]` : `[${first.key}]`;
}

/** The date tag text the user wrote, e.g. `1961-12`; for prose claims the recognised date. */
export function claimDateText(raw: string, date: ClioDate): string {
  return raw.trim() || date.edtf;
}

export function diagnostic(
  doc: ParsedDocument,
  code: string,
  severity: Severity,
  range: Range,
  message: string,
  extra: Partial<ClioDiagnostic> = {},
): ClioDiagnostic {
  return { uri: doc.uri, range, severity, code, message, source: "clio", ...extra };
}

// ---------------------------------------------------------------- entity resolution

/** Resolved links are looked up once per fact index and target text. */
const lookupCache = new WeakMap<FactIndex, Map<string, Entity[]>>();

export function resolve(facts: FactIndex, target: string): Entity[] {
  let cache = lookupCache.get(facts);
  if (!cache) {
    cache = new Map();
    lookupCache.set(facts, cache);
  }
  // Keyed by the target as written too, so a hit needs no trim (several checks ask per link).
  let found = cache.get(target);
  if (!found) {
    // Bounded: a long editing session types many passing spellings.
    if (cache.size > 50_000) cache.clear();
    const key = target.trim();
    found = cache.get(key);
    if (!found) {
      try {
        found = facts.lookup(key);
      } catch {
        found = [];
      }
      cache.set(key, found);
    }
    cache.set(target, found);
  }
  return found;
}

/** Entities per link object too: several checks ask per link, and a lookup by object is cheaper than by string. */
const linkCache = new WeakMap<FactIndex, WeakMap<EntityLink, Entity[]>>();

/** The entities a link's target matches (see resolve). */
export function resolveLink(facts: FactIndex, link: EntityLink): Entity[] {
  let cache = linkCache.get(facts);
  if (!cache) {
    cache = new WeakMap();
    linkCache.set(facts, cache);
  }
  let found = cache.get(link);
  if (!found) {
    found = resolve(facts, link.target);
    cache.set(link, found);
  }
  return found;
}

/** The link's entity when it resolves to exactly one; ambiguous and unknown links are other checks' business. */
export function resolveUnique(facts: FactIndex, link: EntityLink): Entity | undefined {
  const found = resolveLink(facts, link);
  return found.length === 1 ? found[0] : undefined;
}

// ---------------------------------------------------------------- references vs. actors

// Words before a link that make it a mention of someone (dead, remembered), not an actor of the claim.
const REFERENCE_BEFORE = /(?:\bthe\s+late|\bin\s+memory\s+of|\bin\s+honou?r\s+of|\bmemory\s+of|\blegacy\s+of|\bdeath\s+of|\bfuneral\s+of|\bera\s+of|\bcult\s+of|\bheirs?\s+of|\bsuccessors?\s+of|\bde-)\s*$/i;
// Words after a link that make it a reference: "Stalin's legacy", "the Stalin era".
const REFERENCE_AFTER =
  /^(?:['’]s?\s+(?:former|late|legacy|heritage|death|funeral|memory|memoirs|policies|policy|successors?|widow|heirs?|era|cult|ghost|shadow|body|remains|tomb|grave|mausoleum|portraits?|statues?|writings|works|books|speeches|words|teachings|ideas|doctrine|name|image|followers|admirers|critics|biographers?|crimes|victims|purges|birthday|anniversary|daughter|sons?|wife|family|children|relatives|descendants|grand(?:son|daughter|children)|time|times|rule|reign|regime|line)\b|\s+era\b|-era\b|\s+years\b)/i;

/** Whether a UTF-16 code unit is in the regex class `\s` (WhiteSpace and LineTerminator). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Cheap necessary condition for REFERENCE_BEFORE on the 40 characters before
 * `end`: the last non-space one ends "late", "of" or "de-". Most links fail
 * it, which spares the end-anchored regex (it tries every start position).
 */
function mayEndReference(text: string, end: number): boolean {
  const lower = Math.max(0, end - 40);
  let i = end - 1;
  while (i >= lower && isSpaceCode(text.charCodeAt(i))) i--;
  if (i < lower) return false;
  // ASCII case folding; no other code unit folds onto these under /i without /u.
  const c = text.charCodeAt(i) | 0x20;
  return c === 0x65 /* e */ || c === 0x66 /* f */ || c === 0x2d /* - */;
}

/**
 * The block (paragraph, list item, heading…) of `blocks` (in document order)
 * holding the offset, or the whole text when none does. Context windows stop
 * at its edges, so a check's result depends on its own paragraph only (the
 * workspace runs checks and keeps their results per paragraph).
 */
export function blockAround(text: string, blocks: readonly Span[] | undefined, offset: number): Span {
  let lo = 0;
  let hi = (blocks?.length ?? 0) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks![mid];
    if (offset < b.start) hi = mid - 1;
    else if (offset > b.end) lo = mid + 1;
    else return b;
  }
  return { start: 0, end: text.length };
}

/**
 * Whether the text around a name (link or prose mention) marks it as a
 * reference rather than an actor. With `blocks` (the document's paragraphs),
 * the words looked at stay inside the name's own block.
 */
export function isReferenceMention(text: string, span: Span, blocks?: readonly Span[]): boolean {
  let block: Span | undefined;
  if (mayEndReference(text, span.start)) {
    block = blockAround(text, blocks, span.start);
    if (REFERENCE_BEFORE.test(text.slice(Math.max(0, span.start - 40, block.start), span.start))) return true;
  }
  // REFERENCE_AFTER starts with an apostrophe, a space or a hyphen.
  const c = text.charCodeAt(span.end);
  if (!(c === 0x27 || c === 0x2019 || c === 0x2d || isSpaceCode(c))) return false;
  block ??= blockAround(text, blocks, span.start);
  return REFERENCE_AFTER.test(text.slice(span.end, Math.min(span.end + 40, block.end)));
}

// Prepositions right before a name make it an object ("attacks on Stalin", "close to Stalin").
const OBJECT_BEFORE =
  /\b(?:on|of|about|against|to|towards?|for|from|with|by|at|over|under|like|than|into|upon|after|before|behind|among|between|through|beside|near|around|without|within|unlike|despite)\s+(?:the\s+)?$/i;

/**
 * Whether a link names an actor of its claim. In marked claims every link does,
 * unless it is a reference ("the late Stalin"). In prose-mode claims only the
 * subject (first name) does, and only when no preposition makes it an object:
 * unmarked prose mentions many people it makes no claim about.
 */
export function isActor(doc: ParsedDocument, claim: Claim, link: EntityLink): boolean {
  const text = doc.text;
  if (isReferenceMention(text, link.span, doc.paragraphs)) return false;
  if (!claim.implicit) return true;
  if (link !== claim.subject) return false;
  // OBJECT_BEFORE ends in a space: skip the regex when the name does not follow one.
  if (link.span.start === 0 || !isSpaceCode(text.charCodeAt(link.span.start - 1))) return true;
  const block = blockAround(text, doc.paragraphs, link.span.start);
  return !OBJECT_BEFORE.test(text.slice(Math.max(0, link.span.start - 30, block.start), link.span.start));
}

// ---------------------------------------------------------------- text normalisation

/** Lower case without diacritics, typographic apostrophes folded: the form names are compared in. */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[’ʼ`]/g, "'")
    .toLowerCase();
}

// Apostrophes split words, so "Stalin's" holds the token "stalin" and "People's" reads "people s" on both sides.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

export interface Token {
  /** Normalised token text. */
  norm: string;
  start: number;
  end: number;
}

/** Word tokens with their offsets in the original text. Hyphens and spaces both separate words. */
export function tokenize(text: string, offset = 0): Token[] {
  return tokenizeFrom(text, 0, offset);
}

const TOKEN_AT = new RegExp(TOKEN.source, "gu");

/** The tokens of `text` from index `from` on (which must not cut a token), offsets shifted by `offset`. */
function tokenizeFrom(text: string, from: number, offset: number): Token[] {
  const out: Token[] = [];
  TOKEN_AT.lastIndex = from;
  for (let m = TOKEN_AT.exec(text); m; m = TOKEN_AT.exec(text)) {
    const start = offset + m.index;
    out.push({ norm: normalizeWord(m[0]), start, end: start + m[0].length });
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Whether a token can run across the boundary before index `at` (a letter, mark, digit or half a surrogate pair precedes it). */
function joinsToken(text: string, at: number): boolean {
  if (at <= 0) return false;
  const c = text.charCodeAt(at - 1);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return WORD_CHAR.test(text[at - 1]);
}

/**
 * At least the last `count` tokens of `text` (all of them when it has fewer),
 * exactly as `tokenize` gives them, without tokenising a long text from its start.
 */
export function tailTokens(text: string, count: number, offset = 0): Token[] {
  for (let width = 64; ; width *= 4) {
    let from = Math.max(0, text.length - width);
    while (joinsToken(text, from)) from--;
    const tokens = tokenizeFrom(text, from, offset);
    if (tokens.length >= count || from === 0) return tokens;
  }
}

/**
 * The last token of `text` in normalised form when the text's tail is plain
 * ASCII ("" when it has no token); undefined when a non-ASCII character is in
 * the way and the caller must tokenise.
 */
export function lastAsciiToken(text: string): string | undefined {
  let end = text.length;
  let c = 0;
  // Skip what cannot belong to a token.
  for (; end > 0; end--) {
    c = text.charCodeAt(end - 1);
    if (c >= 128) return undefined;
    if ((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122)) break;
  }
  if (end === 0) return "";
  let start = end - 1;
  for (; start > 0; start--) {
    c = text.charCodeAt(start - 1);
    if (c >= 128) return undefined;
    if (!((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122))) break;
  }
  return normalizeWord(text.slice(start, end));
}

/** Normalised token sequence of a name, joined by single spaces (the key titles and names are matched by). */
export function tokenKey(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(" ");
}
