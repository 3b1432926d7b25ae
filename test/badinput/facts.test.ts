// Bad input in fact files: alias bombs, 50 MB files, duplicate ids, dangling
// references, and a workspace fact file that breaks after it once loaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFactIndex } from "../../server/src/core/facts/index.js";
import { memoryWorkspace } from "./helpers.js";
import { assertRangeInside } from "../fuzz/properties.js";

function load(text: string, file = "/ws/clio.facts.yaml") {
  const index = buildFactIndex([{ file, text, origin: "workspace" }]);
  for (const p of index.problems) if (p.file === file) assertRangeInside(p.range, text, p.message);
  return index;
}

test("a YAML alias bomb is refused quickly with a clear problem", () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill("*" + prev).join(",")}]`);
  }
  lines.push("entities: *j");
  const t0 = performance.now();
  const index = load(lines.join("\n"));
  assert.ok(performance.now() - t0 < 5000, "does not expand 9^10 nodes");
  assert.ok(index.problems.some((p) => /alias/i.test(p.message)), index.problems.map((p) => p.message).join("; "));
  assert.equal(index.entities.size, 0);
});

test("a 50 MB JSON fact file (generated in a temp dir) loads", () => {
  const dir = mkdtempSync(join(tmpdir(), "clio-badinput-"));
  try {
    const file = join(dir, "big.json");
    const filler = "x".repeat(1 << 20);
    const entities = Array.from({ length: 50 }, (_, i) => ({ id: `big-${i}`, type: "person", name: `Big Person ${i}`, description: filler, sources: [{ key: "k" }] }));
    writeFileSync(file, JSON.stringify({ sources: [{ key: "k", type: "book", title: "K" }], entities }));
    const text = readFileSync(file, "utf8");
    assert.ok(text.length > 50 * 1e6);
    const index = load(text, file);
    assert.equal(index.entities.size, 50);
    assert.equal(index.lookup("Big Person 7")[0]?.id, "big-7");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a 50 MB YAML fact file is refused with a clear problem instead of blocking", () => {
  const text = "entities:\n" + "  - id: y\n    type: person\n    name: Y\n    description: " + "y".repeat(50 * 1048576) + "\n";
  const t0 = performance.now();
  const index = load(text);
  assert.ok(performance.now() - t0 < 5000);
  assert.ok(index.problems.some((p) => /MB of YAML/.test(p.message) && /JSON/.test(p.message)), index.problems.map((p) => p.message).join("; "));
});

test("duplicate ids in one file are reported and the first is kept; a later file overrides by id", () => {
  const text = `sources:
  - { key: k, type: book, title: K }
entities:
  - { id: dup, type: person, name: First Dup, sources: [{ key: k }] }
  - { id: dup, type: person, name: Second Dup, sources: [{ key: k }] }
`;
  const index = load(text);
  assert.ok(index.problems.some((p) => /[Dd]uplicate/.test(p.message) && p.range.start.line === 4), index.problems.map((p) => `${p.range.start.line}: ${p.message}`).join("; "));
  assert.equal(index.entities.get("dup")?.name, "First Dup");
  const layered = buildFactIndex([
    { file: "/ws/a.yaml", text, origin: "workspace" },
    { file: "/ws/b.yaml", text: "entities:\n  - { id: dup, type: person, name: Override Dup, sources: [{ key: k }] }\n", origin: "workspace" },
  ]);
  assert.equal(layered.entities.get("dup")?.name, "Override Dup");
});

test("dangling references (office holder's state, event participant, source key, conflict) are reported, not thrown", () => {
  const text = `sources:
  - { key: k, type: book, title: K }
entities:
  - id: p
    type: person
    name: P
    sources: [{ key: nowhere }]
    offices: [{ title: no-such-title, of: no-such-state, start: "1950", sources: [{ key: k }] }]
events:
  - { id: e, type: no-such-type, name: E, participants: [p, ghost], date: "1950", sources: [{ key: k }] }
conflicts:
  - { id: c, about: "entity:phantom", sources: [{ key: k }] }
`;
  const index = load(text);
  const messages = index.problems.map((p) => p.message).join("\n");
  for (const name of ["nowhere", "no-such-state", "ghost", "phantom"]) assert.match(messages, new RegExp(name), `a problem names ${name}`);
  assert.equal(index.lookup("P")[0]?.id, "p", "the entity is still usable");
  assert.doesNotThrow(() => index.eventsWith(["p", "ghost"]));
});

test("a workspace fact file that breaks keeps its last good facts; fixing or deleting it updates them", () => {
  const file = "/ws/clio.facts.yaml";
  const good = "entities:\n  - { id: lastgood, type: person, name: Kept Person, sources: [{ key: wikidata, locator: Q1 }] }\n";
  const files: Record<string, string> = { [file]: good };
  const ws = memoryWorkspace(files, {}, "/ws", false);
  assert.equal(ws.facts().lookup("Kept Person")[0]?.id, "lastgood");

  files[file] = "entities:\n  - { id: lastgood, type: person, name: [unclosed\n";
  ws.invalidateFacts();
  assert.equal(ws.facts().lookup("Kept Person")[0]?.id, "lastgood", "the last good version stays in use");
  const problems = ws.factDiagnostics().filter((d) => d.uri === file);
  assert.ok(problems.some((d) => d.severity === "error" && /cannot be parsed/.test(d.message) && /last version/.test(d.message)), problems.map((d) => d.message).join("; "));
  for (const d of problems) assertRangeInside(d.range, files[file], d.message);

  files[file] = good.replace("Kept Person", "Renamed Person");
  ws.invalidateFacts();
  assert.equal(ws.facts().lookup("Renamed Person")[0]?.id, "lastgood");
  assert.equal(ws.facts().lookup("Kept Person").length, 0);
  assert.equal(ws.factDiagnostics().filter((d) => /last version/.test(d.message)).length, 0);

  delete files[file];
  ws.invalidateFacts();
  assert.equal(ws.facts().lookup("Renamed Person").length, 0, "a deleted file's facts go away");
});

test("a fact file that never parsed reports its problems and adds nothing", () => {
  const file = "/ws/clio.facts.yaml";
  const ws = memoryWorkspace({ [file]: "entities: [ {" }, {}, "/ws", false);
  assert.equal(ws.facts().entities.size, 0);
  assert.ok(ws.factDiagnostics().some((d) => d.uri === file && d.severity === "error"));
});
