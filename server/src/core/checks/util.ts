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
import { normalizeName } from "../facts/normalize.js";
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
  const key = target.trim();
  let found = cache.get(key);
  if (!found) {
    try {
      found = facts.lookup(key);
    } catch {
      found = [];
    }
    cache.set(key, found);
  }
  return found;
}

/** The link's entity when it resolves to exactly one; ambiguous and unknown links are other checks' business. */
export function resolveUnique(facts: FactIndex, link: EntityLink): Entity | undefined {
  const found = resolve(facts, link.target);
  return found.length === 1 ? found[0] : undefined;
}

// ---------------------------------------------------------------- references vs. actors

// Words before a link that make it a mention of someone (dead, remembered), not an actor of the claim.
const REFERENCE_BEFORE = /(?:\bthe\s+late|\bin\s+memory\s+of|\bin\s+honou?r\s+of|\bmemory\s+of|\blegacy\s+of|\bdeath\s+of|\bfuneral\s+of|\bera\s+of|\bcult\s+of|\bheirs?\s+of|\bsuccessors?\s+of|\bde-)\s*$/i;
// Words after a link that make it a reference: "Stalin's legacy", "the Stalin era".
const REFERENCE_AFTER =
  /^(?:['’]s?\s+(?:former|late|legacy|heritage|death|funeral|memory|memoirs|policies|policy|successors?|widow|heirs?|era|cult|ghost|shadow|body|remains|tomb|grave|mausoleum|portraits?|statues?|writings|works|books|speeches|words|teachings|ideas|doctrine|name|image|followers|admirers|critics|biographers?|crimes|victims|purges|birthday|anniversary|daughter|sons?|wife|family|children|relatives|descendants|grand(?:son|daughter|children)|time|times|rule|reign|regime|line)\b|\s+era\b|-era\b|\s+years\b)/i;

/** Whether the text around a name (link or prose mention) marks it as a reference rather than an actor. */
export function isReferenceMention(text: string, span: Span): boolean {
  const before = text.slice(Math.max(0, span.start - 40), span.start);
  if (REFERENCE_BEFORE.test(before)) return true;
  const after = text.slice(span.end, span.end + 40);
  return REFERENCE_AFTER.test(after);
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
export function isActor(text: string, claim: Claim, link: EntityLink): boolean {
  if (isReferenceMention(text, link.span)) return false;
  if (!claim.implicit) return true;
  if (link !== claim.subject) return false;
  return !OBJECT_BEFORE.test(text.slice(Math.max(0, link.span.start - 30), link.span.start));
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
// Prose repeats the same words; normalising each spelling once keeps tokenising cheap.
const normCache = new Map<string, string>();
function normToken(word: string): string {
  let norm = normCache.get(word);
  if (norm === undefined) {
    if (normCache.size > 50_000) normCache.clear();
    norm = normalizeName(word);
    normCache.set(word, norm);
  }
  return norm;
}

export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({ norm: normToken(m[0]), start: offset + m.index!, end: offset + m.index! + m[0].length });
  }
  return out;
}

/** Normalised token sequence of a name, joined by single spaces (the key titles and names are matched by). */
export function tokenKey(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(" ");
}
