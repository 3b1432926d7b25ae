// Bad input through the real CLI bundle: binary files and invalid UTF-8 are
// reported clearly (exit 2 / a warning), never a stack trace.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const cli = join(import.meta.dirname, "../../dist/cli.cjs");
const dir = mkdtempSync(join(tmpdir(), "clio-badinput-cli-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

function check(file: string) {
  return spawnSync(process.execPath, [cli, "check", file, "--format", "json"], { encoding: "utf8", cwd: dir });
}
function noCrash(r: ReturnType<typeof check>) {
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
  assert.doesNotMatch(r.stderr, /TypeError|RangeError|ReferenceError|Maximum call stack/);
}

test("clio check on a binary file reports it and exits 2", (t) => {
  if (!existsSync(cli)) return t.skip("dist/cli.cjs not built");
  let seed = 7;
  const bytes = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256));
  bytes[10] = 0;
  const file = join(dir, "binary.md");
  writeFileSync(file, bytes);
  const r = check(file);
  noCrash(r);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /binary\.md is a binary file/);
});

test("clio check on invalid UTF-8 warns, checks the rest, and leaves the file alone", (t) => {
  if (!existsSync(cli)) return t.skip("dist/cli.cjs not built");
  const file = join(dir, "latin1.md");
  const bytes = Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" {1961-13} [[Albania]] left \xc3\x28.\n", "latin1")]);
  writeFileSync(file, bytes);
  const r = check(file);
  noCrash(r);
  assert.match(r.stderr, /not valid UTF-8/);
  const diags = JSON.parse(r.stdout);
  assert.ok(diags.some((d: { code: string }) => d.code === "date-invalid"), "the rest of the file is still checked");
  assert.ok(readFileSync(file).equals(bytes), "the file is unchanged");
  assert.equal(r.status, 1);
});

test("clio check on an empty file and on a directory of noise does not crash", (t) => {
  if (!existsSync(cli)) return t.skip("dist/cli.cjs not built");
  const empty = join(dir, "empty.md");
  writeFileSync(empty, "");
  const r = check(empty);
  noCrash(r);
  assert.equal(r.status, 0);
  writeFileSync(join(dir, "refs.bib"), "@@@{{{,,,}}}");
  writeFileSync(join(dir, "clio.facts.yaml"), "entities: [ {");
  const r2 = spawnSync(process.execPath, [cli, "check", dir, "--format", "json"], { encoding: "utf8", cwd: dir });
  noCrash(r2);
  assert.ok([0, 1, 2].includes(r2.status!), `exit ${r2.status}`);
});
