import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCheck, type CliIo } from "../../server/src/cli/check.js";
import { collectInputs, expandGlob, findWorkspaceRoot, segmentToRegExp } from "../../server/src/cli/paths.js";

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clio-cli-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd, colour: false };
  const code = await runCheck(args, io);
  return { code, out, err };
}

const BAD = "{1961-13} [[Albania]] joined [@biberaj1986, n. 6].\n";
const GOOD = "{1961-12} The [[Soviet Union]] broke off relations with [[Albania]] [@tretiak1962, p. 141].\n";

test("clio check: pretty output is file:line:col  severity  code  message, with a summary; exit 1 on errors", async () => {
  const dir = workspace({ "paper.md": `Intro.\n\n${BAD}` });
  const { code, out } = await run(["paper.md"], dir);
  assert.equal(code, 1);
  assert.match(out, /^paper\.md:3:1 {2}error {8}date-invalid {2}\{1961-13\} is not a valid date: month 13 does not exist\.$/m);
  assert.match(out, /✖ 1 problem \(1 error, 0 warnings\)\n$/);
});

test("clio check: no problems, exit 0", async () => {
  const dir = workspace({ "paper.md": GOOD });
  const { code, out } = await run(["."], dir);
  assert.equal(out, "No problems.\n");
  assert.equal(code, 0);
});

test("clio check --format json: spec §7 fields with 0-based ranges", async () => {
  const dir = workspace({ "a.md": BAD });
  const { code, out } = await run(["--format", "json", "a.md"], dir);
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(out), [
    {
      file: "a.md",
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
      severity: "error",
      code: "date-invalid",
      message: "{1961-13} is not a valid date: month 13 does not exist.",
    },
  ]);
  assert.deepEqual(JSON.parse((await run(["--format=json", "a.md"], dir)).out).length, 1);
});

test("clio check --exit-zero reports errors but exits 0", async () => {
  const dir = workspace({ "a.md": BAD });
  const { code, out } = await run(["a.md", "--exit-zero"], dir);
  assert.equal(code, 0);
  assert.match(out, /date-invalid/);
});

test("clio check: bad usage and unreadable input exit 2 with a message", async () => {
  const dir = workspace({ "a.md": GOOD, "notes.txt": "x" });
  for (const args of [["--nope"], ["--format", "xml", "a.md"], ["--format"], ["missing.md"], ["nothing/*.md"], ["notes.txt"]]) {
    const { code, err, out } = await run(args, dir);
    assert.equal(code, 2, args.join(" "));
    assert.ok(err.length > 0, args.join(" "));
    assert.equal(out, "");
  }
  const empty = workspace({});
  assert.equal((await run([], empty)).code, 2);
});

test("clio check: folders are walked for papers, skipping node_modules and hidden folders; globs match", async () => {
  const dir = workspace({
    "a.md": BAD,
    "sub/b.qmd": BAD,
    "sub/deeper/c.Rmd": BAD,
    "node_modules/x.md": BAD,
    ".hidden/y.md": BAD,
    "sub/notes.txt": "x",
  });
  const all = collectInputs(["."], dir);
  assert.deepEqual(all.papers.map((f) => path.relative(dir, f)), ["a.md", "sub/b.qmd", "sub/deeper/c.Rmd"]);
  assert.deepEqual(expandGlob("sub/**/*.{qmd,Rmd}", dir).map((f) => path.relative(dir, f)), ["sub/b.qmd", "sub/deeper/c.Rmd"]);
  assert.deepEqual(expandGlob("*.md", dir).map((f) => path.relative(dir, f)), ["a.md"]);
  assert.deepEqual(expandGlob("**/*.md", dir).map((f) => path.relative(dir, f)), ["a.md"]);
  assert.ok(segmentToRegExp("a?[bc]*.md").test("axc-long.md"));
  assert.ok(!segmentToRegExp("*.md").test("a.qmd"));
  const { out } = await run(["sub/**/*.qmd"], dir);
  assert.match(out, /sub\/b\.qmd:1:1/);
  assert.doesNotMatch(out, /c\.Rmd/);
});

test("clio check: the workspace root is the nearest folder with clio.facts.yaml or .clio/", () => {
  const dir = workspace({ "project/clio.facts.yaml": "entities: []\n", "project/papers/a.md": GOOD, "other/b.md": GOOD });
  assert.equal(findWorkspaceRoot("project/papers/a.md", dir), path.join(dir, "project"));
  assert.equal(findWorkspaceRoot("other/b.md", dir), dir);
});

test("clio check: fact files and bibliographies given on the command line are validated", async () => {
  const dir = workspace({
    "facts.yaml": "entities:\n  - id: x\n    type: nonsense-type\n",
    "refs.bib": "@book{a,\n  title = {Unclosed\n",
  });
  const { code, out } = await run(["facts.yaml", "refs.bib", "--format", "json"], dir);
  const found = JSON.parse(out) as Array<{ file: string; code: string }>;
  assert.ok(found.some((d) => d.file === "facts.yaml" && d.code === "fact-file-invalid"), out);
  assert.ok(found.some((d) => d.file === "refs.bib" && d.code === "bibliography-invalid"), out);
  assert.equal(code, 1);
});

test("clio check --fix applies safe fixes, writes the file and reports what remains", async () => {
  const text = "{1970} The [[People's Socialist Republic of Albania]] stood with China [@biberaj1986, n. 90].\n\n{1961-13} Still broken [@biberaj1986, n. 6].\n";
  const dir = workspace({ "paper.md": text });
  const before = await run(["paper.md"], dir);
  assert.match(before.out, /name-anachronism/);
  const { code, out } = await run(["paper.md", "--fix"], dir);
  assert.doesNotMatch(out, /name-anachronism/);
  assert.match(out, /date-invalid/);
  assert.equal(code, 1);
  const fixed = fs.readFileSync(path.join(dir, "paper.md"), "utf8");
  assert.equal(fixed, text.replace("People's Socialist Republic of Albania", "People's Republic of Albania"));
});

test("clio: the dispatcher prints help and version, and rejects unknown commands with exit 2", async () => {
  const { spawnSync } = await import("node:child_process");
  const main = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../server/src/cli/main.ts");
  const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", main, ...args], { encoding: "utf8" });
  const version = cli("--version");
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const help = cli("--help");
  assert.equal(help.status, 0);
  assert.match(help.stdout, /check \[PATHS…\]/);
  const unknown = cli("frobnicate");
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  assert.equal(cli().status, 2);
  const checkHelp = cli("check", "--help");
  assert.equal(checkHelp.status, 0);
  assert.match(checkHelp.stdout, /--exit-zero/);
});

test("clio check: colours only when asked (a TTY), plain otherwise", async () => {
  const dir = workspace({ "a.md": BAD });
  let out = "";
  await runCheck(["a.md"], { stdout: (t) => (out += t), stderr: () => {}, cwd: dir, colour: true });
  assert.match(out, /\x1b\[31merror/);
  const plain = await run(["a.md"], dir);
  assert.doesNotMatch(plain.out, /\x1b\[/);
});
