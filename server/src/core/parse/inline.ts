// Inline markup of one prose block, in a single left-to-right pass: code
// spans, math and comments (never markup), date tags, entity links and
// citations, plus the sentence ends and clause breaks that scope claims and
// role titles. Every span is an offset into the block's own text, so a block's
// parse can be reused wherever the same text appears (see updateDocument).
import type { ClioDate, Span } from "../types.js";
import { parseEdtf } from "../dates/index.js";
import { canStartInText, parseBracketCitation, parseInTextCitation, type RawCitation } from "./citations.js";

export interface RawTag {
  span: Span;
  raw: string;
  date?: ClioDate;
  error?: string;
}

export interface RawLink {
  span: Span;
  target: string;
  targetSpan: Span;
  shown?: string;
  shownSpan?: Span;
  before: Span;
}

export interface RawClaim {
  span: Span;
  tag: number;
  links: number[];
  citations: number[];
}

export interface BlockParse {
  excluded: Span[];
  tags: RawTag[];
  links: RawLink[];
  citations: RawCitation[];
  claims: RawClaim[];
}

/** Words whose final period does not end a sentence (spec §1); single capital initials are handled apart. */
const ABBREVIATIONS = new Set([
  "p", "pp", "cf", "Cf", "e.g", "i.e", "vol", "Vol", "no", "No", "ed", "Ed", "eds", "Eds", "St", "Dr", "Gen", "U.S", "U.K",
]);

/** Closing quotes and emphasis marks that may stand between a sentence's final stop and the following space. */
const CLOSERS = new Set(['"', "'", "”", "’", "»", "*", "_"]);

/** Characters after which a role title can no longer stretch back (clause breaks). */
const BREAKS = new Set([",", ";", ":", '"', "“", "”", "—", "–", "(", ")"]);

const LETTER = /\p{L}/u;
const LETTER_DIGIT_OR_BACKSLASH = /[\p{L}\p{N}\\]/u;

// Perf (issue 7): most characters of a block are plain text. They are skipped on
// their character code; only the few the pass acts on go through its dispatch.
const SPECIAL_ASCII = new Uint8Array(128);
for (const ch of "\\`$<{[]()@.!?") SPECIAL_ASCII[ch.charCodeAt(0)] = 1;
const BREAK_CODES = new Set([...BREAKS].map((ch) => ch.charCodeAt(0)));
for (const code of BREAK_CODES) if (code < 128) SPECIAL_ASCII[code] = 1;

function isPlain(code: number): boolean {
  return code < 128 ? SPECIAL_ASCII[code] === 0 : !BREAK_CODES.has(code);
}

/** Whether s[i] is a letter (`\p{L}` on that one code unit), without a regex for ASCII. */
function isLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  return LETTER.test(s[i]);
}

