// Checks that need the whole merged base: references to sources, entities,
// titles and event types; end before start; names shared by two entities.
import type { Alternative, ClioDate, Conflict, Entity, EventType, FactEvent, FactProblem, Source, SourceRef, Title } from "../types.js";
import { parseEdtfOrUndefined } from "../dates/index.js";
import { normalizeName } from "./normalize.js";
import { problem, Site, siteOf, type Locations } from "./load.js";
import type { PathPart } from "./yaml-source.js";

export interface MergedBase {
  entities: ReadonlyMap<string, Entity>;
  events: ReadonlyMap<string, FactEvent>;
  titles: ReadonlyMap<string, Title>;
  eventTypes: ReadonlyMap<string, EventType>;
  sources: ReadonlyMap<string, Source>;
  conflicts: readonly Conflict[];
}

/** Computes an item's site only when a problem needs it. */
type LazySite = () => Site | undefined;

export function validateMerged(base: MergedBase, where: Locations, sharedNameKeys?: ReadonlyMap<string, readonly string[]>): FactProblem[] {
  const problems: FactProblem[] = [];
  const report = (site: Site | undefined, sub: PathPart[], message: string, severity: FactProblem["severity"] = "error") => {
    if (!site) return;
    problems.push(problem(site.file, site.rangeAt(...sub), message, severity));
  };
  const child = (item: object, parent: LazySite, key: PathPart, index: number): Site | undefined => {
    const own = where.get(item);
    if (own) return own;
    const p = parent();
    return p && new Site(p.source, p, key, index);
  };
  const lazyChild = (item: object, parent: LazySite, key: PathPart, index: number): LazySite => () => child(item, parent, key, index);
  const checkRefs = (refs: readonly SourceRef[], owner: LazySite) => {
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      if (!base.sources.has(ref.key)) report(child(ref, owner, "sources", i), ["key"], `Unknown source key "${ref.key}": add it to a \`sources:\` list or a bibliography.`);
    }
  };
  // Only a certain inversion is an error: "1961?" to "1960~" may still be a valid span.
  const checkSpan = (site: LazySite, start: ClioDate | undefined, end: ClioDate | undefined, endField: string, what: string) => {
    if (start && end && end.latest < start.earliest) {
      report(site(), [endField], `${what} ends (${end.edtf}) before it starts (${start.edtf}).`);
    }
  };
  const checkAlternatives = (alts: readonly Alternative[] | undefined, owner: LazySite) => {
    if (!alts) return;
    for (let i = 0; i < alts.length; i++) {
      const alt = alts[i];
      const site = lazyChild(alt, owner, "alternatives", i);
      checkRefs(alt.sources, site);
      checkSpan(site, parseEdtfOrUndefined(alt.start), parseEdtfOrUndefined(alt.end), "end", "The alternative");
    }
  };
  const entityRef = (site: LazySite, sub: PathPart[], id: string | undefined, role: string) => {
    if (id !== undefined && !base.entities.has(id)) report(site(), sub, `Unknown entity id "${id}" as ${role}.`);
  };

  for (const s of base.sources.values()) checkRefs(s.sources, () => siteOf(where, s));

  for (const e of base.entities.values()) {
    const site = () => siteOf(where, e);
    checkRefs(e.sources, site);
    checkAlternatives(e.alternatives, site);
    if (e.startDate && e.endDate && e.endDate.latest < e.startDate.earliest) {
      report(site(), ["existence", "end"], `${e.name} ends (${e.endDate.edtf}) before it begins (${e.startDate.edtf}).`);
    }
    for (let i = 0; i < e.names.length; i++) {
      const n = e.names[i];
      const nSite = lazyChild(n, site, "names", i);
      checkRefs(n.sources, nSite);
      checkSpan(nSite, n.fromDate, n.toDate, "to", `The name "${n.name}"`);
    }
    for (let i = 0; i < e.offices.length; i++) {
      const o = e.offices[i];
      const oSite = lazyChild(o, site, "offices", i);
      checkRefs(o.sources, oSite);
      checkAlternatives(o.alternatives, oSite);
      checkSpan(oSite, o.startDate, o.endDate, "end", `The tenure of ${e.name} as ${o.title}`);
      if (!base.titles.has(o.title)) report(oSite(), ["title"], `Unknown title id "${o.title}": add it to a \`titles:\` list.`);
      entityRef(oSite, ["of"], o.of, "the office's state, party or organisation");
    }
    if (e.conflict && !e.alternatives?.length) report(site(), ["conflict"], `${e.name} is marked as a conflict but lists no alternatives.`, "warning");
  }

  for (const ev of base.events.values()) {
    const site = () => siteOf(where, ev);
    checkRefs(ev.sources, site);
    checkAlternatives(ev.alternatives, site);
    if (ev.type && !base.eventTypes.has(ev.type)) report(site(), ["type"], `Unknown event type "${ev.type}": add it to an \`eventTypes:\` list.`);
    ev.participants.forEach((p, i) => entityRef(site, ["participants", i], p, `a participant of ${ev.id}`));
    entityRef(site, ["place"], ev.place, `the place of ${ev.id}`);
    if (ev.conflict && !ev.alternatives?.length) report(site(), ["conflict"], `${ev.name} is marked as a conflict but lists no alternatives.`, "warning");
  }

  for (const c of base.conflicts) {
    checkRefs(c.sources, () => siteOf(where, c));
    const m = /^(entity|event|source):([^.\s]+(?::[^.\s]+)?)/.exec(c.about);
    if (!m) continue; // the schema reports a malformed `about`
    const [, kind, id] = m;
    const exists = kind === "entity" ? base.entities.has(id) : kind === "event" ? base.events.has(id) : base.sources.has(id);
    if (!exists) report(siteOf(where, c), ["about"], `Conflict "${c.id}" is about an unknown ${kind} "${id}".`);
  }

  // Loops, not push(...list): 200k problems overflow the argument stack.
  for (const p of sharedNames(base, where, sharedNameKeys)) problems.push(p);
  for (const p of sharedTitleNames(base, where)) problems.push(p);
  return problems;
}

