import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "../../server/src/core/parse/index.js";
import type { Citation } from "../../server/src/core/types.js";

function citations(text: string): Citation[] {
  return parseDocument("/p.md", text).citations;
}

function items(text: string) {
  return citations(text).flatMap((c) => c.items.map(({ key, prefix, locator, suffix, suppressAuthor }) => ({ key, prefix, locator, suffix, suppressAuthor })));
}

test("[@key]", () => {
  const [c] = citations("Text [@tretiak1962].");
  assert.equal(c.inText, false);
  assert.deepEqual(c.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 19 } });
  assert.deepEqual(c.items[0].keyRange, { start: { line: 0, character: 7 }, end: { line: 0, character: 18 } });
  assert.deepEqual(items("Text [@tretiak1962]."), [{ key: "tretiak1962", prefix: undefined, locator: undefined, suffix: undefined, suppressAuthor: undefined }]);
});

test("[@key, p. 12], pages with en dash and hyphen, and without a comma", () => {
  assert.deepEqual(items("[@a, p. 12]")[0].locator, { label: "page", value: "12", pages: [[12, 12]] });
  assert.deepEqual(items("[@a, pp. 12–14]")[0].locator, { label: "page", value: "12–14", pages: [[12, 14]] });
  assert.deepEqual(items("[@a, pp. 12-14, 20]")[0].locator, { label: "page", value: "12-14, 20", pages: [[12, 14], [20, 20]] });
  assert.deepEqual(items("[@a p. 12]")[0].locator, { label: "page", value: "12", pages: [[12, 12]] });
  assert.deepEqual(items("[@a, 33]")[0].locator, { label: "page", value: "33", pages: [[33, 33]] });
  assert.deepEqual(items("[@a, pp. 112–14]")[0].locator?.pages, [[112, 114]]);
  assert.deepEqual(items("[@a, p. xii]")[0].locator, { label: "page", value: "xii" });
});

test("other locator labels: chapter, section, note, paragraph", () => {
  assert.deepEqual(items("[@a, chap. 2]")[0].locator, { label: "chapter", value: "2" });
  assert.deepEqual(items("[@a, chapter 2]")[0].locator, { label: "chapter", value: "2" });
  assert.deepEqual(items("[@a, §4]")[0].locator, { label: "section", value: "4" });
  assert.deepEqual(items("[@a, sec. 4]")[0].locator, { label: "section", value: "4" });
  assert.deepEqual(items("[@a, n. 54]")[0].locator, { label: "note", value: "54" });
  assert.deepEqual(items("[@a, note 5]")[0].locator, { label: "note", value: "5" });
  assert.deepEqual(items("[@a, para. 18]")[0].locator, { label: "paragraph", value: "18" });
});

test("several items with prefixes, suffixes and suppressed authors", () => {
  assert.deepEqual(items("[see @a, p. 3; @b, chap. 2]"), [
    { key: "a", prefix: "see", locator: { label: "page", value: "3", pages: [[3, 3]] }, suffix: undefined, suppressAuthor: undefined },
    { key: "b", prefix: undefined, locator: { label: "chapter", value: "2" }, suffix: undefined, suppressAuthor: undefined },
  ]);
  assert.deepEqual(items("[-@key]")[0], { key: "key", prefix: undefined, locator: undefined, suffix: undefined, suppressAuthor: true });
  assert.deepEqual(items("[@a, pp. 33-35 and passim]")[0].suffix, "and passim");
  assert.deepEqual(items("[@a, especially the preface]")[0], { key: "a", prefix: undefined, locator: undefined, suffix: "especially the preface", suppressAuthor: undefined });
});

test("in-text citations: @key and @key [p. 33]", () => {
  const [c] = citations("As @biberaj1986 [p. 33] argues.");
  assert.equal(c.inText, true);
  assert.equal(c.items[0].key, "biberaj1986");
  assert.deepEqual(c.items[0].locator, { label: "page", value: "33", pages: [[33, 33]] });
  assert.deepEqual(c.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 23 } });
  const [bare] = citations("As @fink1998 says.");
  assert.equal(bare.items[0].key, "fink1998");
  assert.equal(bare.items[0].locator, undefined);
});

test("keys: Pandoc's inner punctuation, trailing punctuation left out", () => {
  assert.deepEqual(items("[@bashkimi:1956-09-19] and [@zeri-i-popullit:1964-11-01]").map((i) => i.key), ["bashkimi:1956-09-19", "zeri-i-popullit:1964-11-01"]);
  assert.deepEqual(items("See @tass:1958-12-16. And @ncna:1959-01-16, too; @{odd key}.").map((i) => i.key), ["tass:1958-12-16", "ncna:1959-01-16", "odd key"]);
  assert.deepEqual(items("By @_under and @a.b.c: done").map((i) => i.key), ["_under", "a.b.c"]);
});

test("not citations: e-mail addresses, links, brackets without keys", () => {
  assert.equal(citations("Write to someone@example.org or [me@example.org].").length, 0);
  assert.equal(citations("[a link](https://example.org/@x) and [plain brackets]").length, 0);
  // A bracket with a keyless part is not a citation group; its `@a` is then an in-text citation, as in Pandoc.
  const loose = citations("[see @a; and nothing else]");
  assert.deepEqual(loose.map((c) => [c.inText, c.items[0].key]), [[true, "a"]]);
  assert.equal(citations("`@code` and $@math$").length, 0);
});

test("citations inside claims belong to that claim", () => {
  const doc = parseDocument("/p.md", "{1961} Claim one [@a]. {1962} Claim two @b [p. 3]. Loose [@c].");
  assert.deepEqual(doc.claims.map((c) => c.citations.map((x) => x.items[0].key)), [["a"], ["b"]]);
  assert.equal(doc.citations.length, 3);
});

test("cross-references are not citations: Quarto @fig-map, pandoc-crossref @sec:intro", () => {
  assert.equal(citations("See @fig-map and [@tbl-trade] and @sec:intro and [-@eq-1].").length, 0);
  assert.deepEqual(items("[@fig-map; @real2020]").map((i) => i.key), ["real2020"]);
});

test("an inline note ^[…] is not a citation group; citations inside it are in-text", () => {
  const found = citations("Text.^[See @a, p. 3, for more.]");
  assert.deepEqual(found.map((c) => [c.inText, c.items[0].key]), [[true, "a"]]);
});
