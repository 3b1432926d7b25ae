// The one fixture runner: every Markdown paper under test/fixtures/ is a test
// whose expected diagnostics are marker lines under the text they point at
// (see test/fixture-expectations.ts). Each .md file is its own workspace,
// except the files of a `*.workspace` directory, which are checked together
// (date-conflict) with that directory's clio.facts.yaml as workspace facts.
import { test } from "node:test";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ClioWorkspace } from "../server/src/core/workspace.js";
import { parseDocument } from "../server/src/core/parse/index.js";
import { createNodeHost, loadBundledFactFiles } from "../server/src/node/host.js";
import { compareDiagnostics, parseExpectations } from "./fixture-expectations.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixturesRoot = path.join(here, "fixtures");
const PAPER = /\.(md|markdown|qmd|Rmd)$/;

interface FixtureCase {
  name: string;
  dir: string;
  files: string[];
}

function collect(dir: string, out: FixtureCase[]): FixtureCase[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.endsWith(".workspace")) {
        const files = papersUnder(full);
        if (files.length) out.push({ name: path.relative(here, full), dir: full, files });
      } else {
        collect(full, out);
      }
    } else if (PAPER.test(entry.name)) {
      out.push({ name: path.relative(here, full), dir, files: [full] });
    }
  }
  return out;
}

function papersUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...papersUnder(full));
    else if (PAPER.test(entry.name)) files.push(full);
  }
  return files.sort();
}

const cases = fs.existsSync(fixturesRoot) ? collect(fixturesRoot, []) : [];
const bundled = loadBundledFactFiles();

function hasWorkspaceFacts(dir: string): boolean {
  return fs.existsSync(path.join(dir, "clio.facts.yaml")) || fs.existsSync(path.join(dir, ".clio"));
}

// Building the fact index dominates a fixture's run time, so single papers
// that bring no facts of their own share one workspace without a root, each
// removed again after its test (so date-conflict only ever sees one paper).
let shared: ClioWorkspace | undefined;
function workspaceFor(fixture: FixtureCase, texts: Map<string, string>): { workspace: ClioWorkspace; shared: boolean } {
  const ownFacts =
    fixture.files.length > 1 ||
    fixture.name.endsWith(".workspace") ||
    hasWorkspaceFacts(fixture.dir) ||
    [...texts].some(([file, text]) => (parseDocument(file, text).frontMatter?.clio?.facts.length ?? 0) > 0);
  if (ownFacts) return { workspace: new ClioWorkspace(createNodeHost(fixture.dir, bundled)), shared: false };
  shared ??= new ClioWorkspace(createNodeHost(undefined, bundled));
  return { workspace: shared, shared: true };
}

for (const fixture of cases) {
  test(fixture.name, () => {
    const texts = new Map<string, string>();
    for (const file of fixture.files) texts.set(file, fs.readFileSync(file, "utf8"));
    const { workspace, shared: isShared } = workspaceFor(fixture, texts);
    for (const [file, text] of texts) workspace.setDocument(file, text, 1);
    try {
      check(fixture, workspace, texts);
    } finally {
      if (isShared) for (const file of fixture.files) workspace.removeDocument(file);
    }
  });
}

function check(fixture: FixtureCase, workspace: ClioWorkspace, texts: Map<string, string>): void {
  const reports: string[] = [];
  for (const file of fixture.files) {
    const text = texts.get(file)!;
    const { expectations, errors } = parseExpectations(text);
    const label = path.relative(here, file);
    for (const e of errors) reports.push(`${label}: ${e}`);
    const { ok, report } = compareDiagnostics(label, text, expectations, workspace.diagnostics(file));
    if (!ok) reports.push(report);
  }
  if (reports.length) throw new Error(`\n${reports.join("\n\n")}`);
}