/** A title word must name one office: "Chairman" meaning two titles would make role checks guess. */
function sharedTitleNames(base: MergedBase, where: Locations): FactProblem[] {
  const owner = new Map<string, Title>();
  const problems: FactProblem[] = [];
  for (const t of base.titles.values()) {
    const forms: Array<[string, PathPart[]]> = [[t.name, ["name"]], ...t.aliases.map((a, i): [string, PathPart[]] => [a, ["aliases", i]])];
    for (const [form, sub] of forms) {
      const key = normalizeName(form);
      const first = owner.get(key);
      if (!first) owner.set(key, t);
      else if (first !== t) {
        const loc = siteOf(where, t);
        if (loc) problems.push(problem(loc.file, loc.rangeAt(...sub), `"${form}" already names the title ${first.id}; a title word must name one title.`, "warning"));
      }
    }
  }
  return problems;
}

/**
 * A name or alias that two entities share makes links ambiguous. It is allowed
 * when every entity sharing it has a `description` that tells them apart (the
 * ambiguity quick fix shows it); otherwise it is reported once per extra entity.
 *
 * `candidates`, when given, maps the normalised names that more than one entity
 * answers to (from the index's name map) to those entities' ids: only they can be
 * shared, so the pass over every entity's name forms is skipped (perf, issue 7).
 */
function sharedNames(base: MergedBase, where: Locations, candidates?: ReadonlyMap<string, readonly string[]>): FactProblem[] {
  let entities: Iterable<Entity> = base.entities.values();
  if (candidates) {
    if (candidates.size === 0) return [];
    const ids = new Set<string>();
    for (const list of candidates.values()) for (const id of list) ids.add(id);
    // The holders in the base's order, so the problems come out as from the full pass.
    const holders: Entity[] = [];
    for (const e of base.entities.values()) if (ids.has(e.id)) holders.push(e);
    entities = holders;
  }
  const owners = new Map<string, Array<{ entity: Entity; form: string; sub: PathPart[] }>>();
  for (const e of entities) {
    const forms: Array<[string, PathPart[]]> = [[e.name, ["name"]], ...e.aliases.map((a, i): [string, PathPart[]] => [a, ["aliases", i]])];
    const mine = new Set<string>();
    for (const [form, sub] of forms) {
      const key = normalizeName(form);
      if (!key || mine.has(key)) continue;
      mine.add(key);
      if (candidates && !candidates.has(key)) continue;
      const list = owners.get(key) ?? [];
      list.push({ entity: e, form, sub });
      owners.set(key, list);
    }
  }
  const problems: FactProblem[] = [];
  for (const list of owners.values()) {
    if (list.length < 2 || list.every((o) => o.entity.description)) continue;
    for (const o of list.slice(1)) {
      const loc = siteOf(where, o.entity);
      if (!loc) continue;
      const others = list.filter((x) => x !== o).map((x) => x.entity.id).join(", ");
      problems.push(
        problem(
          loc.file,
          loc.rangeAt(...o.sub),
          `"${o.form}" also names ${others}: give each entity a \`description\` to tell them apart, or drop the shared alias.`,
          "warning",
        ),
      );
    }
  }
  return problems;
}
