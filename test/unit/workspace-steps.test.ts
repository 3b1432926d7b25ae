// The workspace checks (date-conflict) need every paper's claims, prose-mode ones
// included. For a paper no document check has run on yet (the language server's
// start-up index), finding them is done in steps, not in one go; the result is
// the same as the one-go workspace check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClioWorkspace } from "../../server/src/core/workspace.js";
import { loadBundledFactFiles } from "../../server/src/node/host.js";

const BUNDLED = loadBundledFactFiles();
const PARAGRAPH = "In April 1961 Enver Hoxha denounced Khrushchev in Tirana.\n\n{1961-04} [[Enver Hoxha]] attacked [[Nikita Khrushchev]] at the congress.\n\n";
const PAPER = "---\nclio:\n  prose: true\n---\n\n" + PARAGRAPH.repeat(400);

function workspace(): ClioWorkspace {
  const ws = new ClioWorkspace({ root: "/w", bundledFacts: BUNDLED, readFile: () => undefined, listDir: () => [] });
  ws.setDocument("/w/book.md", PAPER);
  return ws;
}

test("prose claims of an unchecked paper are found in steps by the workspace checks", () => {
  const steps = workspace().workspaceDiagnosticsInSteps();
  let count = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) count++;
  // 800 paragraphs, a pause every 32 of them at least.
  assert.ok(count >= 800 / 32, `${count} steps`);
  assert.deepEqual(next.value, workspace().workspaceDiagnostics());
});

test("the fact index is built in steps, a pause after each fact file, with the same result", () => {
  const ws = new ClioWorkspace({ root: "/w", bundledFacts: BUNDLED, readFile: () => undefined, listDir: () => [] });
  const steps = ws.factsInSteps();
  let count = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) count++;
  assert.ok(count >= BUNDLED.length, `${count} steps for ${BUNDLED.length} files`);
  assert.equal(ws.facts(), next.value, "the stepped build is the index the workspace keeps");
  const whole = new ClioWorkspace({ root: "/w", bundledFacts: BUNDLED, readFile: () => undefined, listDir: () => [] }).facts();
  assert.deepEqual([...next.value.entities.keys()], [...whole.entities.keys()]);
  assert.deepEqual(next.value.problems, whole.problems);
});

test("a fact file saved while the index was being built in steps is read by the next build", () => {
  const files: Record<string, string> = { "/w/clio.facts.yaml": "entities:\n  - id: old-name\n    name: Old Name\n    type: person\n" };
  const host = { root: "/w", bundledFacts: BUNDLED, readFile: (f: string) => files[f], listDir: () => [] };
  const ws = new ClioWorkspace(host);
  const steps = ws.factsInSteps();
  steps.next();
  // The historian saves the file half way through the build.
  files["/w/clio.facts.yaml"] = "entities:\n  - id: new-name\n    name: New Name\n    type: person\n";
  ws.invalidateFacts();
  while (!steps.next().done);
  assert.ok(ws.facts().entities.has("new-name"), "the index built after the save has the new entity");
  assert.ok(!ws.facts().entities.has("old-name"));
});
