// "Did you mean": the known citation keys closest to a mistyped one.
import type { QuickFix, Range } from "../types.js";
import { replaceFix } from "./edit.js";

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), capped for speed. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  // Three rolling rows (two back for the swap) instead of a full matrix: this runs
  // once per known name for every unknown link, so allocation dominated.
  const width = b.length + 1;
  let before = new Uint32Array(width);
  let prev = new Uint32Array(width);
  let cur = new Uint32Array(width);
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

/** Known keys within the limit, closest first (case-insensitive distance). */
export function closestKeys(key: string, known: Iterable<string>, max = 3): Array<{ key: string; distance: number }> {
  const limit = suggestionLimit(key);
  const lower = key.toLowerCase();
  const found = new Map<string, number>();
  for (const k of known) {
    if (found.has(k)) continue;
    const d = editDistance(lower, k.toLowerCase(), limit);
    if (d <= limit) found.set(k, d);
  }
  return [...found]
    .map(([k, distance]) => ({ key: k, distance }))
    .sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key))
    .slice(0, max);
}

/**
 * One fix per close key. Safe only for one clear candidate: the closest key is
 * at distance ≤ 2 and no other key is as close or one step further.
 */
export function citationKeyFixes(uri: string, keyRange: Range, key: string, known: Iterable<string>): QuickFix[] {
  const close = closestKeys(key, known);
  if (close.length === 0) return [];
  const best = close[0];
  const clear = best.distance <= 2 && close.every((c, i) => i === 0 || c.distance > best.distance + 1);
  return close.map((c, i) => replaceFix(uri, keyRange, c.key, `Change citation key to @${c.key}`, i === 0 && clear, i === 0));
}
