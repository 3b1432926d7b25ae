// The fact base: loads fact files in order (bundled first, then the workspace's),
// merges them by id, validates them, and builds the lookup tables once so every
// query is a map lookup or a binary search.
//
// Merge rule: a later file's entity/event/title/event type/conflict with the same
// id, or source with the same key, replaces the earlier one entirely (no field
// merging, so a workspace file can correct a bundled fact without leftovers).
// A duplicate within one file is a problem; the first is kept.
import type {
  ClioDate,
  Conflict,
  Entity,
  EventType,
  FactEvent,
  FactFileText,
  FactIndex,
  FactProblem,
  NamePeriod,
  Office,
  Overlap,
  Source,
  Title,
} from "../types.js";
import { compareDates, spanDates } from "../dates/index.js";
import { parseBibliography } from "../bib/index.js";
import { loadFactFile, type LoadOptions, type LoadState } from "./load.js";
import { normalizeName } from "./normalize.js";
import { validateMerged } from "./validate.js";

export { normalizeName } from "./normalize.js";
export { factFileSchema } from "./schema.js";

/** Bibliographies may be handed in with the fact files so provenance can cite them. */
function isBibliographyFile(f: FactFileText): boolean {
  return /\.(bib|bibtex|biblatex)$/i.test(f.file) || (/\.json$/i.test(f.file) && f.text.trimStart().startsWith("["));
}

