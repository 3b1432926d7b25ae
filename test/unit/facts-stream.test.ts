// A JSON fact file is read item by item (issue 7). Whatever the file holds, the
// result must be the one of the whole-file path (one JSON.parse, one validation of
// the whole value, positions from the YAML document): the same items with the same
// origins, the same problems with the same messages, severities and ranges, in the
// same order. Each case also checks which path read it, so a comparison of the
// whole-file path with itself cannot pass for one of the streamed path.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildFactIndex } from "../../server/src/core/facts/index.js";
import { loadFactFile, Site, type LoadState } from "../../server/src/core/facts/load.js";
import type { FactFileText, FactIndex } from "../../server/src/core/types.js";
import { generateFactBase } from "../../bench/gen.js";
import { factFileValue, mutate } from "../fuzz/properties.js";

const FILE = "/ws/facts.json";
/** `CLIO_FUZZ_RUNS=2000` runs the properties longer, as for the fuzz tests. */
const RUNS = Number(process.env.CLIO_FUZZ_RUNS ?? 150);

function freshState(): LoadState {
  return { where: new Map(), dates: new Map(), entities: new Map(), events: new Map() };
}

function wasStreamed(text: string): boolean {
  return loadFactFile({ file: FILE, text, origin: "workspace" }, freshState()).streamed;
}

/** Everything a build yields, origins as file, path and range. */
function view(index: FactIndex): unknown {
  const all = {
    entities: [...index.entities],
    events: [...index.events],
    titles: [...index.titles],
    eventTypes: [...index.eventTypes],
    sources: [...index.sources],
    conflicts: index.conflicts,
    problems: index.problems,
    names: [...index.allNames()],
  };
  return JSON.parse(JSON.stringify(all, (_key, value) => (value instanceof Site ? { file: value.file, path: value.path, range: value.range } : value)));
}

const BASE: FactFileText = {
  file: "/ws/base.yaml",
  origin: "bundled",
  text: `sources:
  - { key: k, type: book, title: K }
titles:
  - { id: premier, name: Premier }
eventTypes:
  - { id: visit, name: Visit, triggers: [visited] }
entities:
  - { id: albania, type: state, name: Albania, sources: [{ key: k }] }
  - { id: hoxha, type: person, name: Enver Hoxha, sources: [{ key: k }] }
`,
};

/** Streamed and whole-file builds of `text` (after the base, or alone) agree, and `text` was read the expected way. */
function assertSame(text: string, streamed = true, withBase = true): void {
  assert.equal(wasStreamed(text), streamed, `expected the ${streamed ? "streamed" : "whole-file"} path for ${JSON.stringify(text.slice(0, 120))}`);
  const files: FactFileText[] = [...(withBase ? [BASE] : []), { file: FILE, text, origin: "workspace" }];
  const a = view(buildFactIndex(files));
  const b = view(buildFactIndex(files, { wholeJson: true }));
  assert.deepEqual(a, b, JSON.stringify(text.slice(0, 300)));
}

