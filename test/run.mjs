// Runs every *.test.ts under test/ with node's test runner (TypeScript through tsx).
// Usage: node test/run.mjs [substring-filter]
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const skip = new Set(["node_modules", "e2e", "fixtures", "vscode-suite"]);
const filter = process.argv[2];
function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (!skip.has(name)) walk(p, out); }
    else if (name.endsWith(".test.ts")) out.push(relative(root, p));
  }
  return out;
}
const files = walk(join(root, "test"), []).filter((f) => !filter || f.includes(filter)).sort();
if (files.length === 0) { console.error("no test files found"); process.exit(1); }
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter", "spec", ...files], {
  cwd: root, stdio: "inherit",
});
process.exit(r.status ?? 1);
