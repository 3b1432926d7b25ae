// The precompiled schema validator must match the shipped schema: editing the
// schema without regenerating would make the CLI and editors disagree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
// @ts-expect-error plain ESM script without types
import { generate } from "../../scripts/gen-schema-validator.mjs";

test("schema-validator.generated.js is up to date with clio-facts.schema.json", () => {
  const committed = readFileSync(new URL("../../server/src/core/facts/schema-validator.generated.js", import.meta.url), "utf8");
  assert.ok(committed === generate(), "run `node scripts/gen-schema-validator.mjs` after changing the schema");
});
