// name-anachronism: the name form used for an entity ("People's Socialist
// Republic of Albania") was not in use at the claim's date. Only name forms
// the fact base dates (name periods) are judged; canonical names and aliases
// without a period are timeless. The quick fix puts the name then in use.
import type { Claim, ClioDiagnostic, Entity, FactIndex, NamePeriod, QuickFix } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { bestOverlap, claimDateText, diagnostic, isActor, resolveUnique, severityFor, sourceLabel, spanBetween, spanOverlap } from "./util.js";
import { replaceFix } from "../fixes/edit.js";

export const nameAnachronism: DocumentCheck = {
  codes: ["name-anachronism"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const claim of claims) {
      const date = claim.dateTag.date;
      if (!date) continue;
      for (const link of claim.links) {
        const entity = resolveUnique(ctx.facts, link);
        // Only dated name forms are judged; most entities have none.
        if (!entity || entity.names.length === 0) continue;
        // In prose, only the subject's name is judged (see isActor); "the role of the Red Army" looks back.
        if (claim.implicit && !isActor(ctx.doc, claim, link)) continue;
        const { periods, timeless } = namePeriods(ctx.facts, entity, link.nameUsed);
        if (periods.length === 0) continue;
        // A name form that is also an undated alias or the canonical name is never wrong.
        if (timeless) continue;
        // Before founding or after dissolution every name is wrong; entity-not-existing says so once.
        if (ctx.facts.existsAt(entity.id, date) === "disjoint") continue;
        const overlap = bestOverlap(periods.map((p) => spanOverlap(spanBetween(p.fromDate, p.toDate), date)));
        if (overlap === "overlap") continue;
        const inUse = ctx.facts.namesAt(entity.id, date).filter((p) => p.name !== link.nameUsed);
        const official = inUse.filter((p) => p.kind === "official");
        const fixes: QuickFix[] = (official.length ? official : inUse).map((p) =>
          replaceFix(
            ctx.doc.uri,
            link.nameRange,
            p.name,
            `Use the name in use then: ${p.name}`,
            official.length === 1 && p.kind === "official",
            official.length === 1 && p.kind === "official",
          ),
        );
        out.push(
          diagnostic(ctx.doc, "name-anachronism", severityFor("warning", overlap), link.nameRange, message(link.nameUsed, periods, official.length ? official : inUse, claim), {
            fixes,
            related: [{ uri: ctx.doc.uri, range: claim.dateTag.range, message: `The claim's date: ${claimDateText(claim.dateTag.raw, date)}` }],
            implicit: claim.implicit || undefined,
          }),
        );
      }
    }
    return out;
  },
};

/** A name form's periods and whether it is timeless (see isTimeless), per entity and fact index: both only depend on those. */
const periodCache = new WeakMap<FactIndex, Map<string, { periods: NamePeriod[]; timeless: boolean }>>();

function namePeriods(facts: FactIndex, entity: Entity, nameUsed: string): { periods: NamePeriod[]; timeless: boolean } {
  let cache = periodCache.get(facts);
  if (!cache) periodCache.set(facts, (cache = new Map()));
  const key = `${entity.id}\n${nameUsed}`;
  let found = cache.get(key);
  if (!found) {
    const periods = facts.namePeriodsFor(entity.id, nameUsed);
    found = { periods, timeless: periods.length > 0 && isTimeless(entity, nameUsed, periods) };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function norm(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().trim();
}

function isTimeless(entity: Entity, used: string, periods: NamePeriod[]): boolean {
  const u = norm(used);
  const inPeriods = periods.some((p) => norm(p.name) === u);
  if (!inPeriods) return true;
  // The canonical name is the generic name of the entity in every period ("Romania", "Albania").
  if (norm(entity.name) === u) return true;
  return periods.every((p) => !p.fromDate && !p.toDate);
}

function periodText(p: NamePeriod): string {
  const span = p.from && p.to ? `from ${p.from} to ${p.to}` : p.from ? `from ${p.from}` : p.to ? `until ${p.to}` : "";
  return `${span} ${sourceLabel(p.sources)}`.trim();
}

function message(used: string, periods: NamePeriod[], inUse: NamePeriod[], claim: Claim): string {
  const dated = claimDateText(claim.dateTag.raw, claim.dateTag.date!);
  const when = periods.map(periodText).join("; ");
  const shown = inUse.slice(0, 3);
  const then = shown.length ? ` In ${dated} the name was ${shown.map((p) => `"${p.name}" ${sourceLabel(p.sources)}`).join(" or ")}.` : "";
  return `"${used}" was in use ${when}; this claim is dated ${dated}.${then}`;
}
