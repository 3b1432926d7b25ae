import { test } from "node:test";
import assert from "node:assert/strict";
import { TokenMatcher, longestNonOverlapping } from "../../server/src/core/prose/matcher.js";

function names(m: TokenMatcher<string>, text: string): string[] {
  return m.findAll(text).map((x) => `${text.slice(x.start, x.end)}=${x.value}`);
}

test("matcher: finds every pattern on word boundaries, longest first", () => {
  const m = new TokenMatcher<string>();
  m.add("Albania", "albania");
  m.add("People's Republic of Albania", "albania-prc");
  m.add("Zhou", "zhou");
  m.add("Zhou Enlai", "zhou-enlai");
  m.add("Chou En-lai", "zhou-enlai");
  assert.deepEqual(names(m, "Zhou Enlai visited the People's Republic of Albania."), [
    "Zhou Enlai=zhou-enlai",
    "People's Republic of Albania=albania-prc",
  ]);
  assert.deepEqual(names(m, "Chou En-lai met Zhou."), ["Chou En-lai=zhou-enlai", "Zhou=zhou"]);
  // No match inside a longer word.
  assert.deepEqual(names(m, "Albanians and Zhouist ideas"), []);
});

test("matcher: case and diacritics are ignored, possessives keep the name", () => {
  const m = new TokenMatcher<string>();
  m.add("Hồ Chí Minh", "ho");
  m.add("Stalin", "stalin");
  assert.deepEqual(names(m, "HO CHI MINH wrote; Stalin's death followed."), ["HO CHI MINH=ho", "Stalin=stalin"]);
});

test("matcher: failure links find a pattern that starts inside a partial match", () => {
  const m = new TokenMatcher<string>();
  m.add("Central Committee of the Party", "cc");
  m.add("the Party of Labour", "pla");
  assert.deepEqual(names(m, "the Central Committee of the Party of Labour"), ["Central Committee of the Party=cc"]);
  const all = m.matchTokens([
    { norm: "committee", start: 0, end: 9 },
    { norm: "of", start: 10, end: 12 },
    { norm: "the", start: 13, end: 16 },
    { norm: "party", start: 17, end: 22 },
    { norm: "of", start: 23, end: 25 },
    { norm: "labour", start: 26, end: 32 },
  ]);
  assert.deepEqual(all.map((x) => x.value), ["pla"]);
});

test("matcher: dictionary links report nested patterns ending at the same word", () => {
  const m = new TokenMatcher<string>();
  m.add("Republic of Albania", "a");
  m.add("Albania", "b");
  const all = m.matchTokens([
    { norm: "republic", start: 0, end: 8 },
    { norm: "of", start: 9, end: 11 },
    { norm: "albania", start: 12, end: 19 },
  ]);
  assert.deepEqual(all.map((x) => x.value).sort(), ["a", "b"]);
  assert.deepEqual(longestNonOverlapping(all).map((x) => x.value), ["a"]);
});

test("matcher: scales linearly — 5,000 names over a long text", () => {
  const m = new TokenMatcher<number>();
  for (let i = 0; i < 5000; i++) m.add(`Name${i} Surname${i}`, i);
  const text = Array.from({ length: 20000 }, (_, i) => (i % 7 === 0 ? `Name${i % 5000} Surname${i % 5000}` : "word")).join(" ");
  const t0 = performance.now();
  const found = m.findAll(text);
  const ms = performance.now() - t0;
  assert.equal(found.length, Math.ceil(20000 / 7));
  assert.ok(ms < 1000, `took ${ms} ms`);
});
