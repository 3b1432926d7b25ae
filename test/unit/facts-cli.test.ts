// `clio facts …` subcommands, run in-process against a temporary workspace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { runFacts } from "../../server/src/cli/facts.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/facts-files");

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), "clio-facts-"));
  writeFileSync(
    join(root, "clio.facts.yaml"),
    `sources:
  - key: wikidata
    type: dataset
    title: Wikidata
  - key: tretiak1962
    type: article-journal
    title: An article
    issued: "1962-06"
    page: "123-143"
  - key: "bashkimi:1956-09-19"
    type: article-newspaper
    container-title: Bashkimi
    issued: "1956-09-19"
    sources: [{ key: tretiak1962, locator: "p. 126" }]
eventTypes: [{ id: visit, name: Visit }]
entities:
  - { id: a, type: person, name: Person A, sources: [{ key: wikidata, locator: Q1 }] }
  - { id: b, type: state, name: State B, sources: [{ key: wikidata, locator: Q2 }] }
events:
  - id: a-visits-b
    type: visit
    name: A visits B
    participants: [a, b]
    date: "1956-09"
    sources: [{ key: "bashkimi:1956-09-19" }]
    conflict: true
    alternatives: [{ date: "1956-10", sources: [{ key: tretiak1962, locator: "p. 127" }] }]
`,
  );
  mkdirSync(join(root, ".clio"));
  writeFileSync(join(root, ".clio", "extra.yaml"), "entities:\n  - { id: c, type: person, name: Uncited C }\n");
  return root;
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), "clio-out-"));
  const out = join(dir, "out.txt");
  const code = await runFacts([...args, "-o", out]);
  let text = "";
  try {
    text = readFileSync(out, "utf8");
  } catch {
    // nothing written
  }
  return { code, out: text };
}

test("facts stats counts by type (workspace only)", async () => {
  const root = workspace();
  const { code, out } = await run(["stats", "--root", root, "--no-bundled", "--json"]);
  assert.equal(code, 0);
  const s = JSON.parse(out);
  assert.deepEqual(s.entities, { person: 2, state: 1 });
  assert.deepEqual(s.events, { visit: 1 });
  assert.equal(s.sources["article-journal"], 1);
  const text = await run(["stats", "--root", root, "--no-bundled"]);
  assert.match(text.out, /entities: 3\n {2}person +2/);
});

test("facts audit lists unsourced facts, conflicts and events per seed work; exit 1 when unsourced", async () => {
  const root = workspace();
  const { code, out } = await run(["audit", "--root", root, "--no-bundled", "--json"]);
  assert.equal(code, 1);
  const a = JSON.parse(out);
  assert.deepEqual(a.unsourced.map((u: { what: string }) => u.what), ["entity c", "event a-visits-b: cites bashkimi:1956-09-19 without a locator"]);
  assert.equal(a.unsourced[0].line, 2);
  assert.deepEqual(a.conflicts.map((c: { about: string }) => c.about), ["event:a-visits-b"]);
  const tretiak = a.seeds.find((s: { key: string }) => s.key === "tretiak1962");
  assert.equal(tretiak.seedFile, "001_b0291bfe0c1d5025.txt");
  assert.deepEqual(tretiak.events.map((e: { id: string }) => e.id), ["a-visits-b"], "drawn through the primary source it cites");
  const text = await run(["audit", "--root", root, "--no-bundled"]);
  assert.match(text.out, /facts without provenance: 2\n {2}\S*extra\.yaml:2: entity c\n/);
});

test("facts validate reports problems with positions and fails on errors", async () => {
  const { code, out } = await run(["validate", "--no-bundled", join(FIXTURES, "common.yaml"), join(FIXTURES, "dangling.yaml")]);
  assert.equal(code, 1);
  assert.match(out, /dangling\.yaml:7:\d+: error: Unknown title id "grand-vizier".*\[fact-file-invalid\]/);
  assert.match(out, /6 problem\(s\), 6 error\(s\)/);
  const ok = await run(["validate", "--no-bundled", join(FIXTURES, "common.yaml")]);
  assert.equal(ok.code, 0);
  assert.match(ok.out, /^0 problem\(s\)/);
  const bib = await run(["validate", "--no-bundled", "--json", join(FIXTURES, "broken.bib")]);
  assert.equal(bib.code, 1);
  assert.equal(JSON.parse(bib.out)[0].code, "bibliography-invalid");
});

test("facts import-wikidata writes a fact file", async () => {
  const { code, out } = await run(["import-wikidata", join(FIXTURES, "wikidata-entitydata.json")]);
  assert.equal(code, 0);
  assert.match(out, /name: Zhou Enlai/);
  assert.match(out, /locator: Q17410/);
  assert.equal(await runFacts(["import-wikidata"]), 2);
  assert.equal(await runFacts(["import-wikidata", join(FIXTURES, "no-such-file.json")]), 2);
});

test("facts export-csl writes sources as CSL-JSON", async () => {
  const root = workspace();
  const { code, out } = await run(["export-csl", "--root", root, "--no-bundled"]);
  assert.equal(code, 0);
  const items = JSON.parse(out) as Array<Record<string, unknown>>;
  assert.deepEqual(items.map((i) => i.id), ["bashkimi:1956-09-19", "tretiak1962", "wikidata"]);
  assert.deepEqual(items[0].issued, { "date-parts": [[1956, 9, 19]] });
  assert.equal(items[0]["container-title"], "Bashkimi");
});

test("bad usage exits 2", async () => {
  assert.equal(await runFacts(["frobnicate"]), 2);
  assert.equal(await runFacts(["stats", "--bogus"]), 2);
});

test("pandoc --citeproc resolves bundled keys from export-csl", { skip: spawnSync("pandoc", ["--version"]).status !== 0 && "pandoc not installed" }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "clio-pandoc-"));
  const csl = join(dir, "sources.json");
  assert.equal(await runFacts(["export-csl", "--root", dir, "-o", csl]), 0);
  const paper = join(dir, "paper.md");
  writeFileSync(paper, "Text [@tretiak1962, p. 130].\n");
  const r = spawnSync("pandoc", [paper, "--citeproc", "--bibliography", csl, "-t", "plain"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /not found/);
  assert.match(r.stdout, /Tretiak 1962, 130/);
});
