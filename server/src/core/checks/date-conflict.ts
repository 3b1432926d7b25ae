// date-conflict: two claims in the workspace assert the same fact-base event
// with certainly disjoint dates. A claim counts as asserting one event only
// when that is unambiguous: it names the event, exactly one event fits, or
// exactly one of the fitting events overlaps its date. Claims whose dates meet
// through uncertainty are not reported (precision first).
import type { Claim, ClioDate, ClioDiagnostic, FactIndex, ParsedDocument } from "../types.js";
import type { WorkspaceCheck } from "./api.js";
import { assertedEvents } from "./events.js";
import { claimDateText, spanOverlap } from "./util.js";

interface Assertion {
  doc: ParsedDocument;
  claim: Claim;
  date: ClioDate;
}

export const dateConflict: WorkspaceCheck = {
  codes: ["date-conflict"],
  *checkWorkspace(docs, facts) {
    const byEvent = new Map<string, Assertion[]>();
    let seen = 0;
    for (const { doc, claims } of docs) {
      for (const claim of claims) {
        if (++seen % 4096 === 0) yield;
        const date = claim.dateTag.date;
        if (!date) continue;
        const eventId = singleEvent(doc, claim, date, facts);
        if (!eventId) continue;
        const list = byEvent.get(eventId) ?? [];
        list.push({ doc, claim, date });
        byEvent.set(eventId, list);
      }
    }
    const out: ClioDiagnostic[] = [];
    for (const [eventId, list] of byEvent) {
      if (list.length < 2) continue;
      const name = facts.events.get(eventId)?.name ?? eventId;
      // The claims most likely to be disjoint from a given one are the one ending first and the one starting last.
      const byEnd = [...list].sort((a, b) => a.date.looseLatest - b.date.looseLatest);
      const byStart = [...list].sort((a, b) => b.date.looseEarliest - a.date.looseEarliest);
      for (const a of list) {
        const others: Assertion[] = [];
        const early = byEnd[0] === a ? byEnd[1] : byEnd[0];
        const late = byStart[0] === a ? byStart[1] : byStart[0];
        for (const b of [early, late]) if (b && !others.includes(b) && spanOverlap(a.date, b.date) === "disjoint") others.push(b);
        if (others.length === 0) continue;
        const first = others[0];
        const where = first.doc.uri === a.doc.uri ? `line ${first.claim.dateTag.range.start.line + 1}` : `${first.doc.uri.split("/").pop()}:${first.claim.dateTag.range.start.line + 1}`;
        out.push({
          uri: a.doc.uri,
          range: a.claim.dateTag.range,
          severity: "warning",
          code: "date-conflict",
          source: "clio",
          message: `This claim dates ${name} ${claimDateText(a.claim.dateTag.raw, a.date)}, but the claim at ${where} dates it ${claimDateText(first.claim.dateTag.raw, first.date)}.`,
          related: others.map((o) => ({
            uri: o.doc.uri,
            range: o.claim.dateTag.range,
            message: `Also asserts ${name}, dated ${claimDateText(o.claim.dateTag.raw, o.date)}`,
          })),
          implicit: a.claim.implicit || undefined,
        });
      }
    }
    return out;
  },
};

function singleEvent(doc: ParsedDocument, claim: Claim, date: ClioDate, facts: FactIndex): string | undefined {
  const asserted = assertedEvents(doc, claim, facts);
  if (!asserted) return undefined;
  if (asserted.events.length === 1) return asserted.events[0].id;
  const overlapping = asserted.events.filter((e) => e.parsedDate && spanOverlap(e.parsedDate, date) !== "disjoint");
  return overlapping.length === 1 ? overlapping[0].id : undefined;
}
