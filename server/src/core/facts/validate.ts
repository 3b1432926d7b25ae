// Checks that need the whole merged base: references to sources, entities,
// titles and event types; end before start; names shared by two entities.
import type { Alternative, ClioDate, Conflict, Entity, EventType, FactEvent, FactProblem, Source, SourceRef, Title } from "../types.js";
import { parseEdtfOrUndefined } from "../dates/index.js";
import { normalizeName } from "./normalize.js";
import { problem, type Locations } from "./load.js";
import type { PathPart } from "./yaml-source.js";

export interface MergedBase {
  entities: ReadonlyMap<string, Entity>;
  events: ReadonlyMap<string, FactEvent>;
  titles: ReadonlyMap<string, Title>;
  eventTypes: ReadonlyMap<string, EventType>;
  sources: ReadonlyMap<string, Source>;
  conflicts: readonly Conflict[];
}

export function validateMerged(base: MergedBase, where: Locations): FactProblem[] {
  const problems: FactProblem[] = [];
  const report = (item: object, sub: PathPart[], message: string, severity: FactProblem["severity"] = "error") => {
    const loc = where.get(item);
    if (!loc) return;
    problems.push(problem(loc.source.file, loc.source.rangeAt([...loc.path, ...sub]), message, severity));
  };
  const checkRefs = (refs: readonly SourceRef[]) => {
    for (const ref of refs) {
      if (!base.sources.has(ref.key)) report(ref, ["key"], `Unknown source key "${ref.key}": add it to a \`sources:\` list or a bibliography.`);
    }
  };
  // Only a certain inversion is an error: "1961?" to "1960~" may still be a valid span.
  const checkSpan = (item: object, start: ClioDate | undefined, end: ClioDate | undefined, endField: string, what: string) => {
    if (start && end && end.latest < start.earliest) {
      report(item, [endField], `${what} ends (${end.edtf}) before it starts (${start.edtf}).`);
    }
  };
  const checkAlternatives = (alts: readonly Alternative[] | undefined) => {
    for (const alt of alts ?? []) {
      checkRefs(alt.sources);
      checkSpan(alt, parseEdtfOrUndefined(alt.start), parseEdtfOrUndefined(alt.end), "end", "The alternative");
    }
  };
  const entityRef = (item: object, sub: PathPart[], id: string | undefined, role: string) => {
    if (id !== undefined && !base.entities.has(id)) report(item, sub, `Unknown entity id "${id}" as ${role}.`);
  };

  for (const s of base.sources.values()) checkRefs(s.sources);

  for (const e of base.entities.values()) {
    checkRefs(e.sources);
    checkAlternatives(e.alternatives);
    if (e.startDate && e.endDate && e.endDate.latest < e.startDate.earliest) {
      report(e, ["existence", "end"], `${e.name} ends (${e.endDate.edtf}) before it begins (${e.startDate.edtf}).`);
    }
    for (const n of e.names) {
      checkRefs(n.sources);
      checkSpan(n, n.fromDate, n.toDate, "to", `The name "${n.name}"`);
    }
    for (const o of e.offices) {
      checkRefs(o.sources);
      checkAlternatives(o.alternatives);
      checkSpan(o, o.startDate, o.endDate, "end", `The tenure of ${e.name} as ${o.title}`);
      if (!base.titles.has(o.title)) report(o, ["title"], `Unknown title id "${o.title}": add it to a \`titles:\` list.`);
      entityRef(o, ["of"], o.of, "the office's state, party or organisation");
    }
    if (e.conflict && !e.alternatives?.length) report(e, ["conflict"], `${e.name} is marked as a conflict but lists no alternatives.`, "warning");
  }

  for (const ev of base.events.values()) {
    checkRefs(ev.sources);
    checkAlternatives(ev.alternatives);
    if (ev.type && !base.eventTypes.has(ev.type)) report(ev, ["type"], `Unknown event type "${ev.type}": add it to an \`eventTypes:\` list.`);
    ev.participants.forEach((p, i) => entityRef(ev, ["participants", i], p, `a participant of ${ev.id}`));
    entityRef(ev, ["place"], ev.place, `the place of ${ev.id}`);
    if (ev.conflict && !ev.alternatives?.length) report(ev, ["conflict"], `${ev.name} is marked as a conflict but lists no alternatives.`, "warning");
  }

  for (const c of base.conflicts) {
    checkRefs(c.sources);
    const m = /^(entity|event|source):([^.\s]+(?::[^.\s]+)?)/.exec(c.about);
    if (!m) continue; // the schema reports a malformed `about`
    const [, kind, id] = m;
    const exists = kind === "entity" ? base.entities.has(id) : kind === "event" ? base.events.has(id) : base.sources.has(id);
    if (!exists) report(c, ["about"], `Conflict "${c.id}" is about an unknown ${kind} "${id}".`);
  }

  problems.push(...sharedNames(base, where));
  problems.push(...sharedTitleNames(base, where));
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
        const loc = where.get(t);
        if (loc) problems.push(problem(loc.source.file, loc.source.rangeAt([...loc.path, ...sub]), `"${form}" already names the title ${first.id}; a title word must name one title.`, "warning"));
      }
    }
  }
  return problems;
}

/**
 * A name or alias that two entities share makes links ambiguous. It is allowed
 * when every entity sharing it has a `description` that tells them apart (the
 * ambiguity quick fix shows it); otherwise it is reported once per extra entity.
 */
function sharedNames(base: MergedBase, where: Locations): FactProblem[] {
  const owners = new Map<string, Array<{ entity: Entity; form: string; sub: PathPart[] }>>();
  for (const e of base.entities.values()) {
    const forms: Array<[string, PathPart[]]> = [[e.name, ["name"]], ...e.aliases.map((a, i): [string, PathPart[]] => [a, ["aliases", i]])];
    const mine = new Set<string>();
    for (const [form, sub] of forms) {
      const key = normalizeName(form);
      if (!key || mine.has(key)) continue;
      mine.add(key);
      const list = owners.get(key) ?? [];
      list.push({ entity: e, form, sub });
      owners.set(key, list);
    }
  }
  const problems: FactProblem[] = [];
  for (const list of owners.values()) {
    if (list.length < 2 || list.every((o) => o.entity.description)) continue;
    for (const o of list.slice(1)) {
      const loc = where.get(o.entity);
      if (!loc) continue;
      const others = list.filter((x) => x !== o).map((x) => x.entity.id).join(", ");
      problems.push(
        problem(
          loc.source.file,
          loc.source.rangeAt([...loc.path, ...o.sub]),
          `"${o.form}" also names ${others}: give each entity a \`description\` to tell them apart, or drop the shared alias.`,
          "warning",
        ),
      );
    }
  }
  return problems;
}
