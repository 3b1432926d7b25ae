// UI test in a real VS Code (code-server + Debian Chromium via playwright-core):
// installs the packaged .vsix, opens a paper, reads a Clio diagnostic in the
// Problems panel, hovers an actor and reads the card from the DOM, applies a
// quick fix from the light bulb. One screenshot per step in test-output/ui/;
// the hover and Problems shots are copied to docs/screenshots/ for the README.
//   VSIX=path/to.vsix node test/e2e/ui.test.mjs   (without VSIX: runs `npm run package` first)
import fs from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { makeRunDir, installVsix, startCodeServer, launchBrowser, now, secs, RUNS_ROOT } from "./lib.mjs";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const outDir = path.join(root, "test-output", "ui");
const docsShots = path.join(root, "docs", "screenshots");
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

let vsix = process.env.VSIX;
if (!vsix) {
  execSync("npm run package", { cwd: root, stdio: "inherit" });
  vsix = path.join(root, "clio-history.vsix");
}
const started = now();
const step = (name) => console.log(`[${secs(now() - started)}] ${name}`);
const runDir = makeRunDir(RUNS_ROOT, "ui");
const ws = path.join(runDir, "workspace");
fs.mkdirSync(ws);
if (fs.existsSync(path.join(root, "examples"))) fs.cpSync(path.join(root, "examples"), ws, { recursive: true });
fs.cpSync(path.join(root, "test/vscode-suite/workspace"), ws, { recursive: true });
const PAPER = "clio-suite.md";

