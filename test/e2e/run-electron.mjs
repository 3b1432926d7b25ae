// Runs the in-host suite in VS Code desktop through @vscode/test-electron, for
// machines that can download VS Code (this one cannot: use run-code-server.mjs).
import { cpSync, mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { runTests } from "@vscode/test-electron";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
execFileSync(process.execPath, [join(root, "test/e2e/build-suite.mjs")], { stdio: "inherit" });
const workspace = mkdtempSync(join(tmpdir(), "clio-suite-ws-"));
if (existsSync(join(root, "examples"))) cpSync(join(root, "examples"), workspace, { recursive: true });
cpSync(join(root, "test/vscode-suite/workspace"), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, "out/vscode-suite/index.cjs"),
    launchArgs: [workspace, "--disable-extensions"],
  });
} catch (err) {
  console.error("extension suite failed:", err);
  process.exit(1);
}
