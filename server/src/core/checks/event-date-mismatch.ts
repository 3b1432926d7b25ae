// event-date-mismatch: the claim asserts a fact-base event (by naming it as
// its subject, or by linking every participant plus a trigger word of the
// event's type) but its date does not overlap the event's. When several events
// fit (Zhou Enlai visited Albania more than once), one that overlaps is enough.
import type { ClioDiagnostic, FactEvent, QuickFix } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { assertedEvents } from "./events.js";
import { bestOverlap, claimDateText, diagnostic, rangeOf, severityFor, sourceLabel, spanOverlap } from "./util.js";
import { replaceFix } from "../fixes/edit.js";

export const eventDateMismatch: DocumentCheck = {
  codes: ["event-date-mismatch"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const claim of claims) {
      const date = claim.dateTag.date;
      if (!date) continue;
      const asserted = assertedEvents(ctx.doc, claim, ctx.facts);
      if (!asserted) continue;
      const dated = asserted.events.filter((e) => e.parsedDate);
      if (dated.length === 0) continue;
      const overlap = bestOverlap(dated.map((e) => spanOverlap(e.parsedDate!, date)));
      if (overlap === "overlap") continue;
      const list = dated.map(eventText).join("; ");
      const how = asserted.via === "subject" ? "" : ` (matched by its participants and "${asserted.trigger}")`;
      const message =
        dated.length === 1
          ? `${list}${how}; this claim is dated ${claimDateText(claim.dateTag.raw, date)}.`
          : `The claim fits ${dated.length} events${how}, none dated ${claimDateText(claim.dateTag.raw, date)}: ${list}.`;
      const fixes: QuickFix[] = [];
      if (!claim.implicit) {
        // The tag's inside, between the braces.
        const inner = rangeOf(ctx.doc, { start: claim.dateTag.span.start + 1, end: claim.dateTag.span.end - 1 });
        for (const e of dated) {
          fixes.push(replaceFix(ctx.doc.uri, inner, e.date, `Date the claim ${e.date} (${e.name})`, dated.length === 1, dated.length === 1));
        }
      }
      out.push(
        diagnostic(ctx.doc, "event-date-mismatch", severityFor("error", overlap), claim.dateTag.range, message, {
          fixes,
          related: claim.subject ? [{ uri: ctx.doc.uri, range: claim.subject.nameRange, message: `The claim's subject: ${claim.subject.nameUsed}` }] : undefined,
          implicit: claim.implicit || undefined,
        }),
      );
    }
    return out;
  },
};

function eventText(e: FactEvent): string {
  return `${e.name} is dated ${e.date} ${sourceLabel(e.sources)}`;
}
