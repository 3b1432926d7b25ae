// Sentence splitting for prose mode, with the claim-scope rules of spec §1: a
// sentence ends at `.`, `!` or `?` followed by whitespace or the end, outside
// (...), [...] and {...}, and not ending a known abbreviation or an initial.
// Characters are tested on their codes, not with a regex each (perf, issue 7).
import type { Span } from "../types.js";
import { isWhiteSpaceCode } from "../text.js";

const ABBREVIATIONS = new Set(["p", "pp", "cf", "e.g", "i.e", "vol", "no", "ed", "eds", "st", "dr", "gen", "u.s", "u.k", "mr", "mrs", "col", "lt", "capt", "maj", "sgt", "prof", "etc", "vs", "ca", "c", "nos", "fig", "ch", "chap", "n", "nn"]);

const LETTER_OR_DOT = /[\p{L}.]/u;

/** Whether text[i] is a letter or a dot (`[\p{L}.]` on that one code unit). */
function isLetterOrDotAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 46 || ((c | 32) >= 97 && (c | 32) <= 122);
  return LETTER_OR_DOT.test(text[i]);
}

/** Whether the `.` at `dot` ends an abbreviation or a single capital initial ("J."). */
export function endsAbbreviation(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && isLetterOrDotAt(text, start - 1)) start--;
  const word = text.slice(start, dot);
  if (word === "") return false;
  // The word holds no surrogates (they are no letters one by one), so one code point is one code unit.
  if (word.length === 1 && /^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Closing quotes, emphasis and parentheses that may follow a sentence's final mark: `"'”’*_)`. */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 42 || c === 95 || c === 41;
}

/** Adds text[start, end) trimmed of whitespace, unless nothing is left. */
function pushTrimmed(out: Span[], text: string, start: number, end: number): void {
  while (start < end && isWhiteSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isWhiteSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

/** The characters splitSentences acts on: brackets, sentence marks and the line feed. */
const ACTS_ON = new Uint8Array(128);
for (const ch of "([{)]}.!?\n") ACTS_ON[ch.charCodeAt(0)] = 1;

/** Sentences of text[from, to), trimmed of surrounding whitespace. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || ACTS_ON[c] === 0) continue;
    if (c === 40 /* ( */ || c === 91 /* [ */ || c === 123 /* { */) depth++;
    else if ((c === 41 /* ) */ || c === 93 /* ] */ || c === 125 /* } */) && depth > 0) depth--;
    else if ((c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */) && depth === 0) {
      // Closing quotes and emphasis right after the mark belong to the sentence.
      let end = i + 1;
      while (end < to && isCloser(text.charCodeAt(end))) end++;
      if (end < to && !isWhiteSpaceCode(text.charCodeAt(end))) continue;
      if (c === 46 && endsAbbreviation(text, i)) continue;
      pushTrimmed(out, text, start, end);
      start = end;
      i = end - 1;
    } else if (c === 10 && i + 1 < to && text.charCodeAt(i + 1) === 10) {
      // A blank line ends a paragraph, hence a sentence.
      pushTrimmed(out, text, start, i);
      start = i + 1;
      depth = 0;
    }
  }
  pushTrimmed(out, text, start, to);
  return out;
}
