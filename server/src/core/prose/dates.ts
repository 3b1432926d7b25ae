// Natural English dates in unmarked prose → EDTF text (then parsed by the
// dates module like any date tag). Precision first: a sentence is dated only
// when it holds exactly one date that plainly dates it. Dates inside
// parentheses, brackets or citations are ignored; "by", "until", "since",
// "after", "before" … in front of a date, a second date or bare year, or a date
// inside a relative clause make the sentence undatable.
import type { Span } from "../types.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTH = `(${MONTHS.join("|")})`;
const YEAR = `(1[0-9]{3}|20[0-9]{2})`;
const DAY = `([1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?`;
const SEASONS: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };

export type NaturalDateKind = "day" | "month" | "season" | "part-year" | "decade" | "interval" | "year";

export interface NaturalDate {
  /** Span of the date phrase in the scanned text's coordinates (offset added). */
  span: Span;
  /** The phrase as written, e.g. "in April 1961". */
  text: string;
  edtf: string;
  kind: NaturalDateKind;
}

interface Pattern {
  kind: NaturalDateKind;
  re: RegExp;
  /**
   * A cheaper test that every text the pattern matches passes; most sentences fail
   * it and skip the full pattern. Only where it pays: a month name, a season word
   * or "in" is found about as fast by the full pattern.
   */
  need?: RegExp;
  edtf(m: RegExpExecArray): string | undefined;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const monthNo = (name: string) => MONTHS.indexOf(name) + 1;
const PART: Record<string, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12] };
const DECADE_PART: Record<string, [number, number]> = { early: [0, 3], mid: [4, 6], late: [7, 9] };

const HAS_MONTH = new RegExp(MONTH);

