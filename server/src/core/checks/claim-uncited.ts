// claim-uncited: an explicit claim without any citation. Prose-mode claims are
// not flagged: a sentence the author has not marked up is not yet a claim they
// vouch for, and a hint on every dated sentence would be noise.
import type { ClioDiagnostic } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { diagnostic } from "./util.js";

export const claimUncited: DocumentCheck = {
  codes: ["claim-uncited"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const claim of claims) {
      if (claim.implicit || claim.citations.length > 0 || !claim.dateTag.date) continue;
      out.push(
        diagnostic(ctx.doc, "claim-uncited", "information", claim.dateTag.range, `This claim (dated ${claim.dateTag.raw.trim()}) cites no source; add a citation such as [@key, p. N] to its sentence.`),
      );
    }
    return out;
  },
};
