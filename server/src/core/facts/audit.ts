// `clio facts stats` and `clio facts audit` as pure functions over the index.
import type { Alternative, FactEvent, FactIndex, FactOrigin, SourceRef } from "../types.js";

/** The seed works and the corpus files they were read from. */
export const SEED_FILES: Readonly<Record<string, string>> = {
  biberaj1986: "000_314ce2d260e56fc2.txt",
  tretiak1962: "001_b0291bfe0c1d5025.txt",
  fink1998: "002_9966fc5f0adac2ef.txt",
  selivanov2017: "003_d80df87e3639b8d1.txt",
  malile1961: "004_34209589ae988d20.txt",
};

export interface FactStats {
  entities: Record<string, number>;
  events: Record<string, number>;
  offices: number;
  namePeriods: number;
  titles: number;
  eventTypes: number;
  sources: Record<string, number>;
  sourcesByOrigin: Record<string, number>;
  conflicts: number;
  problems: number;
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export function factStats(index: FactIndex): FactStats {
  const stats: FactStats = {
    entities: {},
    events: {},
    offices: 0,
    namePeriods: 0,
    titles: index.titles.size,
    eventTypes: index.eventTypes.size,
    sources: {},
    sourcesByOrigin: {},
    conflicts: index.conflicts.length,
    problems: index.problems.length,
  };
  for (const e of index.entities.values()) {
    count(stats.entities, e.type);
    stats.offices += e.offices.length;
    stats.namePeriods += e.names.length;
  }
  for (const ev of index.events.values()) count(stats.events, ev.type || "(none)");
  for (const s of index.sources.values()) {
    count(stats.sources, s.type);
    count(stats.sourcesByOrigin, s.from);
  }
  return stats;
}

export interface UnsourcedFact {
  file: string;
  /** 1-based line of the item (or of the entity holding it). */
  line: number;
  what: string;
}

export interface RecordedConflict {
  about: string;
  note?: string;
  sources: SourceRef[];
  file: string;
  line: number;
}

export interface SeedReport {
  key: string;
  seedFile: string;
  /** Events citing the work directly, or through a primary source the work cites. */
  events: FactEvent[];
  /** Facts of any kind (entities, offices, names, events) citing the work directly. */
  facts: number;
}

export interface FactAudit {
  unsourced: UnsourcedFact[];
  conflicts: RecordedConflict[];
  seeds: SeedReport[];
}

function at(origin: FactOrigin): { file: string; line: number } {
  return { file: origin.file, line: (origin.range?.start.line ?? 0) + 1 };
}

export function auditFacts(index: FactIndex): FactAudit {
  const unsourced: UnsourcedFact[] = [];
  const conflicts: RecordedConflict[] = [];
  const lacks = (refs: readonly SourceRef[] | undefined) => !refs || refs.length === 0;
  /** Provenance is a source key and a locator: a citation without a locator says too little. */
  const need = (refs: readonly SourceRef[] | undefined, origin: FactOrigin, what: string) => {
    if (lacks(refs)) {
      unsourced.push({ ...at(origin), what });
      return;
    }
    for (const r of refs!) if (!r.locator?.trim()) unsourced.push({ ...at(origin), what: `${what}: cites ${r.key} without a locator` });
  };
  const checkAlternatives = (alts: readonly Alternative[] | undefined, origin: FactOrigin, owner: string) => {
    (alts ?? []).forEach((a, i) => {
      need(a.sources, origin, `alternative ${i + 1} of ${owner}`);
    });
  };
  /** Work keys a fact rests on: the refs themselves plus the works that cite a primary source it uses. */
  const worksBehind = (refs: readonly SourceRef[]): Set<string> => {
    const keys = new Set<string>();
    for (const r of refs) {
      keys.add(r.key);
      for (const via of index.source(r.key)?.sources ?? []) keys.add(via.key);
    }
    return keys;
  };
  const directFacts = new Map<string, number>();
  const countDirect = (refs: readonly SourceRef[]) => {
    for (const key of new Set(refs.map((r) => r.key))) directFacts.set(key, (directFacts.get(key) ?? 0) + 1);
  };

  for (const e of index.entities.values()) {
    need(e.sources, e.origin, `entity ${e.id}`);
    countDirect(e.sources);
    checkAlternatives(e.alternatives, e.origin, `entity ${e.id}`);
    if (e.conflict) conflicts.push({ about: `entity:${e.id}`, sources: [...e.sources, ...(e.alternatives ?? []).flatMap((a) => a.sources)], ...at(e.origin) });
    for (const o of e.offices) {
      const what = `office ${o.title}${o.of ? ` of ${o.of}` : ""} held by ${e.id}`;
      need(o.sources, e.origin, what);
      countDirect(o.sources);
      checkAlternatives(o.alternatives, e.origin, what);
      if (o.conflict) conflicts.push({ about: `entity:${e.id}.offices.${o.title}`, sources: [...o.sources, ...(o.alternatives ?? []).flatMap((a) => a.sources)], ...at(e.origin) });
    }
    for (const n of e.names) {
      need(n.sources, e.origin, `name "${n.name}" of ${e.id}`);
      countDirect(n.sources);
    }
  }
  const seedEvents = new Map<string, FactEvent[]>();
  for (const ev of index.events.values()) {
    need(ev.sources, ev.origin, `event ${ev.id}`);
    countDirect(ev.sources);
    checkAlternatives(ev.alternatives, ev.origin, `event ${ev.id}`);
    if (ev.conflict) conflicts.push({ about: `event:${ev.id}`, sources: [...ev.sources, ...(ev.alternatives ?? []).flatMap((a) => a.sources)], ...at(ev.origin) });
    const behind = worksBehind([...ev.sources, ...(ev.alternatives ?? []).flatMap((a) => a.sources)]);
    for (const key of behind) {
      if (!(key in SEED_FILES)) continue;
      const list = seedEvents.get(key) ?? [];
      list.push(ev);
      seedEvents.set(key, list);
    }
  }
  for (const c of index.conflicts) {
    need(c.sources, c.origin, `conflict ${c.id}`);
    conflicts.push({ about: c.about, note: c.note, sources: c.sources, ...at(c.origin) });
  }
  // A dated primary source known only through a secondary work must say where that work cites it.
  for (const s of index.sources.values()) {
    if (s.from !== "bibliography" && s.key.includes(":") && lacks(s.sources)) {
      unsourced.push({ ...at(s.origin), what: `primary source ${s.key} (where is it cited?)` });
    }
  }
  const seeds = Object.entries(SEED_FILES).map(([key, seedFile]) => ({
    key,
    seedFile,
    events: (seedEvents.get(key) ?? []).sort((a, b) => (a.parsedDate?.earliest ?? 0) - (b.parsedDate?.earliest ?? 0)),
    facts: directFacts.get(key) ?? 0,
  }));
  return { unsourced, conflicts, seeds };
}
