// Registry of checks. Each check lives in its own file in this folder.
import type { Claim, ClioDiagnostic } from "../types.js";
import type { DocumentCheck, WorkspaceCheck } from "./api.js";
import { convertProseFix } from "../fixes/convert-prose.js";
import { entityUnknown } from "./entity-unknown.js";
import { entityAmbiguous } from "./entity-ambiguous.js";
import { entityNotExisting } from "./entity-not-existing.js";
import { roleAnachronism } from "./role-anachronism.js";
import { nameAnachronism } from "./name-anachronism.js";
import { eventDateMismatch } from "./event-date-mismatch.js";
import { citationUnknown } from "./citation-unknown.js";
import { citationAnachronism } from "./citation-anachronism.js";
import { citationLocatorOutOfRange } from "./citation-locator-out-of-range.js";
import { claimUncited } from "./claim-uncited.js";
import { dateConflict } from "./date-conflict.js";

/** Adds the "mark up this sentence" fix to every diagnostic of a prose-mode claim. */
function withProseFix(check: DocumentCheck): DocumentCheck {
  return {
    codes: check.codes,
    check(ctx, claims) {
      const found = check.check(ctx, claims);
      if (!found.some((d) => d.implicit)) return found;
      const implicit = claims.filter((c) => c.implicit);
      return found.map((d) => (d.implicit ? addFix(d, ctx.doc, implicit) : d));
    },
  };
}

function addFix(d: ClioDiagnostic, doc: Parameters<typeof convertProseFix>[0], claims: Claim[]): ClioDiagnostic {
  const line = d.range.start.line;
  const ch = d.range.start.character;
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  const claim = claims.find((c) => before(c.range.start, { line, character: ch }) && before({ line, character: ch }, c.range.end));
  const fix = claim && convertProseFix(doc, claim);
  return fix ? { ...d, fixes: [...(d.fixes ?? []), fix] } : d;
}

export const documentChecks: DocumentCheck[] = [
  entityUnknown,
  entityAmbiguous,
  entityNotExisting,
  roleAnachronism,
  nameAnachronism,
  eventDateMismatch,
  citationUnknown,
  citationAnachronism,
  citationLocatorOutOfRange,
  claimUncited,
].map(withProseFix);
export const workspaceChecks: WorkspaceCheck[] = [dateConflict];