/** The layouts a JSON file comes in. */
function layouts(value: unknown): string[] {
  const pretty = JSON.stringify(value, null, 2);
  return [
    JSON.stringify(value),
    pretty,
    JSON.stringify(value, null, "\t"),
    pretty.replace(/\n/g, "\r\n"),
    // Space around every separator, and no indentation at all.
    JSON.stringify(value, null, 1).replace(/\n */g, "\n").replace(/":/g, '" :  '),
    ` \r\n\t${JSON.stringify(value)}\n\n`,
  ];
}

const INVALID = {
  $schema: "https://clio-history.github.io/schema/clio-facts.schema.json",
  sources: [
    { key: "k2", type: "book", issued: "1961-13", page: "123-43", volume: 3, sources: [{ key: "k" }] },
    { key: "k3", type: "book", sources: [] },
    "not a source",
    { type: "book" },
  ],
  entities: [
    { id: "zog", type: "person", name: "Zog", existence: { start: "1895", end: "1890" }, sources: [{ key: "k" }] },
    { id: "Bad_Id", type: "unicorn", name: "Bad", sources: [{ key: "nowhere" }], extra: true },
    { id: "nosrc", type: "person", name: "No Sources" },
    { id: "zog", type: "person", name: "Zog Again", sources: [{ key: "k" }] },
    { id: "hoxha", type: "person", name: "Enver Hoxha", aliases: ["Hoxha", 7, ""], sources: [{ key: "k" }] },
    { id: "named", type: "state", name: 42, sources: [{ key: "k" }] },
    { id: "aliasy", type: "person", name: "Aliasy", aliases: "not a list", description: 3, sources: [{ key: "k" }] },
    {
      id: "office-holder",
      type: "person",
      name: "Office Holder",
      offices: [{ of: "albania" }, { title: "ghost-title", of: "ghost", start: "1950", end: "1940", sources: [{ locator: "p" }, { key: "missing" }] }],
      names: [{ name: "Old", kind: "odd", from: "1900-02-30", to: "1901", sources: [{ key: "k" }] }, 5],
      alternatives: [{ date: "19xx", sources: [{ key: "k" }] }, { note: "only a note" }],
      conflict: true,
      sources: [{ key: "k", locator: "p. 3", extra: 1 }],
    },
    null,
    ["a list"],
    12,
    { id: "brackets", type: "person", name: 'Quote " }]{[ ,"id": ', description: "tab\tnew\nline \\ back \u00e9 \ud83d\ude00 \u0000 \u00a0", sources: [{ key: "k" }] },
    { id: "same-name", type: "person", name: "Albania", sources: [{ key: "k" }] },
  ],
  events: [
    { id: "ev1", type: "visit", name: "Visit", participants: ["hoxha", "ghost"], date: "1961-02", place: "nowhere", sources: [{ key: "k" }] },
    { id: "ev2", type: "unknown-type", name: "Odd", participants: "hoxha", date: "1961-02-31", sources: [{ key: "k" }] },
    { id: "ev1", type: "visit", name: "Visit twice", date: "1961", sources: [{ key: "k" }] },
    { name: "no id" },
  ],
  titles: [{ id: "premier2", name: "Premier", aliases: ["Chief"] }, { id: "chief", name: "Chief" }, { id: 3 }],
  eventTypes: [{ id: "visit2", name: "Visit", triggers: ["Visited", 4], recurring: "yes" }],
  conflicts: [
    { id: "c1", about: "entity:ghost", note: "n", sources: [{ key: "k" }] },
    { id: "c2", about: "bogus", sources: [{ key: "k" }] },
    { id: "c1", about: "event:ev1", sources: [{ key: "k" }] },
  ],
  unknownTop: { anything: [1, 2] },
};

test("a generated Wikidata-shaped base loads the same item by item, in every layout", () => {
  const base = generateFactBase({ entities: 400, seed: 11 });
  for (const text of layouts(base)) assertSame(text);
  // Alone, too: then sources, titles and event types are the file's own.
  assertSame(JSON.stringify(base), true, false);
});

test("invalid items, references and dates give the same problems at the same ranges", () => {
  for (const text of layouts(INVALID)) assertSame(text);
  const index = buildFactIndex([BASE, { file: FILE, text: JSON.stringify(INVALID, null, 2), origin: "workspace" }]);
  // The cases above do produce problems of each kind (a comparison of two empty lists proves nothing).
  const messages = index.problems.filter((p) => p.file === FILE).map((p) => p.message);
  for (const expected of [/unknown property "extra"/, /lacks the required property "sources"/, /Duplicate entity id "zog"/, /Invalid date "1961-13"/, /Unknown source key "nowhere"/, /Unknown title id "ghost-title"/, /Unknown entity id "ghost"/, /must be one of/, /has an unknown property "unknownTop"/, /Duplicate conflict id "c1"/]) {
    assert.ok(messages.some((m) => expected.test(m)), `${expected} among ${messages.join("\n")}`);
  }
});

test("lists that are no lists, and top-level values of every kind", () => {
  for (const value of [
    { entities: { id: "x" } },
    { entities: "x", sources: 3, events: null, titles: true },
    // Item errors between the errors of the lists around them.
    { sources: [{}], entities: 5, events: [{ id: 1 }], titles: "x", conflicts: [[]], extra: 1 },
    { $schema: 7 },
    { "1": [], "0": "numeric keys come first in ajv's report", entities: [{ id: "a" }] },
    {},
    { entities: [] },
    { entities: [[], [[]], {}, ""] },
    { "n\u0061me": "escaped key", sources: [{ key: "k", type: "book" }] },
  ]) {
    for (const text of layouts(value)) assertSame(text);
  }
  assertSame('{"entities":[{"id":"a","type":"person","name":"A","sources":[{"key":"k"}],"n\\u0061me":"escaped duplicate of name"}]}');
  assertSame('{"entities":[{"id":"a","type":"person","name":"A","name":"Twice","sources":[{"key":"k"}]}]}');
  assertSame('{"entities":[{"id":"a","type":"person","name":"A","sources":[{"key":"k"}],"\\u0030":1,"0":2}]}');
});

test("items written unlike their neighbours, and separators inside items, are cut where they end", () => {
  // The reader guesses an item's end from the separator between the first two items: nested lists of objects
  // starting with the same key, items starting with other keys and changing layouts must all be read right.
  const entity = (i: number) => ({ id: `e-${i}`, type: "person", name: `E ${i}`, sources: [{ key: "k" }] });
  const nested = (i: number) => ({ ...entity(i), extra: [{ id: "x" }, { id: "y", more: [{ id: "z" }] }] });
  const reordered = (i: number) => ({ name: `R ${i}`, id: `r-${i}`, type: "person", sources: [{ key: "k" }] });
  const items = Array.from({ length: 300 }, (_, i) => (i % 7 === 3 ? nested(i) : i % 11 === 5 ? reordered(i) : entity(i)));
  assertSame(JSON.stringify({ entities: items, events: items.slice(0, 5) }));
  // Half minified, half pretty-printed.
  const half = JSON.stringify({ entities: items.slice(0, 150) }).slice(0, -2);
  assertSame(`${half},${JSON.stringify(items.slice(150), null, 2).slice(1)}}`);
  // Every item differently laid out: guessing stops, bracket matching reads them all.
  const mixed = items.map((item, i) => JSON.stringify(item, null, i % 4));
  assertSame(`{"entities":[${mixed.join(",")}]}`);
});

test("what the whole-file path treats differently is left to it", () => {
  const good = JSON.stringify({ entities: [{ id: "a", type: "person", name: "A", sources: [{ key: "k" }] }] });
  for (const text of [
    '{"entities":[],"entities":[{"id":"a"}]}', // a key given twice: JSON.parse keeps the last, positions find the first
    '{"__proto__":{"x":1},"entities":[]}',
    good.replace("}]}", "},]}"), // trailing comma
    good.slice(0, -1), // unterminated
    good.replace('"A"', '"A\tB"'), // a raw tab inside a string
    good.replace(':[{"key"', ':[{"key" "x",'),
    `\ufeff${good}`, // a byte order mark
    `${good} x`,
    `[${good}]`, // a list at the top
    "{",
    '{"entities":[1 2]}',
    '{"entities":[,1]}',
    '{"entities":[01]}',
    // YAML, where the whole-file path's positions come from, reads these otherwise than JSON.
    `\r${good}`, // a lone carriage return: part of the next value to YAML
    good.replace(',"name"', ',\r"name"'),
    good.replace('"name"', '"na\u2028me"'),
    good.replace('"A"', '"A\u0085"'),
  ]) {
    assert.equal(wasStreamed(text), false, text);
    assertSame(text, false);
  }
  for (const yaml of ["entities: []\n", "# only a comment\n", ""]) assertSame(yaml, false);
});

test("past the size YAML positions are worked out for, problems still point at their node", () => {
  // The whole-file path gives a JSON file over 16 MB whole-file ranges (its YAML document would take a minute);
  // streamed, the offsets are known anyway: the one intended difference between the two paths.
  const big = JSON.stringify({ id: "big", type: "person", name: "Big", description: "x".repeat(17 * 1048576), sources: [{ key: "k" }] });
  const odd = '{"id":"odd","type":"unicorn","name":"Odd","sources":[{"key":"k"}]}';
  const text = `{"entities":[${big},\n${odd}]}`;
  assert.equal(wasStreamed(text), true);
  const index = buildFactIndex([BASE, { file: FILE, text, origin: "workspace" }]);
  const type = index.problems.find((p) => p.file === FILE && p.message.startsWith("entities[1].type must be one of"));
  const column = odd.indexOf('"unicorn"');
  assert.deepEqual(type?.range, { start: { line: 1, character: column }, end: { line: 1, character: column + '"unicorn"'.length } });
  assert.equal(index.entities.get("odd")?.origin.range?.start.line, 1);
});

test("a large file with a problem in every item reports them all", () => {
  // 210k problems: adding them with push(...list) overflowed the argument stack and lost the whole file.
  const entities = Array.from({ length: 70_000 }, (_, i) => ({ id: `e-${i}`, name: `E ${i}`, extra: 1 }));
  const index = buildFactIndex([{ file: FILE, text: JSON.stringify({ entities }), origin: "workspace" }]);
  assert.equal(index.entities.size, 70_000);
  assert.equal(index.problems.length, 3 * 70_000);
  assert.equal(index.problems[3 * 70_000 - 1].message, 'entities[69999] has an unknown property "extra".');
});

test("property: any structurally random fact file, in any layout, loads the same both ways", () => {
  fc.assert(
    fc.property(factFileValue, fc.nat({ max: 5 }), (value, layout) => assertSame(layouts(value)[layout])),
    { numRuns: RUNS },
  );
});

/** Small edits to JSON text: whitespace, escapes and brackets anywhere, so some keep it valid (odd layouts, odd strings) and some break it. */
function jsonEdits(seedText: string) {
  const pieces = [" ", "  ", "\t", "\r\n", "\n", "\r", "\\\"", "\\u00e9", "\\ud83d\\ude00", "\\n", "\\/", "]", "}", "[", "{", ",", ":", '"', "é", "\u2028", "0", "-1e3", "null", '"id":', '},{"id":"z",', '{"id":"x"},'];
  const edit = fc.tuple(fc.nat(), fc.constantFrom(...pieces), fc.boolean());
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let t = seedText;
    for (const [at, piece, replace] of edits) {
      const i = at % (t.length + 1);
      t = t.slice(0, i) + piece + t.slice(replace ? i + 1 : i);
    }
    return t;
  });
}

test("property: edited and mutated JSON fact files load the same both ways", () => {
  const seed = JSON.stringify(INVALID, null, 1);
  let streamed = 0;
  const runs = RUNS;
  fc.assert(
    fc.property(fc.oneof({ arbitrary: jsonEdits(seed), weight: 2 }, { arbitrary: jsonEdits(JSON.stringify(INVALID)), weight: 2 }, { arbitrary: mutate(seed), weight: 1 }), (text) => {
      const mode = wasStreamed(text);
      if (mode) streamed++;
      assertSame(text, mode);
    }),
    { numRuns: runs },
  );
  // Enough edits must keep the JSON valid for the comparison to test the streamed path.
  assert.ok(streamed >= runs / 20, `only ${streamed} of ${runs} edited files were streamed`);
  if (process.env.CLIO_STREAM_DEBUG) console.log(`${streamed} of ${runs} edited files were streamed`);
});
