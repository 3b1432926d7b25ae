// The bundled fact base (server/data/facts/*.yaml) must load without a single
// problem, and every fact in it must cite its sources.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildFactIndex } from "../../server/src/core/facts/index.js";
import { auditFacts } from "../../server/src/core/facts/audit.js";
import type { FactFileText } from "../../server/src/core/types.js";

const ROOT = join(import.meta.dirname, "../..");
const DIR = join(ROOT, "server/data/facts");
const files: FactFileText[] = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => ({ file: `server/data/facts/${f}`, text: readFileSync(join(DIR, f), "utf8"), origin: "bundled" }));
const index = buildFactIndex(files);

test("the bundled fact base loads without problems", () => {
  const first = index.problems
    .slice(0, 25)
    .map((p) => `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message}`);
  assert.equal(index.problems.length, 0, `${index.problems.length} problem(s); the first:\n${first.join("\n")}`);
});

test("every bundled fact cites its sources", () => {
  const audit = auditFacts(index);
  const first = audit.unsourced.slice(0, 25).map((u) => `${u.file}:${u.line}: ${u.what}`);
  assert.equal(audit.unsourced.length, 0, `${audit.unsourced.length} fact(s) without provenance; the first:\n${first.join("\n")}`);
});

test("the bundled base has the five seed works as sources", () => {
  for (const key of ["biberaj1986", "tretiak1962", "fink1998", "selivanov2017", "malile1961", "wikidata"]) {
    assert.ok(index.source(key), `missing bundled source ${key}`);
  }
});
