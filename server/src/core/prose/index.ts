// Prose mode (spec §6): implicit claims in unmarked prose. A sentence becomes
// a claim when it holds exactly one natural date that plainly dates it (see
// ./dates.ts) and at least one unambiguous known name (or a citation). Names are
// found with one Aho–Corasick pass per sentence over every name form of the
// fact base. Rules and their reasons: docs/prose-mode.md.
import type { Citation, Claim, EntityLink, FactIndex, ParsedDocument, Span } from "../types.js";
import { parseEdtf } from "../dates/index.js";
import { rangeOf } from "../checks/util.js";
import { TokenMatcher, type Match } from "./matcher.js";
import { sentenceDate } from "./dates.js";
import { splitSentences } from "./sentences.js";

export { sentenceDate, findNaturalDates } from "./dates.js";
export { splitSentences } from "./sentences.js";
export { TokenMatcher } from "./matcher.js";

const matchers = new WeakMap<FactIndex, TokenMatcher<string[]>>();

/** The name matcher of a fact index (built once): every name form written with a capital → entity ids. */
export function nameMatcher(facts: FactIndex): TokenMatcher<string[]> {
  let m = matchers.get(facts);
  if (m) return m;
  m = new TokenMatcher<string[]>();
  for (const [name, ids] of facts.allNames()) {
    // Ids ("zhou-enlai") and lower-case forms are not how names appear in prose.
    if (!/\p{Lu}/u.test(name)) continue;
    const existing = m.get(name);
    m.add(name, existing ? [...new Set([...existing, ...ids])] : [...new Set(ids)]);
  }
  matchers.set(facts, m);
  return m;
}

/** Replaces the given spans of text[from, to) by spaces, keeping offsets. */
function blank(text: string, from: number, to: number, spans: readonly Span[]): string {
  // One pass over the sorted spans: re-slicing the paragraph per span was quadratic
  // (15 s for a 1 MB single-line paragraph, issue 7).
  const inside = spans.filter((s) => s.end > from && s.start < to).sort((x, y) => x.start - y.start);
  if (inside.length === 0) return text.slice(from, to);
  const parts: string[] = [];
  let pos = from;
  for (const s of inside) {
    const a = Math.max(s.start, pos);
    const b = Math.min(s.end, to);
    if (a >= b) continue;
    parts.push(text.slice(pos, a), " ".repeat(b - a));
    pos = b;
  }
  parts.push(text.slice(pos, to));
  return parts.join("");
}

// Markdown link destinations, autolinks and bare URLs.
const URL = /\]\([^)\s]*(?:\s+"[^"]*")?\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|\bhttps?:\/\/[^\s)\]>]+/gi;

function urlSpans(text: string, para: Span): Span[] {
  const out: Span[] = [];
  for (const m of text.slice(para.start, para.end).matchAll(URL)) {
    // Keep the closing bracket of the link text: it still ends the bracketed span.
    const skip = m[0].startsWith("]") ? 1 : 0;
    out.push({ start: para.start + m.index! + skip, end: para.start + m.index! + m[0].length });
  }
  return out;
}

const HEADING = /^\s{0,3}#{1,6}(\s|$)/;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Spans sorted by start, queried in document order: each query is amortised O(1) plus its hits. */
class SpanCursor<T> {
  private next = 0;
  /** Largest end among items[0..i]: once it lies before a query, no item up to i can overlap it or any later one. */
  private readonly maxEnd: number[] = [];
  constructor(
    private readonly items: readonly T[],
    private readonly spanOf: (item: T) => Span,
  ) {
    let max = -Infinity;
    for (const item of items) this.maxEnd.push((max = Math.max(max, spanOf(item).end)));
  }
  /** Items overlapping `span`; spans passed in must not move backwards. */
  overlapping(span: Span): T[] {
    while (this.next < this.items.length && this.maxEnd[this.next] <= span.start) this.next++;
    const out: T[] = [];
    for (let i = this.next; i < this.items.length; i++) {
      const s = this.spanOf(this.items[i]);
      if (s.start >= span.end) break;
      if (overlaps(s, span)) out.push(this.items[i]);
    }
    return out;
  }
}

