// The name map behind `lookup` leaves kebab-case ids out and reads them back from
// the name asked for (issue 7: 100k fewer keys when loading a large fact base).
// `lookup` must still answer as if every id were in the map with the names: every
// entity whose id, name, alias or name period normalises to the asked name, in
// entity order, an exact id first.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import YAML from "yaml";
import { buildFactIndex, normalizeName } from "../../server/src/core/facts/index.js";
import type { Entity, FactIndex } from "../../server/src/core/types.js";

const RUNS = Number(process.env.CLIO_FUZZ_RUNS ?? 150);

/** What `lookup` answers, worked out from every entity's forms one by one. */
function expectedLookup(index: FactIndex, asked: string): string[] {
  const exact = index.entities.get(asked.trim());
  if (exact) return [exact.id];
  const key = normalizeName(asked);
  const answers = (e: Entity) =>
    normalizeName(e.id) === key || (key !== "" && [e.name, ...e.aliases, ...e.names.map((n) => n.name)].some((form) => normalizeName(form) === key));
  return [...index.entities.values()].filter(answers).map((e) => e.id);
}

// Ids and names that normalise alike in many ways: kebab-case and not, hyphens, underscores, case, dashes.
const IDS = ["a", "a-b", "ab", "a-b-c", "b", "q1", "Q1", "A_b", "a--b", "-a", "a b", "é-a", "a-1", "1-a", "x"];
const NAMES = ["A B", "a-b", "Ab", "a b c", "q1", "Q 1", "", "—", "a", "A", "B", "A_b", "É A", "a – b", "1 A", "X"];

const entity = fc.record({
  id: fc.constantFrom(...IDS),
  name: fc.constantFrom(...NAMES),
  aliases: fc.array(fc.constantFrom(...NAMES), { maxLength: 2 }),
  names: fc.array(fc.constantFrom(...NAMES).map((name) => ({ name, sources: [{ key: "k" }] })), { maxLength: 2 }),
});

function build(entities: unknown[], asJson: boolean): FactIndex {
  const base = { sources: [{ key: "k", type: "book" }], entities: entities.map((e) => ({ type: "person", sources: [{ key: "k" }], ...(e as object) })) };
  const text = asJson ? JSON.stringify(base) : YAML.stringify(base);
  return buildFactIndex([{ file: asJson ? "/ws/f.json" : "/ws/f.yaml", text, origin: "workspace" }]);
}

test("lookup finds ids, names, aliases and name periods alike, in entity order", () => {
  fc.assert(
    fc.property(fc.array(entity, { maxLength: 8 }), fc.boolean(), (entities, asJson) => {
      const index = build(entities, asJson);
      for (const asked of [...IDS, ...NAMES, " a-b ", "A-B", "a_b", "ghost", "a b c d"]) {
        assert.deepEqual(index.lookup(asked).map((e) => e.id), expectedLookup(index, asked), `lookup(${JSON.stringify(asked)})`);
      }
    }),
    { numRuns: RUNS },
  );
});

test("a kebab-case id shared with an earlier and a later entity's name comes between them", () => {
  const index = build(
    [
      { id: "first", name: "Wide Land" },
      { id: "wide-land", name: "Middle" },
      { id: "last", name: "Other", aliases: ["wide-land"] },
    ],
    true,
  );
  assert.deepEqual(index.lookup("Wide Land").map((e) => e.id), ["first", "wide-land", "last"]);
  assert.deepEqual(index.lookup("wide_land").map((e) => e.id), ["first", "wide-land", "last"]);
  // Found by its id alone, too, whatever the case and separators.
  assert.deepEqual(index.lookup("Middle").map((e) => e.id), ["wide-land"]);
  assert.deepEqual(build([{ id: "solo-id", name: "Solo" }], true).lookup("Solo ID").map((e) => e.id), ["solo-id"]);
});

test("a kebab-case id reads back from its normalised name", () => {
  // What leaving kebab-case ids out of the name map relies on.
  for (const id of ["a", "a-b", "bench-person-123", "x1-2y-z3", "q1"]) assert.equal(normalizeName(id), id.replaceAll("-", " "));
});
