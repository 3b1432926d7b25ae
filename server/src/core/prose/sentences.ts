// Sentence splitting for prose mode, with the claim-scope rules of spec §1: a
// sentence ends at `.`, `!` or `?` followed by whitespace or the end, outside
// (...), [...] and {...}, and not ending a known abbreviation or an initial.
import type { Span } from "../types.js";

const ABBREVIATIONS = new Set(["p", "pp", "cf", "e.g", "i.e", "vol", "no", "ed", "eds", "st", "dr", "gen", "u.s", "u.k", "mr", "mrs", "col", "lt", "capt", "maj", "sgt", "prof", "etc", "vs", "ca", "c", "nos", "fig", "ch", "chap", "n", "nn"]);

/** Whether the `.` at `dot` ends an abbreviation or a single capital initial ("J."). */
export function endsAbbreviation(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && /[\p{L}.]/u.test(text[start - 1])) start--;
  const word = text.slice(start, dot);
  if (word === "") return false;
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Sentences of text[from, to), trimmed of surrounding whitespace. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let start = from;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if ((c === "." || c === "!" || c === "?") && depth === 0) {
      // Closing quotes and emphasis right after the mark belong to the sentence.
      let end = i + 1;
      while (end < to && /["'”’*_)]/.test(text[end])) end++;
      if (end < to && !/\s/.test(text[end])) continue;
      if (c === "." && endsAbbreviation(text, i)) continue;
      push(end);
      start = end;
      i = end - 1;
    } else if (c === "\n" && i + 1 < to && text[i + 1] === "\n") {
      // A blank line ends a paragraph, hence a sentence.
      push(i);
      start = i + 1;
      depth = 0;
    }
  }
  push(to);
  return out;
}