export function findImplicitClaims(doc: ParsedDocument, facts: FactIndex): Claim[] {
  const matcher = nameMatcher(facts);
  const out: Claim[] = [];
  const bySpan = (a: { span: Span } | Span, b: { span: Span } | Span) => ("span" in a ? a.span : a).start - ("span" in b ? b.span : b).start;
  // Explicit markup: sentences holding any are the author's own claims, not prose.
  const markup = new SpanCursor(
    [...doc.dateTags.map((t) => t.span), ...doc.links.map((l) => l.span), ...doc.claims.map((c) => c.span)].sort(bySpan),
    (s) => s,
  );
  const excludedCursor = new SpanCursor([...doc.excluded].sort(bySpan), (s) => s);
  const citationCursor = new SpanCursor([...doc.citations].sort(bySpan), (c) => c.span);
  let index = doc.claims.length;
  doc.paragraphs.forEach((para, paragraph) => {
    // Headings name topics ("Stalin in 1955: the legacy"); they assert nothing.
    if (HEADING.test(doc.text.slice(para.start, Math.min(para.end, para.start + 8)))) return;
    const excluded = excludedCursor.overlapping(para);
    const paraCitations = citationCursor.overlapping(para);
    // Code, comments, citations and link addresses disappear (kept as spaces, so offsets hold):
    // "@bashkimi:1956-09-19" is no second date, ".../wiki/Joseph_Stalin" no mention of Stalin.
    const plain = blank(doc.text, para.start, para.end, [...excluded, ...paraCitations.map((c) => c.span), ...urlSpans(doc.text, para)]);
    for (const local of splitSentences(plain, 0, plain.length)) {
      const sentence = { start: local.start + para.start, end: local.end + para.start };
      if (markup.overlapping(sentence).length > 0) continue;
      const own = paraCitations.filter((c) => overlaps(c.span, sentence));
      const text = plain.slice(local.start, local.end);
      const found = sentenceDate(text, sentence.start);
      if (!("date" in found)) continue;
      const parsed = parseEdtf(found.date.edtf);
      if (!("date" in parsed)) continue;
      // Names count only in the clause the date stands in: "…, which approved the withdrawal" is another statement.
      const clause = clauseAround(plain, local, found.date.span.start - para.start, found.date.span.end - para.start);
      const scope = { start: clause.start + para.start, end: clause.end + para.start };
      const nameText = blank(plain, clause.start, clause.end, [{ start: found.date.span.start - para.start, end: found.date.span.end - para.start }]);
      const names = matcher
        .findAll(nameText, scope.start)
        .filter((m) => m.value.length === 1 && /^\p{Lu}/u.test(doc.text.slice(m.start, m.end)));
      if (names.length === 0 && own.length === 0) continue;
      const dateSpan = found.date.span;
      const dateRange = rangeOf(doc, dateSpan);
      const links = toLinks(doc, names, sentence.start, dateSpan);
      out.push({
        index: index++,
        span: scope,
        range: rangeOf(doc, scope),
        dateTag: { span: dateSpan, range: dateRange, raw: found.date.edtf, date: parsed.date },
        links,
        subject: links[0],
        citations: own as Citation[],
        text: doc.text.slice(scope.start, scope.end),
        implicit: true,
        paragraph,
      });
    }
  });
  return out;
}

// Clause breaks: semicolons, colons, dashes, and a comma opening a relative or concessive clause.
const CLAUSE_BREAK = /;|:\s|\s[—–]\s|,\s*(?:which|who|whom|whose|where|while|although|though|whereas|but)\b/g;

/** The clause of the sentence `local` (offsets in `text`) that holds the date [dateStart, dateEnd). */
function clauseAround(text: string, local: Span, dateStart: number, dateEnd: number): Span {
  let start = local.start;
  let end = local.end;
  const sentence = text.slice(local.start, local.end);
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    const at = local.start + m.index!;
    if (at + m[0].length <= dateStart) start = at + m[0].length;
    else if (at >= dateEnd) {
      end = at;
      break;
    }
  }
  while (start < end && /\s/.test(text[start])) start++;
  return { start, end };
}

function toLinks(doc: ParsedDocument, names: Match<string[]>[], sentenceStart: number, dateSpan: Span): EntityLink[] {
  const links: EntityLink[] = [];
  let prevEnd = sentenceStart;
  for (const m of names) {
    // `before` runs from the previous name or the date phrase, whichever is closer.
    const from = Math.max(prevEnd, dateSpan.end <= m.start ? dateSpan.end : sentenceStart);
    const span = { start: m.start, end: m.end };
    const range = rangeOf(doc, span);
    const text = doc.text.slice(m.start, m.end);
    links.push({
      span,
      range,
      // The id pins the entity, so checks resolve exactly what the matcher found.
      target: m.value[0],
      targetRange: range,
      nameUsed: text,
      nameRange: range,
      before: { text: doc.text.slice(from, m.start), span: { start: from, end: m.start } },
      implicit: true,
    });
    prevEnd = m.end;
  }
  return links;
}