let server, browser, page;
let ok = false;
const shot = async (name) => page.screenshot({ path: path.join(outDir, name) });
try {
  installVsix(runDir, vsix);
  step(`installed ${path.basename(vsix)}`);
  server = await startCodeServer(runDir);
  browser = await launchBrowser(runDir);
  page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  page.on("pageerror", (e) => console.log("[pageerror]", e.message));
  await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
  const row = page.locator(".explorer-folders-view .monaco-list-row", { hasText: PAPER });
  await row.waitFor({ timeout: 60000 });
  await row.click();
  const editor = page.locator(".editor-instance .monaco-editor").first();
  await editor.locator(".view-line", { hasText: "Premier" }).waitFor({ timeout: 30000 });
  step(`${PAPER} open`);

  // Status bar: the server reports the fact base size.
  const status = page.locator(".statusbar-item", { hasText: /Clio: \d+ facts/ });
  await status.waitFor({ timeout: 60000 });
  const statusText = (await status.innerText()).trim();
  console.log("status bar:", statusText);
  step("status bar shows the fact base");

  await editor.locator(".squiggly-error").first().waitFor({ timeout: 30000 });
  await shot("01-editor.png");
  step("error squiggle rendered");

  // Problems panel.
  await editor.locator(".view-line", { hasText: "Premier" }).click();
  await page.keyboard.press("Control+Shift+M");
  const problems = page.locator(".markers-panel");
  await problems.locator(".monaco-list-row", { hasText: "date-invalid" }).first().waitFor({ timeout: 30000 });
  const problemsText = (await problems.innerText()).replace(/\s+/g, " ");
  console.log("Problems:", problemsText.slice(0, 400));
  assert.match(problemsText, /clio/);
  assert.match(problemsText, /date-invalid/);
  assert.match(problemsText, /citation-unknown/);
  await shot("02-problems.png");
  step("Problems panel lists Clio diagnostics");

  // Hover the actor with the real mouse and read the card.
  const word = editor.locator(".view-line span span", { hasText: /^Zhou\sEnlai$/ }).first();
  const box = await word.boundingBox();
  assert.ok(box, "Zhou Enlai is rendered as one token (the grammar scopes the link target)");
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.move(box.x + 14, box.y + box.height / 2);
  const hover = page.locator(".monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content", { hasText: "1898" }).first();
  await hover.waitFor({ timeout: 30000 });
  const hoverText = (await hover.innerText()).trim();
  console.log("hover:", JSON.stringify(hoverText.slice(0, 400)));
  assert.match(hoverText, /Zhou Enlai/);
  assert.match(hoverText, /Premier/);
  assert.match(hoverText, /held at this claim's date/);
  await shot("03-hover.png");
  step("hover card read from the DOM");

  // Quick fix from the light bulb on the mistyped citation key.
  await page.mouse.move(5, 5);
  await page.keyboard.press("Escape");
  const key = editor.locator(".view-line span span", { hasText: /tretiak196/ }).first();
  const keyBox = await key.boundingBox();
  assert.ok(keyBox, "the mistyped key is rendered");
  await page.mouse.click(keyBox.x + keyBox.width / 2, keyBox.y + keyBox.height / 2);
  const bulb = page.locator(".lightBulbWidget .codicon, .lightBulbWidget").first();
  await bulb.waitFor({ state: "visible", timeout: 30000 });
  await bulb.click();
  const fix = page.locator(".action-widget .monaco-list-row", { hasText: "tretiak1962" }).first();
  await fix.waitFor({ timeout: 30000 });
  await shot("04-quick-fix-menu.png");
  await fix.click();
  await editor.locator(".view-line", { hasText: "@tretiak1962, p. 130" }).waitFor({ timeout: 30000 });
  await problems.locator(".monaco-list-row", { hasText: "citation-unknown" }).first().waitFor({ state: "detached", timeout: 30000 });
  await shot("05-after-quick-fix.png");
  step("quick fix applied from the light bulb; the diagnostic is gone");

  // The example paper (examples/paper.md), for the README's screenshots.
  let hoverShot = "03-hover.png";
  let problemsShot = "02-problems.png";
  const example = path.join(ws, "paper.md");
  if (fs.existsSync(example) && fs.readFileSync(example, "utf8").includes("[[Zhou Enlai]]")) {
    await page.keyboard.press("Control+P");
    await page.locator(".quick-input-widget input").waitFor();
    await page.keyboard.type("paper.md");
    await page.locator(".quick-input-list .monaco-list-row", { hasText: "paper.md" }).first().waitFor();
    await page.keyboard.press("Enter");
    const exampleEditor = page.locator(".editor-instance .monaco-editor").first();
    await exampleEditor.locator(".view-line", { hasText: "Between Moscow and Beijing" }).first().waitFor({ timeout: 30000 });
    await problems.locator(".monaco-list-row", { hasText: "paper.md" }).first().waitFor({ timeout: 30000 });
    await shot("06-example-problems.png");
    // Bring the actor's line into view (Go to Line), then hover it.
    const exampleText = fs.readFileSync(example, "utf8");
    const actorLine = exampleText.slice(0, exampleText.indexOf("[[Zhou Enlai]]")).split("\n").length;
    await exampleEditor.locator(".view-line").first().click();
    await page.keyboard.press("Control+G");
    await page.locator(".quick-input-widget input").waitFor();
    await page.keyboard.type(String(actorLine));
    await page.keyboard.press("Enter");
    await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
    const actor = exampleEditor.locator(".view-line span span", { hasText: /^Zhou\sEnlai$/ }).first();
    const actorBox = await actor.boundingBox();
    assert.ok(actorBox, "Zhou Enlai rendered in the example");
    await page.mouse.move(actorBox.x + 10, actorBox.y + actorBox.height / 2);
    await page.mouse.move(actorBox.x + 14, actorBox.y + actorBox.height / 2);
    const card = page.locator(".monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .monaco-hover-content", { hasText: "1898" }).first();
    await card.waitFor({ timeout: 30000 });
    assert.match(await card.innerText(), /Premier/);
    await shot("07-example-hover.png");
    hoverShot = "07-example-hover.png";
    problemsShot = "06-example-problems.png";
    step("example paper: Problems and hover card");
  }

  fs.mkdirSync(docsShots, { recursive: true });
  fs.copyFileSync(path.join(outDir, hoverShot), path.join(docsShots, "hover-card.png"));
  fs.copyFileSync(path.join(outDir, problemsShot), path.join(docsShots, "problems-panel.png"));
  fs.copyFileSync(path.join(outDir, "04-quick-fix-menu.png"), path.join(docsShots, "quick-fix.png"));
  ok = true;
} catch (err) {
  console.error("FAILED:", err.stack || err);
  if (page) await page.screenshot({ path: path.join(outDir, "zz-failure.png") }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  step(`done (run dir ${runDir}, screenshots ${outDir})`);
  console.log(ok ? "ui test: 1 passed, 0 failed" : "ui test: 0 passed, 1 failed");
  process.exit(ok ? 0 : 1);
}
