// The example paper (examples/paper.md, run by `npm start`) carries six
// deliberate mistakes, listed in docs/markup-decisions.md; this keeps the
// paper, the list and the checks in step.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ClioWorkspace } from "../../server/src/core/workspace.js";
import { createNodeHost } from "../../server/src/node/host.js";

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples");

test("the example paper reports exactly its deliberate mistakes", () => {
  const file = path.join(examples, "paper.md");
  const ws = new ClioWorkspace(createNodeHost(examples));
  const doc = ws.setDocument(file, fs.readFileSync(file, "utf8"));
  assert.ok(doc.claims.length >= 12);
  const found = ws.diagnostics(file).map((d) => `${d.range.start.line + 1} ${d.code}`).sort();
  assert.deepEqual(found, [
    "20 entity-not-existing",
    "21 role-anachronism",
    "31 claim-uncited",
    "32 date-invalid",
    "42 citation-anachronism",
    "43 name-anachronism",
  ].sort());
});
