// Name normalisation for lookups: "Hồ Chí Minh" = "ho chi minh", "Chou En-lai" =
// "chou en lai", "People's Republic" = "peoples republic". Romanisation variants
// (Liu Shao-ch'i / Liu Shaoqi) are not guessed: they must be listed as aliases.

// Letters NFKD does not decompose into base + combining mark.
const FOLD: Record<string, string> = {
  đ: "d", ð: "d", ł: "l", ø: "o", æ: "ae", œ: "oe", ß: "ss", ı: "i", þ: "th", ħ: "h",
};
const COMBINING = /\p{M}+/gu;
const APOSTROPHES = /['’‘ʼʻ`´]/g;
const SEPARATORS = /[\s\-‐‑‒–—_]+/g;

const ASCII = /^[\x00-\x7f]*$/;

/** Words of ASCII letters and digits with single spaces: only the case changes (perf, issue 7: 400k names). */
const SIMPLE = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

export function normalizeName(text: string): string {
  if (SIMPLE.test(text)) return text.toLowerCase();
  // ASCII needs no decomposition or folding (perf, issue 7: a name per entity and alias).
  if (ASCII.test(text)) return text.toLowerCase().replace(APOSTROPHES, "").replace(SEPARATORS, " ").trim();
  return text
    .normalize("NFKD")
    .replace(COMBINING, "")
    .toLowerCase()
    .replace(/[đðłøæœßıþħ]/g, (c) => FOLD[c] ?? c)
    .replace(APOSTROPHES, "")
    .replace(SEPARATORS, " ")
    .trim();
}

/** normalizeName for single words, remembered: prose repeats the same words (tokenising and name matching). */
const wordCache = new Map<string, string>();
export function normalizeWord(word: string): string {
  let norm = wordCache.get(word);
  if (norm === undefined) {
    // Bounded: an editing session meets many spellings.
    if (wordCache.size > 50_000) wordCache.clear();
    norm = normalizeName(word);
    wordCache.set(word, norm);
  }
  return norm;
}