// Order matters only for readability: overlaps are resolved by taking the longest match.
const PATTERNS: Pattern[] = [
  {
    kind: "day",
    re: new RegExp(`\\b(?:(?:[Oo]n|[Ii]n|[Dd]uring)\\s+)?(?:the\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, "g"),
    need: HAS_MONTH,
    edtf: (m) => `${m[3]}-${pad(monthNo(m[2]))}-${pad(+m[1])}`,
  },
  {
    kind: "day",
    re: new RegExp(`\\b(?:(?:[Oo]n|[Ii]n|[Dd]uring)\\s+)?${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, "g"),
    need: HAS_MONTH,
    edtf: (m) => `${m[3]}-${pad(monthNo(m[1]))}-${pad(+m[2])}`,
  },
  {
    kind: "month",
    re: new RegExp(`\\b(?:(?:[Ii]n|[Dd]uring)\\s+)?(?:[Ee]arly\\s+|[Mm]id-|[Ll]ate\\s+)?${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b`, "g"),
    need: HAS_MONTH,
    // "early April 1961" still lies within April.
    edtf: (m) => `${m[2]}-${pad(monthNo(m[1]))}`,
  },
  {
    kind: "season",
    re: new RegExp(`\\b(?:(?:[Ii]n|[Dd]uring)\\s+)?(?:the\\s+)?([Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\\s+(?:of\\s+)?${YEAR}\\b`, "g"),
    edtf: (m) => `${m[2]}-${SEASONS[m[1].toLowerCase()]}`,
  },
  {
    kind: "part-year",
    re: new RegExp(`\\b(?:(?:[Ii]n|[Dd]uring)\\s+)?([Ee]arly|[Mm]id|[Ll]ate)(?:\\s+|-)${YEAR}\\b(?!s)`, "g"),
    need: /[Ee]arly|[Mm]id|[Ll]ate/,
    edtf: (m) => {
      const [a, b] = PART[m[1].toLowerCase()];
      return `${m[2]}-${pad(a)}/${m[2]}-${pad(b)}`;
    },
  },
  {
    kind: "decade",
    re: /\b(?:(?:[Ii]n|[Dd]uring)\s+)?[Tt]he\s+(?:([Ee]arly|[Mm]id|[Ll]ate)(?:\s+|-))?(1[0-9]{2}|20[0-9])0s\b/g,
    need: /[Tt]he\s/,
    edtf: (m) => {
      const decade = +m[2] * 10;
      const [a, b] = m[1] ? DECADE_PART[m[1].toLowerCase()] : [0, 9];
      return `${decade + a}/${decade + b}`;
    },
  },
  {
    kind: "interval",
    re: new RegExp(`\\b(?:[Bb]etween\\s+${YEAR}\\s+and\\s+${YEAR}|[Ff]rom\\s+${YEAR}\\s+(?:to|until|till|through)\\s+${YEAR})\\b`, "g"),
    need: /[Bb]etween|[Ff]rom/,
    edtf: (m) => {
      const a = +(m[1] ?? m[3]);
      const b = +(m[2] ?? m[4]);
      return b > a ? `${a}/${b}` : undefined;
    },
  },
  {
    kind: "year",
    re: new RegExp(`\\b(?:[Ii]n|[Dd]uring)\\s+${YEAR}\\b(?!s)`, "g"),
    edtf: (m) => m[1],
  },
];

// Words that, right before a date, make it a bound or a reference point rather than the sentence's date.
const BLOCKERS = new Set([
  "by", "until", "till", "since", "after", "before", "following", "prior", "to", "as", "of", "than", "from", "between", "and", "or", "around", "about", "circa", "c",
]);
// A relative or subordinate clause opener after a comma: the date there dates the clause, not the sentence.
const RELATIVE = /,\s*(?:which|who|whom|whose|where|when|whereas|while|although|though|as)\b[^,;]*$/i;
const ANY_YEAR = /\b(1[0-9]{3}|20[0-9]{2})(?:s|['’]s)?\b/g;

/** Ranges of the text inside (...) or [...] (citations, asides): dates there never date the sentence. */
export function bracketedSpans(text: string): Span[] {
  const out: Span[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") stack.push(i);
    else if ((c === ")" || c === "]") && stack.length) {
      const start = stack.pop()!;
      if (stack.length === 0) out.push({ start, end: i + 1 });
    }
  }
  // An unclosed bracket runs to the end.
  if (stack.length) out.push({ start: stack[0], end: text.length });
  return out;
}

const FOUR_DIGITS = /[0-9]{4}/;

const inside = (spans: Span[], at: number) => spans.some((s) => s.start <= at && at < s.end);

/** Every date phrase in the text (bracketed ones included), longest first where they overlap. */
export function findNaturalDates(text: string, offset = 0): NaturalDate[] {
  const found: NaturalDate[] = [];
  // Every pattern holds four digits in a row (a year, or a decade's "1960s"): sentences without them need no more.
  if (!FOUR_DIGITS.test(text)) return found;
  let need: RegExp | undefined;
  let met = true;
  for (const p of PATTERNS) {
    // Patterns sharing a test (the month names) are next to each other: one test for them all.
    if (p.need !== need) {
      need = p.need;
      met = !need || need.test(text);
    }
    if (!met) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const edtf = p.edtf(m);
      if (!edtf) continue;
      found.push({ span: { start: m.index + offset, end: m.index + m[0].length + offset }, text: m[0], edtf, kind: p.kind });
    }
  }
  found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: NaturalDate[] = [];
  let free = -Infinity;
  for (const d of found) {
    if (d.span.start < free) continue;
    out.push(d);
    free = d.span.end;
  }
  return out;
}

export type SentenceDate = { date: NaturalDate } | { skip: string };

/**
 * The one date that dates a sentence, or why there is none. `text` is the
 * sentence (code and citations may be blanked out), `offset` its position.
 */
export function sentenceDate(text: string, offset = 0): SentenceDate {
  const all = findNaturalDates(text, 0);
  if (all.length === 0) return { skip: "no date" };
  const brackets = bracketedSpans(text);
  const dates = all.filter((d) => !inside(brackets, d.span.start));
  if (dates.length === 0) return { skip: "no date" };
  if (dates.length > 1) return { skip: "several dates" };
  const date = dates[0];
  // Any other year outside brackets (a bare "the 1961 congress") makes the dating unclear.
  for (const m of text.matchAll(ANY_YEAR)) {
    const at = m.index!;
    if (inside(brackets, at)) continue;
    if (at >= date.span.start && at < date.span.end) continue;
    return { skip: "another year in the sentence" };
  }
  const before = text.slice(0, date.span.start);
  const prevWord = /([\p{L}]+)\W*$/u.exec(before)?.[1]?.toLowerCase();
  if (prevWord && BLOCKERS.has(prevWord)) return { skip: `"${prevWord}" before the date` };
  if (RELATIVE.test(before)) return { skip: "date inside a relative clause" };
  return { date: { ...date, span: { start: date.span.start + offset, end: date.span.end + offset } } };
}
