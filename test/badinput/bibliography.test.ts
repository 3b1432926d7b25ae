// Bad input in bibliographies: 100,000 entries, broken entries, binary noise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseBibliography } from "../../server/src/core/bib/index.js";
import { generateBibtex } from "../../bench/gen.js";
import { assertRangeInside } from "../fuzz/properties.js";

test("a CSL-JSON bibliography with 100,000 entries", () => {
  const items = Array.from({ length: 100000 }, (_, i) => ({ id: `item${i}`, type: "book", title: `Book ${i}`, issued: { "date-parts": [[1900 + (i % 120)]] }, page: "1-20" }));
  const { sources, problems } = parseBibliography("/ws/big.json", JSON.stringify(items));
  assert.equal(sources.length, 100000);
  assert.equal(problems.length, 0);
  assert.equal(sources[99999].key, "item99999");
});

// The BibTeX library parses about 3,000 entries a second here, so 100,000 take
// half a minute: run with CLIO_SLOW_TESTS=1 (the benchmark report gives the figure).
test("a BibTeX bibliography with 100,000 entries", { skip: !process.env.CLIO_SLOW_TESTS && "slow (≈30 s): set CLIO_SLOW_TESTS=1" }, () => {
  const { sources } = parseBibliography("/ws/big.bib", generateBibtex(100000));
  assert.equal(sources.length, 100000);
});

test("a BibTeX bibliography with 5,000 entries, one of them broken, keeps the others", () => {
  const text = generateBibtex(2500) + "\n@article{broken, title = {unclosed\n\n" + generateBibtex(2500, 9).replace(/bench(\d+)/g, "second$1");
  const { sources, problems } = parseBibliography("/ws/mixed.bib", text);
  assert.ok(sources.length >= 4000, `kept ${sources.length} entries`);
  assert.ok(problems.length >= 1);
  for (const p of problems) assertRangeInside(p.range, text, p.message);
});

test("binary noise as a bibliography gives problems, not exceptions", () => {
  let seed = 42;
  const noise = Array.from({ length: 20000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256)).join("");
  for (const file of ["/ws/noise.bib", "/ws/noise.json", "/ws/noise.yaml"]) {
    const { problems } = parseBibliography(file, noise);
    for (const p of problems) assertRangeInside(p.range, noise, p.message);
  }
});
