// Runs the in-host suite (test/vscode-suite, bundled by build-suite.mjs) inside
// code-server's extension host — the same suite run-electron.mjs runs in VS Code
// desktop. The workspace is a throwaway copy of examples/ plus the suite's own
// paper, so applied quick fixes never touch the repository.
import { cpSync, mkdirSync, mkdtempSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { runTests } from "./run-ext-tests.mjs";
import { RUNS_ROOT } from "./lib.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
if (!existsSync(join(root, "dist/server.cjs")) || process.env.CLIO_REBUILD !== "0") {
  execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
}
if (!existsSync(join(root, "out/vscode-suite/index.cjs"))) {
  execFileSync(process.execPath, [join(root, "test/e2e/build-suite.mjs")], { stdio: "inherit" });
}
mkdirSync(RUNS_ROOT, { recursive: true });
const workspace = mkdtempSync(join(RUNS_ROOT, "suite-ws-"));
if (existsSync(join(root, "examples"))) cpSync(join(root, "examples"), workspace, { recursive: true });
cpSync(join(root, "test/vscode-suite/workspace"), workspace, { recursive: true });

const code = await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: join(root, "out/vscode-suite/index.cjs"),
  launchArgs: [workspace],
  timeoutMs: Number(process.env.CLIO_SUITE_TIMEOUT ?? 180000),
});
console.log(code === 0 ? "extension suite passed in code-server" : `extension suite FAILED in code-server (exit ${code})`);
process.exit(code);
