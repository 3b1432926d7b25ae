// Every malformed fact-file case: the problem is reported, at the right line
// (1-based below), and the rest of the base stays loaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { buildFactIndex, factFileSchema } from "../../server/src/core/facts/index.js";
import type { FactFileText, FactIndex, FactProblem } from "../../server/src/core/types.js";

const DIR = join(import.meta.dirname, "../fixtures/facts-files");
const fixture = (name: string, origin: FactFileText["origin"] = "bundled"): FactFileText => ({
  file: `facts-files/${name}`,
  text: readFileSync(join(DIR, name), "utf8"),
  origin,
});

function load(name: string, origin: FactFileText["origin"] = "bundled"): FactIndex {
  return buildFactIndex([fixture("common.yaml"), fixture(name, origin)]);
}

/** Problems as "line: severity: message" for readable failures. */
function summary(problems: readonly FactProblem[]): string[] {
  return problems.map((p) => `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message}`);
}

function expectProblems(idx: FactIndex, expected: Array<{ line: number; includes: string; severity?: string }>): void {
  const got = idx.problems;
  assert.equal(got.length, expected.length, `problems:\n${summary(got).join("\n")}`);
  for (const e of expected) {
    const hit = got.find((p) => p.range.start.line + 1 === e.line && p.message.includes(e.includes));
    assert.ok(hit, `expected a problem on line ${e.line} containing ${JSON.stringify(e.includes)}; got:\n${summary(got).join("\n")}`);
    assert.equal(hit.severity, e.severity ?? "error");
    assert.equal(hit.code, "fact-file-invalid");
    assert.equal(hit.file, "facts-files/" + hit.file.split("/").pop());
  }
}

test("the shared fixture vocabulary is itself valid", () => {
  assert.deepEqual(summary(buildFactIndex([fixture("common.yaml")]).problems), []);
});

test("YAML syntax error: reported with its position; other files stay loaded", () => {
  const idx = load("syntax-error.yaml");
  assert.ok(idx.problems.length >= 1);
  const p = idx.problems[0];
  assert.equal(p.file, "facts-files/syntax-error.yaml");
  assert.match(p.message, /cannot be parsed/);
  // yaml notices the stray indentation at the end of the line before.
  assert.ok([3, 4].includes(p.range.start.line + 1), summary(idx.problems).join("\n"));
  assert.ok(idx.entities.has("albania"), "common.yaml is still loaded");
});

test("missing provenance: required, non-empty, on offices too", () => {
  expectProblems(load("missing-provenance.yaml"), [
    { line: 2, includes: 'lacks the required property "sources"' },
    { line: 8, includes: "every fact cites at least one source" },
    { line: 14, includes: 'lacks the required property "sources"' },
  ]);
});

test("missing provenance in a workspace file is a warning", () => {
  const idx = load("missing-provenance.yaml", "workspace");
  assert.deepEqual(
    idx.problems.map((p) => p.severity),
    ["warning", "warning", "warning"],
  );
});

test("unknown source key in provenance", () => {
  expectProblems(load("unknown-source.yaml"), [{ line: 8, includes: 'Unknown source key "nosuchbook1999"' }]);
});

test("end before start: existence, tenure and name period", () => {
  expectProblems(load("end-before-start.yaml"), [
    { line: 5, includes: "ends (1940-05) before it begins (1950)" },
    { line: 11, includes: "tenure of Backwards Life as premier ends" },
    { line: 16, includes: 'name "Backwards" ends' },
  ]);
});

test("duplicate id within one file: the first is kept", () => {
  const idx = load("duplicate-id.yaml");
  expectProblems(idx, [{ line: 6, includes: 'Duplicate entity id "twin" (first defined on line 2' }]);
  assert.equal(idx.entities.get("twin")?.name, "First Twin");
});

test("an alias shared by two entities needs descriptions; a title word names one title", () => {
  const idx = load("shared-alias.yaml");
  expectProblems(idx, [
    { line: 10, includes: '"Li" also names li-one', severity: "warning" },
    { line: 30, includes: '"Chairman" already names the title party-chairman', severity: "warning" },
  ]);
  assert.equal(idx.lookup("Li").length, 2);
  assert.equal(idx.lookup("Kang").length, 2);
});

test("unparseable dates are reported at the date", () => {
  const idx = load("bad-date.yaml");
  expectProblems(idx, [
    { line: 5, includes: 'Invalid date "1961-13"' },
    { line: 12, includes: 'Invalid date "1961-02-30"' },
  ]);
  assert.equal(idx.entities.get("bad-date")?.startDate, undefined);
  assert.equal(idx.entities.get("bad-date")?.endDate?.edtf, "1999");
});

test("dangling references to titles, entities, event types and conflict targets", () => {
  expectProblems(load("dangling.yaml"), [
    { line: 7, includes: 'Unknown title id "grand-vizier"' },
    { line: 8, includes: 'Unknown entity id "ottoman-empire"' },
    { line: 12, includes: 'Unknown event type "coronation"' },
    { line: 14, includes: 'Unknown entity id "atlantis"' },
    { line: 15, includes: 'Unknown entity id "el-dorado"' },
    { line: 20, includes: 'unknown event "no-such-event"' },
  ]);
});

test("a YAML alias bomb fails fast instead of expanding", () => {
  const start = performance.now();
  const idx = load("alias-bomb.yaml");
  assert.ok(performance.now() - start < 2000);
  assert.equal(idx.problems.length, 1, summary(idx.problems).join("\n"));
  assert.match(idx.problems[0].message, /alias/i);
});

test("schema errors: unknown property at its key, bad enum value", () => {
  expectProblems(load("unknown-property.yaml"), [
    { line: 5, includes: 'unknown property "alias"' },
    { line: 8, includes: "must be one of" },
  ]);
});

test("a file that is not a mapping", () => {
  expectProblems(load("not-a-mapping.yaml"), [{ line: 1, includes: "must be a mapping" }]);
});

test("JSON fact files: broken JSON is reported, valid JSON loads", () => {
  const broken = load("broken.json");
  assert.ok(broken.problems.length >= 1);
  assert.ok(broken.problems.every((p) => p.range.start.line === 0), summary(broken.problems).join("\n"));
  const ok = load("valid.json");
  assert.deepEqual(summary(ok.problems), []);
  assert.equal(ok.entities.get("json-person")?.origin.range?.start.line, 2);
});

test("buildFactIndex never throws, whatever the input", () => {
  const junk = ["\u0000\u0001", "entities: 5", "entities: [1, null, {id: 3}]", "sources: [{key: {a: 1}}]", ":\n:\n-", "events: [{id: e, name: E, date: 1961, participants: 5}]", "{".repeat(500)];
  for (const text of junk) {
    const idx = buildFactIndex([{ file: "junk.yaml", text, origin: "workspace" }]);
    assert.ok(Array.isArray(idx.problems));
    assert.ok(idx.problems.length > 0, `expected a problem for ${JSON.stringify(text.slice(0, 20))}`);
  }
});

test("the shipped schema is a valid, strict JSON Schema 2020-12", () => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  assert.doesNotThrow(() => ajv.compile(factFileSchema));
  assert.equal((factFileSchema as { $schema: string }).$schema, "https://json-schema.org/draft/2020-12/schema");
});