export function buildFactIndex(files: FactFileText[], options: LoadOptions = {}): FactIndex {
  const steps = buildFactIndexInSteps(files, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same build in steps, a pause after each file: a language server rebuilds
 * the index whenever a fact file is saved, and the bundled files alone take a few
 * hundred milliseconds (issue 7).
 */
export function* buildFactIndexInSteps(files: FactFileText[], options: LoadOptions = {}): Generator<void, FactIndex> {
  const entities = new Map<string, Entity>();
  const events = new Map<string, FactEvent>();
  const titles = new Map<string, Title>();
  const eventTypes = new Map<string, EventType>();
  const sources = new Map<string, Source>();
  const conflicts = new Map<string, Conflict>();
  const problems: FactProblem[] = [];
  // Locations and parsed dates live only while building (plain Maps: a WeakMap of 100k+ keys made GC the
  // bottleneck, issue 7); the loader merges entities and events straight into their maps.
  const state: LoadState = { where: new Map(), dates: new Map(), entities, events };

  for (const f of files) {
    try {
      if (isBibliographyFile(f)) {
        const bib = parseBibliography(f.file, f.text);
        for (const s of bib.sources) sources.set(s.key, s);
        for (const p of bib.problems) problems.push(p);
        continue;
      }
      const loaded = loadFactFile(f, state, options);
      // Loops, not push(...list): 200k problems overflow the argument stack.
      for (const p of loaded.problems) problems.push(p);
      for (const s of loaded.sources) sources.set(s.key, s);
      // Entities and events are already merged into `entities` and `events` by the loader.
      for (const t of loaded.titles) titles.set(t.id, t);
      for (const t of loaded.eventTypes) eventTypes.set(t.id, t);
      for (const c of loaded.conflicts) conflicts.set(c.id, c);
    } catch (err) {
      // A loader bug must cost one file, not the whole fact base.
      problems.push({
        file: f.file,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: "error",
        code: "fact-file-invalid",
        message: `Fact file could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
    yield;
  }
  const conflictList = [...conflicts.values()];
  const index = new Index(entities, events, titles, eventTypes, sources, conflictList, problems);
  yield;
  try {
    // The index's name map says which names more than one entity answers to: the shared-name check looks only at those.
    const merged = validateMerged({ entities, events, titles, eventTypes, sources, conflicts: conflictList }, state.where, index.sharedNameCandidates());
    for (const p of merged) problems.push(p);
  } catch (err) {
    problems.push({
      file: files[0]?.file ?? "",
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: "error",
      code: "fact-file-invalid",
      message: `Fact base could not be validated: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  return index;
}

/**
 * Name maps hold one id, or an array once a second id shares the key: most names
 * belong to one entity, and 100k one-element arrays cost megabytes (issue 7).
 */
type Ids = string | string[];

/** Adds an id under a key; true when that makes the key shared by a second id. */
function addId(map: Map<string, Ids>, key: string, id: string): boolean {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, id);
  // An id repeats for a key only within one entity's forms, so it can only be the last one added.
  else if (typeof cur === "string") {
    if (cur !== id) {
      map.set(key, [cur, id]);
      return true;
    }
  } else if (cur[cur.length - 1] !== id) cur.push(id);
  return false;
}

const ALNUM = /[A-Za-z0-9]/;

/**
 * Kebab-case ids (the schema's form), whose normalised name is the id with spaces
 * for hyphens: the name map leaves them out and `idsNamed` reads the id back from
 * the name (issue 7: 100k fewer keys to normalise, store and keep).
 */
const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function idList(ids: Ids): string[] {
  return typeof ids === "string" ? [ids] : ids;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  // A value repeats for a key only within one item's loop (an entity's forms, an
  // event's participants), so it can only be the last one pushed: checking the end
  // keeps this O(1) where `includes` made titles held by thousands quadratic (issue 7).
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

const UNKNOWN: Overlap = "overlap";

class Index implements FactIndex {
  private readonly byName = new Map<string, Ids>();
  /** Keys of `byName` with more than one id, as they became so: the shared-name check needs only these (400k keys, issue 7). */
  private readonly sharedKeys: string[] = [];
  /** Built on the first `allNames()` (prose matcher, "did you mean", completion): loading does not need it. */
  private nameForms?: Map<string, Ids>;
  private readonly titleByName = new Map<string, Title>();
  private readonly titleForms = new Map<string, string>();
  private readonly officesByTitle = new Map<string, Office[]>();
  private readonly eventsByParticipant = new Map<string, FactEvent[]>();
  private readonly typesByTrigger = new Map<string, EventType[]>();
  /**
   * Bounded events in tiers by length, each sorted by earliest loose day: a query
   * binary-searches each tier from (its start − the tier's longest span), so one
   * decade-long event does not make every query scan the whole list.
   */
  private readonly eventTiers: Array<{ events: FactEvent[]; maxSpan: number }>;
  /** Events with an open end (`../D`, `D/..`), checked one by one. */
  private readonly openEvents: FactEvent[];

  constructor(
    readonly entities: ReadonlyMap<string, Entity>,
    readonly events: ReadonlyMap<string, FactEvent>,
    readonly titles: ReadonlyMap<string, Title>,
    readonly eventTypes: ReadonlyMap<string, EventType>,
    readonly sources: ReadonlyMap<string, Source>,
    readonly conflicts: readonly Conflict[],
    readonly problems: readonly FactProblem[],
  ) {
    for (const e of entities.values()) {
      if (!KEBAB_ID.test(e.id)) this.addKey(normalizeName(e.id), e.id);
      this.addName(e.name, e.id);
      for (const a of e.aliases) this.addName(a, e.id);
      for (const n of e.names) this.addName(n.name, e.id);
      for (const o of e.offices) addTo(this.officesByTitle, o.title, o);
    }
    this.addKebabIdsNamedAlike();
    for (const t of titles.values()) {
      for (const form of [t.name, ...t.aliases, t.id]) {
        const key = normalizeName(form);
        if (key && !this.titleByName.has(key)) this.titleByName.set(key, t);
      }
      for (const form of [t.name, ...t.aliases]) if (!this.titleForms.has(form)) this.titleForms.set(form, t.id);
    }
    const tiers = TIER_LIMITS.map(() => ({ events: [] as FactEvent[], maxSpan: 0 }));
    const open: FactEvent[] = [];
    for (const ev of events.values()) {
      for (const p of ev.participants) addTo(this.eventsByParticipant, p, ev);
      const d = ev.parsedDate;
      if (!d) continue;
      if (!Number.isFinite(d.looseEarliest) || !Number.isFinite(d.looseLatest)) open.push(ev);
      else {
        const span = d.looseLatest - d.looseEarliest;
        const tier = tiers[TIER_LIMITS.findIndex((limit) => span <= limit)];
        tier.events.push(ev);
        tier.maxSpan = Math.max(tier.maxSpan, span);
      }
    }
    for (const tier of tiers) tier.events.sort((a, b) => a.parsedDate!.looseEarliest - b.parsedDate!.looseEarliest);
    this.eventTiers = tiers.filter((t) => t.events.length > 0);
    this.openEvents = open;
    for (const t of eventTypes.values()) for (const w of t.triggers) addTo(this.typesByTrigger, w.toLowerCase(), t);
  }

  private addName(form: string, id: string): void {
    const key = normalizeName(form);
    if (key) this.addKey(key, id);
  }

  private addKey(key: string, id: string): void {
    if (addId(this.byName, key, id)) this.sharedKeys.push(key);
  }

  /**
   * A kebab-case id whose name is also another entity's name joins that name's ids,
   * in entity order, as if it had been added with the others.
   */
  private addKebabIdsNamedAlike(): void {
    const joining: Array<[key: string, id: string]> = [];
    for (const id of this.entities.keys()) {
      if (!KEBAB_ID.test(id)) continue;
      const key = id.replaceAll("-", " ");
      const named = this.byName.get(key);
      if (named !== undefined && named !== id && !(typeof named !== "string" && named.includes(id))) joining.push([key, id]);
    }
    if (joining.length === 0) return;
    // Positions of just the ids concerned, from one pass in entity order.
    const position = new Map<string, number>();
    for (const [key, id] of joining) {
      position.set(id, 0);
      for (const other of idList(this.byName.get(key)!)) position.set(other, 0);
    }
    let n = 0;
    for (const id of this.entities.keys()) {
      if (position.has(id)) position.set(id, n);
      n++;
    }
    for (const [key, id] of joining) {
      const named = this.byName.get(key)!;
      if (typeof named === "string") this.sharedKeys.push(key);
      this.byName.set(key, [...idList(named), id].sort((a, b) => position.get(a)! - position.get(b)!));
    }
  }

  /** Ids answering to a normalised name: the name map's, else the entity's whose kebab-case id reads so. */
  private idsNamed(key: string): Ids | undefined {
    const named = this.byName.get(key);
    if (named !== undefined) return named;
    const id = key.replaceAll(" ", "-");
    return KEBAB_ID.test(id) && this.entities.has(id) ? id : undefined;
  }

  /**
   * Normalised names that more than one entity answers to, with their ids, for the
   * shared-name check (which looks at names and aliases only, so kebab-case ids
   * left out of the name map change nothing there).
   */
  sharedNameCandidates(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const key of this.sharedKeys) out.set(key, this.byName.get(key) as string[]);
    return out;
  }

  /** An exact id is unambiguous (it is how a link picks one of several namesakes); else every match by name. */
  lookup(nameOrAlias: string): Entity[] {
    const exact = this.entities.get(nameOrAlias.trim());
    if (exact) return [exact];
    const ids = this.idsNamed(normalizeName(nameOrAlias));
    if (ids === undefined) return [];
    return idList(ids).map((id) => this.entities.get(id)!).filter(Boolean);
  }

  *allNames(): Iterable<[string, string[]]> {
    if (!this.nameForms) {
      // The same forms, in the same order, as the name map gets them (ids aside): forms that normalise
      // to nothing are skipped there too (one with an ASCII letter or digit never does).
      const forms = new Map<string, Ids>();
      const add = (form: string, id: string) => {
        if (ALNUM.test(form) || normalizeName(form)) addId(forms, form, id);
      };
      for (const e of this.entities.values()) {
        add(e.name, e.id);
        for (const a of e.aliases) add(a, e.id);
        for (const n of e.names) add(n.name, e.id);
      }
      this.nameForms = forms;
    }
    for (const [name, ids] of this.nameForms) yield [name, idList(ids)];
  }

  private lifespan(entity: Entity): ClioDate {
    return spanDates(entity.startDate, entity.endDate);
  }

  existsAt(entityId: string, date: ClioDate): Overlap {
    const e = this.entities.get(entityId);
    if (!e || (!e.startDate && !e.endDate)) return UNKNOWN;
    return compareDates(this.lifespan(e), date);
  }

  /** A tenure without an end runs until the holder's death or dissolution, if known. */
  private tenure(office: Office): ClioDate {
    const end = office.endDate ?? (office.end === undefined ? this.entities.get(office.holder)?.endDate : undefined);
    return spanDates(office.startDate, end);
  }

  officesAt(entityId: string, date: ClioDate): Array<{ office: Office; overlap: Overlap }> {
    const out: Array<{ office: Office; overlap: Overlap }> = [];
    for (const office of this.entities.get(entityId)?.offices ?? []) {
      const overlap = compareDates(this.tenure(office), date);
      if (overlap !== "disjoint") out.push({ office, overlap });
    }
    return out;
  }

  holdersAt(titleId: string, date: ClioDate, of?: string): Array<{ entity: Entity; office: Office; overlap: Overlap }> {
    const out: Array<{ entity: Entity; office: Office; overlap: Overlap }> = [];
    for (const office of this.officesByTitle.get(titleId) ?? []) {
      // An office recorded without `of` is not excluded by the filter: the data does not say whose it was.
      if (of !== undefined && office.of !== undefined && office.of !== of) continue;
      const entity = this.entities.get(office.holder);
      if (!entity) continue;
      const overlap = compareDates(this.tenure(office), date);
      if (overlap !== "disjoint") out.push({ entity, office, overlap });
    }
    return out;
  }

  title(text: string): Title | undefined {
    return this.titleByName.get(normalizeName(text));
  }

  allTitleNames(): Iterable<[string, string]> {
    return this.titleForms.entries();
  }

  namesAt(entityId: string, date: ClioDate): NamePeriod[] {
    return (this.entities.get(entityId)?.names ?? []).filter((n) => compareDates(spanDates(n.fromDate, n.toDate), date) !== "disjoint");
  }

  namePeriodsFor(entityId: string, nameUsed: string): NamePeriod[] {
    const key = normalizeName(nameUsed);
    return (this.entities.get(entityId)?.names ?? []).filter((n) => normalizeName(n.name) === key);
  }

  eventsWith(participantIds: readonly string[]): FactEvent[] {
    if (participantIds.length === 0) return [];
    let smallest: FactEvent[] | undefined;
    for (const id of participantIds) {
      const list = this.eventsByParticipant.get(id);
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return smallest!.filter((ev) => participantIds.every((id) => ev.participants.includes(id)));
  }

  eventsDuring(date: ClioDate): FactEvent[] {
    const out: FactEvent[] = [];
    for (const { events: list, maxSpan } of this.eventTiers) {
      // Any overlapping event of the tier starts within [date.looseEarliest - maxSpan, date.looseLatest].
      const from = lowerBound(list, date.looseEarliest - maxSpan);
      for (let i = from; i < list.length && list[i].parsedDate!.looseEarliest <= date.looseLatest; i++) {
        if (compareDates(list[i].parsedDate!, date) !== "disjoint") out.push(list[i]);
      }
    }
    for (const ev of this.openEvents) if (compareDates(ev.parsedDate!, date) !== "disjoint") out.push(ev);
    return out;
  }

  eventTypesForWord(word: string): EventType[] {
    return this.typesByTrigger.get(word.toLowerCase()) ?? [];
  }

  allTriggers(): Iterable<[string, string[]]> {
    const out: Array<[string, string[]]> = [];
    for (const [word, types] of this.typesByTrigger) out.push([word, types.map((t) => t.id)]);
    return out;
  }

  source(key: string): Source | undefined {
    return this.sources.get(key);
  }
}

/** Upper bounds (in days) of the event tiers: a month, a year, a decade, longer. */
const TIER_LIMITS = [31, 366, 3653, Infinity];

/** First index whose loose start is ≥ day. */
function lowerBound(list: FactEvent[], day: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].parsedDate!.looseEarliest < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
