// Registry of checks. Each check lives in its own file in this folder.
import type { Claim, ClioDiagnostic, ParsedDocument, Position } from "../types.js";
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

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** Prose claims are in document order and disjoint: the owner of a position is found by binary search. */
function addFix(d: ClioDiagnostic, doc: ParsedDocument, claims: Claim[]): ClioDiagnostic {
  const at = d.range.start;
  let lo = 0;
  let hi = claims.length - 1;
  let found: Claim | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (before(claims[mid].range.start, at)) {
      found = claims[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const claim = found && before(at, found.range.end) ? found : undefined;
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
