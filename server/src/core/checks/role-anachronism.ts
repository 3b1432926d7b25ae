// role-anachronism: a title right before a link ("Premier [[Khrushchev]]")
// names an office the actor did not hold at the claim's date. The message
// gives the actor's tenures of that office and who held it at that date.
import type { Claim, ClioDate, ClioDiagnostic, Entity, FactIndex, Office, Overlap, Title } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { matchTitleBefore, type TitleMatch } from "./roles.js";
import {
  bestOverlap,
  claimDateText,
  diagnostic,
  isReferenceMention,
  rangeOf,
  resolveUnique,
  severityFor,
  sourceLabel,
  spanBetween,
  spanOverlap,
} from "./util.js";

export const roleAnachronism: DocumentCheck = {
  codes: ["role-anachronism"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const claim of claims) {
      const date = claim.dateTag.date;
      if (!date) continue;
      for (const link of claim.links) {
        // The actor first: a map lookup, where the title match tokenises text.
        const actor = resolveUnique(ctx.facts, link);
        if (!actor || actor.type !== "person") continue;
        // Without any recorded office we know nothing about the actor's career: stay silent.
        if (actor.offices.length === 0) continue;
        const match = matchTitleBefore(ctx.facts, link.before.text, link.before.span.start);
        if (!match || match.qualified) continue;
        if (isReferenceMention(ctx.doc.text, link.span, ctx.doc.paragraphs)) continue;
        const title = ctx.facts.titles.get(match.titleId);
        const ofIds = new Set(match.of.map((e) => e.id));
        const tenures = actor.offices.filter((o) => o.title === match.titleId && (ofIds.size === 0 || !o.of || ofIds.has(o.of)));
        const overlap = bestOverlap(tenures.map((o) => spanOverlap(spanBetween(o.startDate, o.endDate), date)));
        if (overlap === "overlap") continue;
        const range = rangeOf(ctx.doc, match.span);
        out.push(
          diagnostic(ctx.doc, "role-anachronism", severityFor("error", overlap), range, message(ctx.facts, actor, title, match, tenures, claim, date, overlap), {
            related: [
              { uri: ctx.doc.uri, range: link.nameRange, message: `The actor: ${actor.name}` },
              { uri: ctx.doc.uri, range: claim.dateTag.range, message: `The claim's date: ${claimDateText(claim.dateTag.raw, date)}` },
            ],
            implicit: claim.implicit || undefined,
          }),
        );
      }
    }
    return out;
  },
};

/** "Albania", but "the Soviet Union", "the People's Republic of China". */
export function polityName(name: string): string {
  return /\s/.test(name.trim()) && !/^the\s/i.test(name) ? `the ${name}` : name;
}

function tenureText(o: Office, facts: FactIndex): string {
  const of = o.of ? polityName(facts.entities.get(o.of)?.name ?? o.of) : undefined;
  const where = of ? ` of ${of}` : "";
  const from = o.start ? `from ${o.start}` : "";
  const to = o.end ? ` to ${o.end}` : o.start ? " on" : "";
  return `${where} ${from}${to} ${sourceLabel(o.sources)}`.replace(/\s+/g, " ").trim();
}

function message(
  facts: FactIndex,
  actor: Entity,
  title: Title | undefined,
  match: TitleMatch,
  tenures: Office[],
  claim: Claim,
  date: ClioDate,
  overlap: Overlap,
): string {
  const titleName = title?.name ?? match.titleId;
  const shown = match.text.toLowerCase() === titleName.toLowerCase() ? titleName : `${match.text} (${titleName})`;
  const dated = claimDateText(claim.dateTag.raw, date);
  let text: string;
  if (tenures.length === 0) {
    const scope = match.of.length ? ` of ${match.of.map((e) => polityName(e.name)).join(" or ")}` : "";
    text = `${actor.name} is not recorded as ${titleName}${scope} at any time ${sourceLabel(actor.sources)}`;
  } else {
    text = `${actor.name} was ${shown} ${tenures.map((o) => tenureText(o, facts)).join("; and ")}`;
  }
  const ofId = match.of.length === 1 ? match.of[0].id : commonOf(tenures);
  const holders = safeHolders(facts, match.titleId, date, ofId).filter((h) => h.entity.id !== actor.id && h.overlap !== "disjoint");
  const names = [...new Set(holders.map((h) => h.entity.name))];
  const heldBy = names.length ? `; in ${dated} the office was held by ${joinNames(names)}` : "";
  const hedge = overlap === "fuzzy" ? " (the dates meet only through uncertainty)" : "";
  return `${text}${heldBy}${hedge}.`.replace(/ ,/g, ",");
}

function commonOf(tenures: Office[]): string | undefined {
  const ofs = new Set(tenures.map((o) => o.of).filter((x): x is string => !!x));
  return ofs.size === 1 ? [...ofs][0] : undefined;
}

type Holders = ReturnType<FactIndex["holdersAt"]>;
/** Holders per title, polity and date bounds (all the answer depends on), per fact index: a book repeats them. */
const holdersCache = new WeakMap<FactIndex, Map<string, Holders>>();

function safeHolders(facts: FactIndex, titleId: string, date: ClioDate, of?: string): Holders {
  let cache = holdersCache.get(facts);
  if (!cache) holdersCache.set(facts, (cache = new Map()));
  const key = `${titleId}\n${of === undefined ? "\u0000" : `=${of}`}\n${date.earliest}\n${date.latest}\n${date.looseEarliest}\n${date.looseLatest}`;
  let holders = cache.get(key);
  if (!holders) {
    try {
      holders = facts.holdersAt(titleId, date, of);
    } catch {
      holders = [];
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(key, holders);
  }
  return holders;
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
