// TokenMatcher.findAll reads words itself (perf, issue 7); it must find exactly
// what matching over checks/util.ts's tokenize finds, on any text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TokenMatcher, longestNonOverlapping } from "../../server/src/core/prose/matcher.js";
import { tokenize } from "../../server/src/core/checks/util.js";

// Small xorshift generator: the test is the same on every run.
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

const WORDS = ["Zhou", "Enlai", "zhou", "ZHOU", "Hồ", "Chí", "Minh", "Ho", "Chi", "People's", "Republic", "of", "Albania", "İstanbul", "Straße", "strasse", "𝐀lpha", "1961", "٣", "e\u0301tat", "état", "En-lai"];
const PIECES = [" ", "  ", "\n", ",", ".", "'", "’", "-", "—", "(", ")", "_", "\u0301", "😀", "\ud800", "\udc00", "x", "9", "é", "\u00a0", "a\u0308", "Ω"];

test("matcher: findAll agrees with matching over tokenize on random text", () => {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const m = new TokenMatcher<string>();
  for (let i = 0; i < 60; i++) {
    const name = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(WORDS)).join(" ");
    m.add(name, name);
  }
  for (let run = 0; run < 3000; run++) {
    let text = "";
    const parts = Math.floor(next() * 16);
    for (let i = 0; i < parts; i++) text += next() < 0.6 ? pick(WORDS) : pick(PIECES);
    const offset = Math.floor(next() * 100);
    const expected = longestNonOverlapping(m.matchTokens(tokenize(text, offset)));
    assert.deepStrictEqual(m.findAll(text, offset), expected, JSON.stringify(text));
  }
});
