// The compact loading of issue 7 (sites derived from owners, duplicates found in the
// merged maps, the name-form map built on first use) must report and answer exactly
// as before: positions of nested items after a dropped one, duplicates in a file that
// also overrides an earlier file, and every name form in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFactIndex } from "../../server/src/core/facts/index.js";
import type { FactFileText } from "../../server/src/core/types.js";

const BASE = `sources:
  - key: k
    type: book
titles:
  - id: premier
    name: Premier
entities:
  - id: a
    type: state
    name: Aland
    sources: [{ key: k }]
`;

const line = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle));

test("a nested item after a dropped one is reported at its own node", () => {
  const text = `entities:
  - id: b
    type: person
    name: Bea
    sources:
      - locator: no key, dropped
      - key: missing-one
    offices:
      - of: a
      - title: premier
        of: ghost
        sources: [{ key: k }]
`;
  const idx = buildFactIndex([
    { file: "base.yaml", text: BASE, origin: "bundled" },
    { file: "ws.yaml", text, origin: "workspace" },
  ]);
  const unknownKey = idx.problems.find((p) => p.message.includes(`"missing-one"`));
  assert.equal(unknownKey?.range.start.line, line(text, "key: missing-one"));
  const ghost = idx.problems.find((p) => p.message.includes(`"ghost"`));
  assert.equal(ghost?.range.start.line, line(text, "of: ghost"));
  assert.equal(idx.entities.get("b")?.offices.length, 1);
});

test("a duplicate within a file is reported even when the id also overrides an earlier file", () => {
  const text = `entities:
  - id: a
    type: state
    name: Aland Two
    sources: [{ key: k }]
  - id: a
    type: state
    name: Aland Three
    sources: [{ key: k }]
`;
  const idx = buildFactIndex([
    { file: "base.yaml", text: BASE, origin: "bundled" },
    { file: "ws.yaml", text, origin: "workspace" },
  ]);
  assert.equal(idx.entities.get("a")?.name, "Aland Two");
  const dup = idx.problems.filter((p) => p.message.startsWith("Duplicate entity id"));
  assert.equal(dup.length, 1);
  assert.equal(dup[0].range.start.line, line(text, "id: a") + 4);
  assert.match(dup[0].message, /first defined on line 2/);
});

test("allNames lists every name form once, in entity order, with every id using it", () => {
  const text = `entities:
  - id: c
    type: person
    name: Cato
    aliases: [Old Man, "-"]
    sources: [{ key: k }]
  - id: d
    type: person
    name: Dido
    aliases: [Old Man]
    description: the queen
    names:
      - name: Elissa
        sources: [{ key: k }]
    sources: [{ key: k }]
`;
  const files: FactFileText[] = [
    { file: "base.yaml", text: BASE, origin: "bundled" },
    { file: "ws.yaml", text, origin: "workspace" },
  ];
  const idx = buildFactIndex(files);
  assert.deepEqual([...idx.allNames()], [
    ["Aland", ["a"]],
    ["Cato", ["c"]],
    ["Old Man", ["c", "d"]],
    ["Dido", ["d"]],
    ["Elissa", ["d"]],
  ]);
  assert.deepEqual(idx.lookup("old man").map((e) => e.id), ["c", "d"]);
  // Cato has no description, so the shared alias is reported once, at Dido's alias.
  const shared = idx.problems.filter((p) => p.message.includes("also names"));
  assert.equal(shared.length, 1);
  assert.equal(shared[0].range.start.line, line(text, "aliases: [Old Man]"));
});
