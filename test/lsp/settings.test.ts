// The clio.* settings reach the server: severity overrides, prose mode, and a
// change of settings re-publishes diagnostics.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, type Session } from "./harness.js";

const PAPER = `# Settings

{1961-13} [[Albania]] joined [@tretiak1962, p. 130].

{1962} [[Albania]] turned to [[China]].
`;

const sessions: Session[] = [];
after(async () => {
  for (const s of sessions) await s.stop();
});

test("clio.severity overrides a code's severity and 'off' hides it", async () => {
  const s = await startSession({ "paper.md": PAPER }, { prose: "auto", severity: { "date-invalid": "warning", "claim-uncited": "off" }, factFiles: [] });
  sessions.push(s);
  await s.open("paper.md", PAPER);
  const diags = await s.diagnostics("paper.md", (d) => d.some((x) => x.code === "date-invalid"));
  const invalid = diags.find((x) => x.code === "date-invalid")!;
  assert.equal(invalid.severity, 2, "warning");
  assert.ok(!diags.some((x) => x.code === "claim-uncited"), "claim-uncited is off");

  await s.configure({ prose: "auto", severity: { "date-invalid": "default", "claim-uncited": "hint" }, factFiles: [] });
  const changed = await s.diagnostics("paper.md", (d) => d.some((x) => x.code === "date-invalid" && x.severity === 1));
  assert.ok(changed.some((x) => x.code === "claim-uncited" && x.severity === 4), "claim-uncited back, as a hint");
});

test("clio.factFiles loads extra fact files", async () => {
  const paper = "{1962} [[Ghost Minister]] spoke [@tretiak1962, p. 130].\n";
  const facts = `entities:\n  - id: ghost-minister\n    type: person\n    name: Ghost Minister\n    existence: { start: "1900", end: "1990" }\n    sources: [{ key: wikidata, locator: "Q1" }]\n`;
  const s = await startSession({ "paper.md": paper, "facts/extra.yaml": facts }, { prose: "auto", severity: {}, factFiles: ["facts/extra.yaml"] });
  sessions.push(s);
  await s.open("paper.md", paper);
  const diags = await s.diagnostics("paper.md");
  assert.ok(!diags.some((x) => x.code === "entity-unknown"), diags.map((d) => d.message).join("; "));
  await s.configure({ prose: "auto", severity: {}, factFiles: [] });
  await s.diagnostics("paper.md", (d) => d.some((x) => x.code === "entity-unknown"));
});

test("problems in workspace fact files and bibliographies are published on those files", async () => {
  const paper = "---\nbibliography: refs.bib\n---\n\n{1962} [[Albania]] turned to [[China]] [@tretiak1962, p. 130].\n";
  const facts = "entities:\n  - id: broken\n    type: not-a-type\n    name: Broken\n";
  const bib = "@article{oops,\n  title = {Unclosed\n";
  const s = await startSession({ "paper.md": paper, "clio.facts.yaml": facts, "refs.bib": bib });
  sessions.push(s);
  await s.open("paper.md", paper);
  const factDiags = await s.diagnostics("clio.facts.yaml", (d) => d.length > 0);
  assert.ok(factDiags.every((d) => d.code === "fact-file-invalid"), factDiags.map((d) => d.code).join(", "));
  const bibDiags = await s.diagnostics("refs.bib", (d) => d.length > 0);
  assert.ok(bibDiags.some((d) => d.code === "bibliography-invalid"));
  // Fixing the fact file clears its diagnostics.
  const { writeFileSync } = await import("node:fs");
  writeFileSync(`${s.folder}/clio.facts.yaml`, "entities: []\n");
  await s.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: s.uri("clio.facts.yaml"), type: 2 }] });
  await s.diagnostics("clio.facts.yaml", (d) => d.length === 0);
});

test("clio.prose: 'on' reads unmarked prose, 'off' and 'auto' (no markup, no workspace facts) do not", async () => {
  const paper = "# Plain prose\n\nIn 1956 Premier Khrushchev flew to Belgrade.\n";
  const s = await startSession({ "prose.md": paper }, { prose: "on", severity: {}, factFiles: [] });
  sessions.push(s);
  await s.open("prose.md", paper);
  const on = await s.diagnostics("prose.md", (d) => d.some((x) => x.code === "role-anachronism"));
  const role = on.find((x) => x.code === "role-anachronism")!;
  assert.equal(role.severity, 2, "an implicit claim's error is lowered to a warning");
  await s.configure({ prose: "off", severity: {}, factFiles: [] });
  await s.diagnostics("prose.md", (d) => d.length === 0);
  await s.configure({ prose: "auto", severity: {}, factFiles: [] });
  await s.change("prose.md", paper + "\n");
  const auto = await s.diagnostics("prose.md", (d) => d.length === 0);
  assert.equal(auto.length, 0);
});

test("an untrusted workspace refuses a bibliography outside the folder until trust is granted", async () => {
  const outside = "/etc/clio-outside.bib";
  const paper = `---\nbibliography: ${outside}\n---\n{1962} [[Albania]] turned to [[China]] [@tretiak1962, p. 130].\n`;
  const s = await startSession({ "paper.md": paper }, { prose: "auto", severity: {}, factFiles: [] }, { trusted: false });
  sessions.push(s);
  await s.open("paper.md", paper);
  const refused = await s.diagnostics("paper.md", (d) => d.some((x) => x.code === "untrusted-path"));
  assert.match(String(refused.find((x) => x.code === "untrusted-path")!.message), /outside the workspace folder/);

  await s.connection.sendNotification("clio/workspaceTrusted");
  // Trusted now: the path is read, and the warning goes (diagnostics() waits for that or times out).
  const trusted = await s.diagnostics("paper.md", (d) => !d.some((x) => x.code === "untrusted-path"));
  assert.ok(!trusted.some((x) => x.code === "untrusted-path"));
});
