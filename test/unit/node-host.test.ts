import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createNodeHost, findPackageRoot, loadBundledFactFiles } from "../../server/src/node/host.js";

test("node host: reads never throw; missing files are undefined, missing folders list empty", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clio-host-"));
  fs.writeFileSync(path.join(dir, "a.md"), "text");
  const host = createNodeHost(dir, []);
  assert.equal(host.root, dir);
  assert.equal(host.readFile(path.join(dir, "a.md")), "text");
  assert.equal(host.readFile(path.join(dir, "missing.md")), undefined);
  assert.equal(host.readFile(dir), undefined); // a folder is not a file
  assert.deepEqual(host.listDir?.(dir), ["a.md"]);
  assert.deepEqual(host.listDir?.(path.join(dir, "nope")), []);
  assert.equal(createNodeHost(undefined, []).root, undefined);
});

test("node host: bundled facts come from the repository's YAML under tsx, with absolute file names", () => {
  const root = findPackageRoot();
  assert.ok(root && fs.existsSync(path.join(root, "package.json")));
  const files = loadBundledFactFiles();
  assert.ok(files.length > 0);
  for (const f of files) {
    assert.ok(path.isAbsolute(f.file), f.file);
    assert.equal(f.origin, "bundled");
    assert.equal(f.text, fs.readFileSync(f.file, "utf8"));
  }
  assert.deepEqual(files.map((f) => path.basename(f.file)), files.map((f) => path.basename(f.file)).sort());
});

test("node host: the built CLI bundle reads dist/facts.json next to itself", async () => {
  const root = findPackageRoot()!;
  const bundle = path.join(root, "dist", "cli.cjs");
  if (!fs.existsSync(bundle)) return; // `npm test` builds first; a bare test run may not have dist/
  const { spawnSync } = await import("node:child_process");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clio-bundle-"));
  // Stalin's death date comes from the bundled facts: no facts, no diagnostic.
  fs.writeFileSync(path.join(dir, "p.md"), "{1955} [[Stalin]] spoke [@biberaj1986, n. 54].\n");
  const r = spawnSync(process.execPath, [bundle, "check", "p.md", "--format", "json"], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  assert.ok((JSON.parse(r.stdout) as Array<{ code: string }>).some((d) => d.code === "entity-not-existing"));
});
