import { test } from "node:test";
import assert from "node:assert/strict";
import YAML from "yaml";
import { applyEdits } from "../../server/src/core/fixes/apply.js";
import { entityStubFix, stubId } from "../../server/src/core/fixes/entity-stub.js";
import { citationKeyFixes, closestKeys, editDistance } from "../../server/src/core/fixes/citation-key.js";
import { convertProseFix } from "../../server/src/core/fixes/convert-prose.js";
import { findImplicitClaims } from "../../server/src/core/prose/index.js";
import { buildFactIndex } from "../../server/src/core/facts/index.js";
import { stubDoc, stubFacts } from "./checks-stub.js";

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };

test("edit distance counts adjacent swaps as one edit", () => {
  assert.equal(editDistance("tretiak1962", "tretiak1926"), 1);
  assert.equal(editDistance("biberaj", "biberja"), 1);
  assert.equal(editDistance("abc", "xyz"), 3);
  assert.equal(editDistance("a", "abcdef", 2), 3, "capped");
});

test("closest citation keys: safe only for one clear candidate", () => {
  const keys = ["tretiak1962", "biberaj1986", "fink1998", "bashkimi:1956-09-19", "bashkimi:1956-09-22"];
  assert.deepEqual(closestKeys("tretiak1926", keys).map((k) => k.key), ["tretiak1962"]);
  const clear = citationKeyFixes("u", range, "tretiak1926", keys);
  assert.equal(clear[0].safe, true);
  // Two newspaper issues a day apart: the closest is not clear.
  const unclear = citationKeyFixes("u", range, "bashkimi:1956-09-20", keys);
  assert.ok(unclear.length >= 2);
  assert.ok(unclear.every((f) => !f.safe));
  assert.deepEqual(citationKeyFixes("u", range, "completelydifferent", keys), []);
});

test("entity stub: creates the fact file when missing, valid against the fact loader", () => {
  const fix = entityStubFix("/ws/clio.facts.yaml", "Hysni Kapo", undefined, { key: "biberaj1986", locator: "n. 12" })!;
  assert.equal(fix.safe, false);
  assert.equal(fix.edits[0].create, true);
  const text = applyEdits("", fix.edits[0].edits);
  const parsed = YAML.parse(text);
  assert.equal(parsed.entities[0].id, "hysni-kapo");
  assert.deepEqual(parsed.entities[0].sources, [{ key: "biberaj1986", locator: "n. 12" }]);
  const sources = { file: "/ws/sources.yaml", text: "sources:\n  - key: biberaj1986\n    type: book\n    sources: [{ key: biberaj1986 }]\n", origin: "workspace" as const };
  const index = buildFactIndex([sources, { file: "/ws/clio.facts.yaml", text, origin: "workspace" }]);
  assert.equal(index.lookup("Hysni Kapo")[0]?.id, "hysni-kapo");
  assert.deepEqual(index.problems.map((p) => p.message), []);
  // Without a citation to borrow, the placeholder key is flagged by the loader on purpose.
  const bare = applyEdits("", entityStubFix("/ws/clio.facts.yaml", "Hysni Kapo", undefined)!.edits[0].edits);
  const flagged = buildFactIndex([{ file: "/ws/clio.facts.yaml", text: bare, origin: "workspace" }]).problems;
  assert.equal(flagged.length, 1);
  assert.match(flagged[0].message, /TODO/);
});

test("entity stub: appended to an existing entities list, keeping the rest of the file", () => {
  const existing = [
    "sources:",
    "  - key: mybook2020",
    "    type: book",
    "entities:",
    "    - id: someone",
    "      type: person",
    "      name: Someone",
    "      sources: [{ key: mybook2020 }]",
    "",
    "events: []",
    "",
  ].join("\n");
  const fix = entityStubFix("/ws/clio.facts.yaml", "Hồ Chí Minh Jr", existing)!;
  assert.equal(fix.edits[0].create, undefined);
  const text = applyEdits(existing, fix.edits[0].edits);
  const parsed = YAML.parse(text);
  assert.deepEqual(parsed.entities.map((e: { id: string }) => e.id), ["someone", "ho-chi-minh-jr"]);
  assert.deepEqual(parsed.events, []);
  assert.match(text, /\n    - id: ho-chi-minh-jr\n      type: person/);
  assert.equal(stubId("  Chou En-lai! "), "chou-en-lai");
});

test("entity stub: a file without entities gets a new list; a flow-style list gets no fix", () => {
  const fix = entityStubFix("/ws/clio.facts.yaml", "New Person", "sources: []")!;
  assert.deepEqual(YAML.parse(applyEdits("sources: []", fix.edits[0].edits)).entities[0].name, "New Person");
  assert.equal(entityStubFix("/ws/clio.facts.yaml", "New Person", "entities: []\n"), undefined);
});

test("convert prose: the fixed sentence parses as an explicit claim with the same reading", () => {
  const facts = stubFacts({
    entities: [
      { id: "nikita-khrushchev", name: "Nikita Khrushchev", aliases: ["Khrushchev"] },
      { id: "albania", type: "state", name: "Albania" },
    ],
  });
  const text = "Talks stalled. In April 1961 Khrushchev recalled the fleet from Albania.";
  const doc = stubDoc(text);
  const [claim] = findImplicitClaims(doc, facts);
  const fix = convertProseFix(doc, claim)!;
  const fixed = applyEdits(text, fix.edits[0].edits);
  assert.equal(fixed, "Talks stalled. {1961-04} In April 1961 [[nikita-khrushchev|Khrushchev]] recalled the fleet from [[albania|Albania]].");
  const reparsed = stubDoc(fixed);
  assert.equal(reparsed.claims[0].dateTag.raw, "1961-04");
  assert.deepEqual(reparsed.claims[0].links.map((l) => l.target), ["nikita-khrushchev", "albania"]);
});

test("entity stub: a lone carriage return counts as a line break, as editors count it", () => {
  // Found by the long fuzz run: with "\r" read as part of a line, the insertion point lay past its line's end.
  // No entities list yet: the stub goes at the end of the last line, which the lone \r starts.
  const existing = "# workspace facts\rsources: []";
  const fix = entityStubFix("/ws/clio.facts.yaml", "Albania", existing)!;
  const edit = fix.edits[0].edits[0];
  const lines = existing.split(/\r\n|\r|\n/);
  assert.ok(edit.range.start.line < lines.length && edit.range.start.character <= lines[edit.range.start.line].length, JSON.stringify(edit.range));
  const result = applyEdits(existing, fix.edits[0].edits);
  assert.ok(result.startsWith(existing), "the existing text stays as it was");
  assert.match(result, /name: "Albania"/);
});
