// entity-not-existing: a claim dated outside an actor's existence — a person
// before birth or after death, a state/party/organisation before founding or
// after dissolution. Mentions that only refer to someone ("the late Stalin",
// "Stalin's legacy") are not actors and are skipped.
import type { Claim, ClioDiagnostic, Entity } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { claimDateText, diagnostic, isActor, resolveUnique, severityFor, sourceLabel } from "./util.js";

const CHECKED = new Set(["person", "state", "party", "organisation"]);

export const entityNotExisting: DocumentCheck = {
  codes: ["entity-not-existing"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const claim of claims) {
      const date = claim.dateTag.date;
      if (!date) continue;
      // Entities already reported for this claim; made on the first report (most claims have none).
      let seen: Set<string> | undefined;
      for (const link of claim.links) {
        const entity = resolveUnique(ctx.facts, link);
        if (!entity || !CHECKED.has(entity.type) || seen?.has(entity.id)) continue;
        if (!entity.startDate && !entity.endDate) continue;
        if (!isActor(ctx.doc, claim, link)) continue;
        const overlap = ctx.facts.existsAt(entity.id, date);
        if (overlap === "overlap") continue;
        (seen ??= new Set()).add(entity.id);
        out.push(
          diagnostic(ctx.doc, "entity-not-existing", severityFor("error", overlap), link.nameRange, message(entity, claim, overlap === "fuzzy"), {
            related: [{ uri: ctx.doc.uri, range: claim.dateTag.range, message: `The claim's date: ${claimDateText(claim.dateTag.raw, date)}` }],
            implicit: claim.implicit || undefined,
          }),
        );
      }
    }
    return out;
  },
};

function message(entity: Entity, claim: Claim, fuzzy: boolean): string {
  const date = claim.dateTag.date!;
  const dated = claimDateText(claim.dateTag.raw, date);
  // Disjoint or fuzzy, the claim lies wholly on one side: before the start (birth, founding) or after the end.
  const isBefore = !!entity.startDate && (date.latest < entity.startDate.earliest || !entity.endDate);
  const person = entity.type === "person";
  const when = isBefore ? entity.existence?.start ?? entity.startDate?.edtf : entity.existence?.end ?? entity.endDate?.edtf;
  const verb = isBefore ? (person ? "was born" : "was founded") : person ? "died" : "was dissolved";
  const source = sourceLabel(entity.sources);
  const hedge = fuzzy ? " (the dates touch only through uncertainty)" : "";
  return `${entity.name} ${verb} ${when} ${source}; this claim is dated ${dated}${hedge}.`;
}
