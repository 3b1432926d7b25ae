// "Did you mean": the known citation keys closest to a mistyped one.
import type { QuickFix, Range } from "../types.js";
import { replaceFix } from "./edit.js";

// Rows reused across calls: this runs once per known name for every unknown link, so allocation dominated.
let rowA = new Uint32Array(64);
let rowB = new Uint32Array(64);
let rowC = new Uint32Array(64);

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped for speed. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  // Three rolling rows (two back for the swap) instead of a full matrix.
  const width = b.length + 1;
  if (rowA.length < width) {
    rowA = new Uint32Array(width * 2);
    rowB = new Uint32Array(width * 2);
    rowC = new Uint32Array(width * 2);
  }
  let before = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > cap) return cap + 1;
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  return prev[b.length];
}

/** How far a key may be from a known one to be suggested: a third of its length, at least 2. */
export function suggestionLimit(key: string): number {
  return Math.max(2, Math.floor(key.length / 3));
}

/**
 * Known keys prepared once for many "closest key" questions: deduplicated,
 * lower-cased, and with the answers remembered (a book repeats its typos).
 */
export class KeyIndex {
  readonly keys: string[] = [];
  private readonly lower: string[] = [];
  private readonly answers = new Map<string, Array<{ key: string; distance: number }>>();

  constructor(known: Iterable<string>) {
    const seen = new Set<string>();
    for (const k of known) {
      if (seen.has(k)) continue;
      seen.add(k);
      this.keys.push(k);
      this.lower.push(k.toLowerCase());
    }
  }

  closest(key: string, max: number): Array<{ key: string; distance: number }> {
    const memo = `${max}\n${key}`;
    let found = this.answers.get(memo);
    if (!found) {
      found = this.search(key, max);
      if (this.answers.size > 10_000) this.answers.clear();
      this.answers.set(memo, found);
    }
    return found;
  }

  private search(key: string, max: number): Array<{ key: string; distance: number }> {
    const limit = suggestionLimit(key);
    const lower = key.toLowerCase();
    const found: Array<{ key: string; distance: number }> = [];
    for (let i = 0; i < this.keys.length; i++) {
      const other = this.lower[i];
      if (Math.abs(other.length - lower.length) > limit) continue;
      const distance = editDistance(lower, other, limit);
      if (distance <= limit) found.push({ key: this.keys[i], distance });
    }
    return found.sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key)).slice(0, max);
  }
}

/** Known keys within the limit, closest first (case-insensitive distance). */
export function closestKeys(key: string, known: Iterable<string> | KeyIndex, max = 3): Array<{ key: string; distance: number }> {
  return (known instanceof KeyIndex ? known : new KeyIndex(known)).closest(key, max);
}

/**
 * One fix per close key. Safe only for one clear candidate: the closest key is
 * at distance ≤ 2 and no other key is as close or one step further.
 */
export function citationKeyFixes(uri: string, keyRange: Range, key: string, known: Iterable<string> | KeyIndex): QuickFix[] {
  const close = closestKeys(key, known);
  if (close.length === 0) return [];
  const best = close[0];
  const clear = best.distance <= 2 && close.every((c, i) => i === 0 || c.distance > best.distance + 1);
  return close.map((c, i) => replaceFix(uri, keyRange, c.key, `Change citation key to @${c.key}`, i === 0 && clear, i === 0));
}