/** The brace-content rule of docs/markup-decisions.md: what counts as an attempt at a date tag. */
export function looksLikeDate(raw: string): boolean {
  return /^\s*(?:[0-9]|-[0-9]|\.\.|\/|X[X0-9]|[?~%][0-9X]|Y-?[0-9])/.test(raw);
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** Whether the `.` at `dot` ends a known abbreviation or a single capital initial. */
function endsAbbreviation(s: string, dot: number): boolean {
  let t = dot;
  while (t > 0 && (s.charCodeAt(t - 1) === 46 /* . */ || isLetterAt(s, t - 1))) t--;
  const word = s.slice(t, dot);
  if (ABBREVIATIONS.has(word)) return true;
  return word.length === 1 && word !== word.toLowerCase();
}

/** Trims whitespace off both ends of s[start, end). */
function trimSpan(s: string, start: number, end: number): Span {
  while (start < end && isSpace(s[start])) start++;
  while (end > start && isSpace(s[end - 1])) end--;
  return { start, end };
}

function normaliseSpaces(text: string): string {
  // Most names hold only single plain spaces: then there is nothing to replace.
  if (!/[^\S ]| \s/.test(text)) return text;
  return text.replace(/\s+/g, " ");
}

/** Positions of backtick runs by length, so each code span's closer is found without rescanning. */
class BacktickRuns {
  private byLength = new Map<number, { starts: number[]; next: number }>();
  constructor(s: string) {
    for (let i = 0; i < s.length; ) {
      if (s[i] !== "`") {
        i++;
        continue;
      }
      let j = i;
      while (j < s.length && s[j] === "`") j++;
      const entry = this.byLength.get(j - i) ?? { starts: [], next: 0 };
      entry.starts.push(i);
      this.byLength.set(j - i, entry);
      i = j;
    }
  }
  /** Start of the first run of exactly `length` backticks at or after `from`, or -1. */
  next(length: number, from: number): number {
    const entry = this.byLength.get(length);
    if (!entry) return -1;
    while (entry.next < entry.starts.length && entry.starts[entry.next] < from) entry.next++;
    return entry.next < entry.starts.length ? entry.starts[entry.next] : -1;
  }
}

const BRACKETING = new Uint8Array(128);
for (const ch of "\\()[]") BRACKETING[ch.charCodeAt(0)] = 1;

/**
 * Offsets of `(` and `[` that never close in the block. They do not open a
 * bracketed region, so one stray bracket cannot hide every later sentence end.
 */
function unclosedOpeners(s: string): Set<number> | undefined {
  const parens: number[] = [];
  const brackets: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || BRACKETING[c] === 0) continue;
    if (c === 92 /* \\ */) i++;
    else if (c === 40 /* ( */) parens.push(i);
    else if (c === 41 /* ) */) parens.pop();
    else if (c === 91 /* [ */) brackets.push(i);
    else if (c === 93 /* ] */) brackets.pop();
  }
  return parens.length || brackets.length ? new Set([...parens, ...brackets]) : undefined;
}

/** Whether the `(` or `[` at an offset closes in the block; worked out on the first question, as many blocks never ask. */
class Openers {
  private unclosed: Set<number> | undefined;
  private known = false;
  constructor(private readonly s: string) {}
  closes(at: number): boolean {
    if (!this.known) {
      this.unclosed = unclosedOpeners(this.s);
      this.known = true;
    }
    return !this.unclosed?.has(at);
  }
}

