// Tests of the fixture runner's marker language (test/fixture-expectations.ts):
// a runner that accepted anything would make every fixture pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compareDiagnostics, markerFor, parseExpectations } from "../fixture-expectations.js";
import { parseDocument } from "../../server/src/core/parse/index.js";
import type { ClioDiagnostic } from "../../server/src/core/types.js";

const paper = [
  "Text in {1961-13} here.",
  "<!--    ^^^^^^^^^ date-invalid -->",
  "{1961-02-30} at the start.",
  "<!-- ^^^^^^^^^^^^ error: date-invalid @0 -->",
].join("\n");

test("markers point at the nearest line above; `@N` gives columns under 5; severity is optional", () => {
  const { expectations, errors } = parseExpectations(paper);
  assert.deepEqual(errors, []);
  assert.deepEqual(expectations, [
    { line: 0, markerLine: 1, start: 8, end: 17, code: "date-invalid" },
    { line: 2, markerLine: 3, start: 0, end: 12, code: "date-invalid", severity: "error" },
  ]);
});

test("stacked markers share their line; YAML comments mark front matter; malformed markers are errors", () => {
  const text = ["---", "title: [x", "#      ^ front-matter-invalid", "---", "a b", "<!-- ^ x -->", "<!--   ^ y -->", "<!-- ^^^ -->"].join("\n");
  const { expectations, errors } = parseExpectations(text);
  assert.deepEqual(expectations.map((e) => [e.line, e.start, e.code]), [[1, 7, "front-matter-invalid"], [4, 5, "x"], [4, 7, "y"]]);
  assert.equal(errors.length, 1);
});

test("the real parser's diagnostics match the markers", () => {
  const { expectations } = parseExpectations(paper);
  const result = compareDiagnostics("paper.md", paper, expectations, parseDocument("/paper.md", paper).diagnostics);
  assert.equal(result.report, "");
  assert.ok(result.ok);
});

test("a wrong marker fails with a readable diff", () => {
  const wrong = paper.replace("<!--    ^^^^^^^^^ date-invalid -->", "<!--     ^^^^^^^^^ date-invalid -->");
  const { expectations } = parseExpectations(wrong);
  const result = compareDiagnostics("paper.md", wrong, expectations, parseDocument("/paper.md", wrong).diagnostics);
  assert.equal(result.ok, false);
  assert.match(result.report, /expected, not produced/);
  assert.match(result.report, /produced, not expected/);
  assert.match(result.report, /Text in \{1961-13\} here\./);
  assert.match(result.report, /<!-- {4}\^{9} error: date-invalid -->/);
});

test("a missing marker fails (noise is not allowed), and so does a wrong severity or end", () => {
  const noMarkers = "Text in {1961-13} here.";
  assert.equal(compareDiagnostics("p", noMarkers, [], parseDocument("/p.md", noMarkers).diagnostics).ok, false);
  const severity = paper.replace("error: date-invalid", "warning: date-invalid");
  assert.equal(compareDiagnostics("p", severity, parseExpectations(severity).expectations, parseDocument("/p.md", severity).diagnostics).ok, false);
  const longer = paper.replace("^^^^^^^^^ date-invalid", "^^^^^^^^^^ date-invalid");
  assert.equal(compareDiagnostics("p", longer, parseExpectations(longer).expectations, parseDocument("/p.md", longer).diagnostics).ok, false);
});

test("a diagnostic spanning lines is matched by its start only", () => {
  const d: ClioDiagnostic = {
    uri: "/p.md",
    range: { start: { line: 0, character: 6 }, end: { line: 2, character: 1 } },
    severity: "warning",
    code: "x",
    message: "m",
  };
  const text = "abcdefgh\n<!--  ^^ x -->";
  assert.ok(compareDiagnostics("p", text, parseExpectations(text).expectations, [d]).ok);
  assert.equal(markerFor({ ...d, range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } } }), "<!-- ^^ warning: x @2 -->");
});
