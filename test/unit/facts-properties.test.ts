// Property tests: the loaders never throw, and the indexed queries agree with
// plain linear scans on random data.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildFactIndex, normalizeName } from "../../server/src/core/facts/index.js";
import { parseBibliography } from "../../server/src/core/bib/index.js";
import { importWikidata } from "../../server/src/core/facts/wikidata.js";
import { parseEdtf } from "../../server/src/core/dates/index.js";

test("normalizeName is idempotent and ignores case", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) => {
      const n = normalizeName(s);
      assert.equal(normalizeName(n), n);
      assert.equal(normalizeName(s.toLowerCase()), n);
    }),
  );
  // Upper-casing is not reversible in every script (Greek iota subscript), so check it on Latin text.
  const latin = fc.string({ unit: fc.constantFrom(..."aAbBçÇëËšŠ'’- xXyY".split("")), maxLength: 30 });
  fc.assert(fc.property(latin, (s) => assert.equal(normalizeName(s.toUpperCase()), normalizeName(s))));
});

test("buildFactIndex, parseBibliography and importWikidata never throw", () => {
  const yamlish = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json().map((j) => `entities: ${j}`),
    fc.json().map((j) => `{"events": [${j}]}`),
  );
  fc.assert(
    fc.property(yamlish, (text) => {
      const idx = buildFactIndex([{ file: "x.yaml", text, origin: "workspace" }]);
      assert.ok(Array.isArray(idx.problems));
      assert.ok(Array.isArray(parseBibliography("x.bib", text).problems));
      assert.ok(Array.isArray(parseBibliography("x.json", text).problems));
      importWikidata(text);
    }),
    { numRuns: 150 },
  );
});

test("eventsDuring and eventsWith agree with linear scans", () => {
  const year = fc.integer({ min: 1900, max: 1999 });
  const eventArb = fc.record({
    start: year,
    length: fc.integer({ min: 0, max: 30 }),
    participants: fc.subarray(["a", "b", "c", "d"], { minLength: 1 }),
    open: fc.constantFrom("", "", "", "start", "end"),
  });
  fc.assert(
    fc.property(fc.array(eventArb, { maxLength: 40 }), year, fc.integer({ min: 0, max: 5 }), fc.subarray(["a", "b", "c", "d"]), (events, qStart, qLen, who) => {
      const lines = [
        "sources: [{key: s, type: book}]",
        "eventTypes: [{id: t, name: T}]",
        "entities:",
        ...["a", "b", "c", "d"].map((id) => `  - {id: ${id}, type: person, name: ${id.toUpperCase()}, sources: [{key: s}]}`),
        "events:",
      ];
      events.forEach((e, i) => {
        const date = e.open === "start" ? `../${e.start + e.length}` : e.open === "end" ? `${e.start}/..` : `${e.start}/${e.start + e.length}`;
        lines.push(`  - {id: e${i}, type: t, name: E, participants: [${e.participants.join(", ")}], date: "${date}", sources: [{key: s}]}`);
      });
      const idx = buildFactIndex([{ file: "p.yaml", text: lines.join("\n"), origin: "bundled" }]);
      assert.deepEqual(idx.problems, []);
      const q = parseEdtf(`${qStart}/${qStart + qLen}`);
      assert.ok("date" in q);
      const all = [...idx.events.values()];
      const expected = all.filter((e) => e.parsedDate!.earliest <= q.date.latest && q.date.earliest <= e.parsedDate!.latest).map((e) => e.id).sort();
      assert.deepEqual(idx.eventsDuring(q.date).map((e) => e.id).sort(), expected);
      const withAll = all.filter((e) => who.length > 0 && who.every((w) => e.participants.includes(w))).map((e) => e.id).sort();
      assert.deepEqual(idx.eventsWith(who).map((e) => e.id).sort(), withAll);
    }),
    { numRuns: 60 },
  );
});