export function parseInline(s: string): BlockParse {
  const n = s.length;
  const excluded: Span[] = [];
  const tags: RawTag[] = [];
  const links: RawLink[] = [];
  const citations: RawCitation[] = [];
  const sentenceEnds: number[] = [];
  let boundary = 0;
  let paren = 0;
  let bracket = 0;
  let displayMathFailsFrom = Infinity;
  let inlineMathFailsFrom = Infinity;
  let backticks: BacktickRuns | undefined;
  const openers = new Openers(s);


  for (let i = 0; i < n; ) {
    while (i < n && isPlain(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const c = s[i];
    switch (c) {
      case "\\":
        i += 2;
        continue;
      case "`": {
        let j = i;
        while (j < n && s[j] === "`") j++;
        backticks ??= new BacktickRuns(s);
        const close = backticks.next(j - i, j);
        if (close < 0) {
          i = j;
          continue;
        }
        excluded.push({ start: i, end: close + (j - i) });
        boundary = close + (j - i);
        i = close + (j - i);
        continue;
      }
      case "$": {
        if (s[i + 1] === "$") {
          const close = i >= displayMathFailsFrom ? -1 : s.indexOf("$$", i + 2);
          if (close < 0) {
            displayMathFailsFrom = Math.min(displayMathFailsFrom, i);
            i += 2;
            continue;
          }
          excluded.push({ start: i, end: close + 2 });
          boundary = close + 2;
          i = close + 2;
          continue;
        }
        // Pandoc's rule: `$` opens math only before a non-space, and closes after a non-space when no digit follows.
        if (i + 1 >= n || isSpace(s[i + 1]) || i >= inlineMathFailsFrom) {
          i++;
          continue;
        }
        let close = -1;
        for (let j = s.indexOf("$", i + 2); j >= 0; j = s.indexOf("$", j + 1)) {
          if (!isSpace(s[j - 1]) && s[j - 1] !== "\\" && !isDigit(s[j + 1])) {
            close = j;
            break;
          }
        }
        if (close < 0) {
          inlineMathFailsFrom = i;
          i++;
          continue;
        }
        excluded.push({ start: i, end: close + 1 });
        boundary = close + 1;
        i = close + 1;
        continue;
      }
      case "<": {
        if (!s.startsWith("<!--", i)) {
          // Raw HTML tags and autolinks (`<span title="{…}">`, `<https://…>`) are not markup; the text between tags is.
          const next = s[i + 1];
          if (next !== undefined && (next === "/" || (next >= "a" && next <= "z") || (next >= "A" && next <= "Z"))) {
            let j = i + 2;
            while (j < n && s[j] !== ">" && s[j] !== "<") j++;
            if (j < n && s[j] === ">") {
              excluded.push({ start: i, end: j + 1 });
              boundary = j + 1;
              i = j + 1;
              continue;
            }
          }
          i++;
          continue;
        }
        // An unclosed comment hides the rest of the block rather than letting half a comment count as markup.
        const close = s.indexOf("-->", i + 4);
        const end = close < 0 ? n : close + 3;
        excluded.push({ start: i, end });
        boundary = end;
        i = end;
        continue;
      }
      case "{": {
        // `\cmd{…}` and `word{…}` are raw TeX or text, not tags.
        if (i > 0 && LETTER_DIGIT_OR_BACKSLASH.test(s[i - 1])) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < n && s[j] !== "}" && s[j] !== "{" && s[j] !== "\n" && s[j] !== "\r") j++;
        if (j >= n || s[j] !== "}") {
          i++;
          continue;
        }
        const raw = s.slice(i + 1, j);
        if (looksLikeDate(raw)) {
          const parsed = parseEdtf(raw);
          const tag: RawTag = { span: { start: i, end: j + 1 }, raw };
          if ("date" in parsed) tag.date = parsed.date;
          else tag.error = parsed.error;
          tags.push(tag);
          boundary = j + 1;
        }
        // Other brace groups (Pandoc attributes `{#id}`, `{.class}`, `{-}`) are skipped whole.
        i = j + 1;
        continue;
      }
      case "[": {
        if (s[i + 1] === "[") {
          let j = i + 2;
          while (j < n && s[j] !== "[" && s[j] !== "]") j++;
          if (j + 1 < n && s[j] === "]" && s[j + 1] === "]") {
            const link = readLink(s, i, j, boundary);
            if (link) {
              links.push(link);
              boundary = j + 2;
              i = j + 2;
              continue;
            }
          }
          if (openers.closes(i)) bracket++;
          i++;
          continue;
        }
        let j = i + 1;
        let hasAt = false;
        while (j < n && s[j] !== "]" && s[j] !== "[") {
          if (s[j] === "@") hasAt = true;
          j++;
        }
        // `[text](url)` and `[text][ref]` are links and `^[…]` is an inline note, not citations.
        if (hasAt && j < n && s[j] === "]" && s[j + 1] !== "(" && s[j + 1] !== "[" && s[i - 1] !== "^") {
          const citation = parseBracketCitation(s, i, j);
          if (citation) {
            citations.push(citation);
            boundary = j + 1;
            i = j + 1;
            continue;
          }
        }
        if (openers.closes(i)) bracket++;
        i++;
        continue;
      }
      case "]":
        if (bracket > 0) bracket--;
        i++;
        continue;
      case "(":
        if (openers.closes(i)) paren++;
        boundary = i + 1;
        i++;
        continue;
      case ")":
        if (paren > 0) paren--;
        boundary = i + 1;
        i++;
        continue;
      case "@": {
        if (canStartInText(i > 0 ? s[i - 1] : undefined)) {
          const citation = parseInTextCitation(s, i, n);
          if (citation) {
            citations.push(citation);
            boundary = citation.span.end;
            i = citation.span.end;
            continue;
          }
        }
        i++;
        continue;
      }
      case ".":
      case "!":
      case "?": {
        if (paren > 0 || bracket > 0) {
          i++;
          continue;
        }
        let k = i + 1;
        while (k < n && (s[k] === "." || s[k] === "!" || s[k] === "?")) k++;
        while (k < n && CLOSERS.has(s[k])) k++;
        if ((k >= n || isSpace(s[k])) && !(c === "." && k === i + 1 && endsAbbreviation(s, i))) {
          sentenceEnds.push(k);
          boundary = k;
          i = k;
          continue;
        }
        i++;
        continue;
      }
      default:
        if (BREAKS.has(c)) boundary = i + 1;
        i++;
    }
  }

  return { excluded, tags, links, citations, claims: scopeClaims(s, tags, links, citations, sentenceEnds) };
}

/** `[[target]]` or `[[target|shown]]` between `open` and `close` (the first `]`); undefined when the target is empty. */
function readLink(s: string, open: number, close: number, boundary: number): RawLink | undefined {
  const innerStart = open + 2;
  let targetEnd = innerStart;
  while (targetEnd < close && s[targetEnd] !== "|") targetEnd++;
  const targetSpan = trimSpan(s, innerStart, targetEnd);
  if (targetSpan.start === targetSpan.end) return undefined;
  const link: RawLink = {
    span: { start: open, end: close + 2 },
    target: normaliseSpaces(s.slice(targetSpan.start, targetSpan.end)),
    targetSpan,
    before: trimSpan(s, Math.min(boundary, open), open),
  };
  if (targetEnd < close) {
    const shownSpan = trimSpan(s, targetEnd + 1, close);
    if (shownSpan.start < shownSpan.end) {
      link.shown = normaliseSpaces(s.slice(shownSpan.start, shownSpan.end));
      link.shownSpan = shownSpan;
    }
  }
  return link;
}

/**
 * Claims: each tag opens one that runs to the first sentence end after it, the
 * next tag, or the block's end. Bracketed citations standing right after the
 * sentence's final stop still belong to it (docs/markup-decisions.md).
 */
function scopeClaims(s: string, tags: RawTag[], links: RawLink[], citations: RawCitation[], sentenceEnds: number[]): RawClaim[] {
  const claims: RawClaim[] = [];
  if (tags.length === 0) return claims;
  const citationAt = new Map<number, number>();
  for (let index = 0; index < citations.length; index++) {
    if (!citations[index].inText) citationAt.set(citations[index].span.start, index);
  }
  let sentence = 0;
  let linkIndex = 0;
  let citationIndex = 0;
  for (let t = 0; t < tags.length; t++) {
    const tag = tags[t];
    const nextTag = t + 1 < tags.length ? tags[t + 1].span.start : s.length;
    while (sentence < sentenceEnds.length && sentenceEnds[sentence] <= tag.span.end) sentence++;
    let end: number;
    if (sentence < sentenceEnds.length && sentenceEnds[sentence] <= nextTag) {
      end = sentenceEnds[sentence];
      for (;;) {
        let p = end;
        while (p < nextTag && isSpace(s[p])) p++;
        const following = citationAt.get(p);
        if (following === undefined || citations[following].span.end > nextTag) break;
        end = citations[following].span.end;
      }
    } else {
      end = nextTag;
      while (end > tag.span.end && isSpace(s[end - 1])) end--;
    }
    const claim: RawClaim = { span: { start: tag.span.start, end }, tag: t, links: [], citations: [] };
    while (linkIndex < links.length && links[linkIndex].span.start < claim.span.start) linkIndex++;
    while (linkIndex < links.length && links[linkIndex].span.end <= end) claim.links.push(linkIndex++);
    // A citation earlier in the tag's own sentence ("@key [p. 3] shows that {1965} …")
    // belongs to this claim too: spec §3 ties a citation to the claim whose sentence holds it.
    const sentenceStart = sentence > 0 ? sentenceEnds[sentence - 1] : 0;
    while (citationIndex < citations.length && citations[citationIndex].span.start < claim.span.start) {
      const earlier = citations[citationIndex];
      if (earlier.span.start >= sentenceStart && earlier.span.end <= tag.span.start) claim.citations.push(citationIndex);
      citationIndex++;
    }
    while (citationIndex < citations.length && citations[citationIndex].span.end <= end) claim.citations.push(citationIndex++);
    claims.push(claim);
  }
  return claims;
}
