// Turns one fact file into typed items, keeping where each item is written.
// Tolerant: an item the schema rejects is still loaded when its id and name are
// usable, so one typo does not hide a whole entity from the checks.
import type {
  Alternative,
  ClioDate,
  Conflict,
  Entity,
  EntityType,
  EventType,
  FactEvent,
  FactFileText,
  FactOrigin,
  FactProblem,
  NamePeriod,
  Office,
  Range,
  Severity,
  Source,
  SourceRef,
  Title,
} from "../types.js";
import { parseEdtf } from "../dates/index.js";
import { parseYamlSource, type PathPart, type SourceFile } from "./yaml-source.js";
import { validateAgainstSchema } from "./schema.js";

export interface Location {
  source: SourceFile;
  path: PathPart[];
  origin: FactFileText["origin"];
}

export interface LoadedFile {
  file: string;
  origin: FactFileText["origin"];
  source: SourceFile;
  entities: Entity[];
  events: FactEvent[];
  titles: Title[];
  eventTypes: EventType[];
  sources: Source[];
  conflicts: Conflict[];
  problems: FactProblem[];
}

/** Where each loaded object (entity, office, name period, source…) is written. */
export type Locations = Map<object, Location> | WeakMap<object, Location>;

const ENTITY_TYPES = new Set<EntityType>(["person", "state", "party", "organisation", "place", "event"]);

export function problem(file: string, range: Range, message: string, severity: Severity = "error"): FactProblem {
  return { file, range, severity, code: "fact-file-invalid", message };
}

export function loadFactFile(input: FactFileText, where: Locations): LoadedFile {
  const source = parseYamlSource(input.file, input.text, input.data);
  const out: LoadedFile = {
    file: input.file,
    origin: input.origin,
    source,
    entities: [],
    events: [],
    titles: [],
    eventTypes: [],
    sources: [],
    conflicts: [],
    problems: [],
  };
  for (const e of source.errors) out.problems.push(problem(input.file, e.range, `Fact file cannot be parsed: ${e.message}`));
  const root = source.value;
  if (source.errors.length > 0) return out;
  if (root === null || root === undefined) return out; // an empty file is a valid, empty fact file
  for (const p of validateAgainstSchema(source, root)) {
    // A fact without provenance in the user's own file is worth a warning, not a red file:
    // the bundled base is held to the strict rule by its tests and `clio facts audit`.
    const aboutProvenance =
      (p.keyword === "required" && p.property === "sources") || (p.keyword === "minItems" && p.path.at(-1) === "sources");
    const severity: Severity = aboutProvenance && input.origin === "workspace" ? "warning" : "error";
    out.problems.push(problem(input.file, p.range, p.message, severity));
  }
  if (!isRecord(root)) return out;

  const ctx = new Context(input, source, where, out.problems);
  list(root.sources).forEach((raw, i) => push(out.sources, ctx.source(raw, ["sources", i])));
  list(root.entities).forEach((raw, i) => push(out.entities, ctx.entity(raw, ["entities", i])));
  list(root.events).forEach((raw, i) => push(out.events, ctx.event(raw, ["events", i])));
  list(root.titles).forEach((raw, i) => push(out.titles, ctx.title(raw, ["titles", i])));
  list(root.eventTypes).forEach((raw, i) => push(out.eventTypes, ctx.eventType(raw, ["eventTypes", i])));
  list(root.conflicts).forEach((raw, i) => push(out.conflicts, ctx.conflict(raw, ["conflicts", i])));

  reportDuplicates(out, where);
  return out;
}

function push<T>(target: T[], item: T | undefined): void {
  if (item) target.push(item);
}

/** A duplicate id within one file is a mistake (across files it is an override); the first one is kept. */
function reportDuplicates(out: LoadedFile, where: Locations): void {
  const lists: Array<[string, Array<{ id?: string; key?: string }>]> = [
    ["entity", out.entities],
    ["event", out.events],
    ["title", out.titles],
    ["event type", out.eventTypes],
    ["source", out.sources],
    ["conflict", out.conflicts],
  ];
  for (const [kind, items] of lists) {
    const seen = new Map<string, { id?: string; key?: string }>();
    const kept: Array<{ id?: string; key?: string }> = [];
    for (const item of items) {
      const id = (item.id ?? item.key) as string;
      const first = seen.get(id);
      if (first) {
        const loc = where.get(item);
        const firstLine = (where.get(first)?.source.rangeAt(where.get(first)!.path).start.line ?? 0) + 1;
        out.problems.push(
          problem(out.file, loc ? loc.source.rangeAt([...loc.path, item.id ? "id" : "key"]) : zero(), `Duplicate ${kind} ${kind === "source" ? "key" : "id"} "${id}" (first defined on line ${firstLine} of this file).`),
        );
        continue;
      }
      seen.set(id, item);
      kept.push(item);
    }
    items.splice(0, items.length, ...kept);
  }
}

function zero(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}
function strings(v: unknown): string[] {
  return list(v).map(str).filter((s): s is string => s !== undefined && s !== "");
}

class Context {
  private readonly file: string;
  constructor(
    private readonly input: FactFileText,
    private readonly src: SourceFile,
    private readonly where: Locations,
    private readonly problems: FactProblem[],
  ) {
    this.file = input.file;
  }

  private origin(path: PathPart[]): FactOrigin {
    // The range is computed on first use (perf, issue 7): a JSON fact file is read
    // without building a YAML document, which is only needed once a position is.
    // Capture rangeAt alone, not the SourceFile, so the parsed raw value can be collected.
    const rangeAt = this.src.rangeAt;
    let range: FactOrigin["range"];
    return {
      file: this.file,
      get range() {
        return (range ??= rangeAt(path));
      },
    };
  }

  private locate<T extends object>(item: T, path: PathPart[]): T {
    this.where.set(item, { source: this.src, path, origin: this.input.origin });
    return item;
  }

  /** Parses an EDTF field; an unparseable one is reported at its node and left undefined. */
  date(raw: unknown, path: PathPart[]): ClioDate | undefined {
    const text = str(raw);
    if (text === undefined) return undefined;
    const r = parseEdtf(text);
    if ("date" in r) return r.date;
    this.problems.push(problem(this.file, this.src.rangeAt(path), `Invalid date "${text}": ${r.error}.`));
    return undefined;
  }

  refs(raw: unknown, path: PathPart[]): SourceRef[] {
    const out: SourceRef[] = [];
    list(raw).forEach((r, i) => {
      if (!isRecord(r)) return;
      const key = str(r.key);
      if (!key) return;
      const ref: SourceRef = { key };
      const locator = str(r.locator);
      if (locator !== undefined) ref.locator = locator;
      out.push(this.locate(ref, [...path, i]));
    });
    return out;
  }

  alternatives(raw: unknown, path: PathPart[]): Alternative[] | undefined {
    if (!Array.isArray(raw)) return undefined;
    const out: Alternative[] = [];
    raw.forEach((a, i) => {
      if (!isRecord(a)) return;
      const p = [...path, i];
      const alt: Alternative = { sources: this.refs(a.sources, [...p, "sources"]) };
      for (const field of ["date", "start", "end"] as const) {
        const text = str(a[field]);
        if (text !== undefined) {
          alt[field] = text;
          this.date(text, [...p, field]);
        }
      }
      const value = str(a.value);
      if (value !== undefined) alt.value = value;
      out.push(this.locate(alt, p));
    });
    return out;
  }

  source(raw: unknown, path: PathPart[]): Source | undefined {
    if (!isRecord(raw)) return undefined;
    const key = str(raw.key);
    if (!key) return undefined;
    const s: Source = {
      ...(raw as Record<string, unknown>),
      key,
      type: str(raw.type) ?? "document",
      sources: this.refs(raw.sources, [...path, "sources"]),
      origin: this.origin(path),
      from: this.input.origin === "bundled" ? "bundled" : "facts",
    } as Source;
    for (const f of ["volume", "issue", "page", "issued"] as const) if (raw[f] !== undefined) (s as unknown as Record<string, unknown>)[f] = str(raw[f]);
    if (s.issued !== undefined) s.issuedDate = this.date(s.issued, [...path, "issued"]);
    if (s.page !== undefined) s.pageRange = parsePageRange(s.page);
    return this.locate(s, path);
  }

  entity(raw: unknown, path: PathPart[]): Entity | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    if (!id || !name) return undefined;
    const type = ENTITY_TYPES.has(raw.type as EntityType) ? (raw.type as EntityType) : "organisation";
    const e: Entity = {
      id,
      type,
      name,
      aliases: strings(raw.aliases),
      names: [],
      offices: [],
      sources: this.refs(raw.sources, [...path, "sources"]),
      origin: this.origin(path),
    };
    const wikidata = str(raw.wikidata);
    if (wikidata) e.wikidata = wikidata;
    const description = str(raw.description);
    if (description) e.description = description;
    if (isRecord(raw.existence)) {
      const start = str(raw.existence.start);
      const end = str(raw.existence.end);
      e.existence = {};
      if (start !== undefined) {
        e.existence.start = start;
        e.startDate = this.date(start, [...path, "existence", "start"]);
      }
      if (end !== undefined) {
        e.existence.end = end;
        e.endDate = this.date(end, [...path, "existence", "end"]);
      }
    }
    list(raw.names).forEach((n, i) => push(e.names, this.namePeriod(n, [...path, "names", i])));
    list(raw.offices).forEach((o, i) => push(e.offices, this.office(o, id, [...path, "offices", i])));
    const alternatives = this.alternatives(raw.alternatives, [...path, "alternatives"]);
    if (alternatives) e.alternatives = alternatives;
    if (raw.conflict === true) e.conflict = true;
    return this.locate(e, path);
  }

  namePeriod(raw: unknown, path: PathPart[]): NamePeriod | undefined {
    if (!isRecord(raw)) return undefined;
    const name = str(raw.name);
    if (!name) return undefined;
    const n: NamePeriod = {
      name,
      kind: raw.kind === "short" ? "short" : "official",
      sources: this.refs(raw.sources, [...path, "sources"]),
    };
    const from = str(raw.from);
    const to = str(raw.to);
    if (from !== undefined) {
      n.from = from;
      n.fromDate = this.date(from, [...path, "from"]);
    }
    if (to !== undefined) {
      n.to = to;
      n.toDate = this.date(to, [...path, "to"]);
    }
    return this.locate(n, path);
  }

  office(raw: unknown, holder: string, path: PathPart[]): Office | undefined {
    if (!isRecord(raw)) return undefined;
    const title = str(raw.title);
    if (!title) return undefined;
    const o: Office = { title, holder, sources: this.refs(raw.sources, [...path, "sources"]) };
    const of = str(raw.of);
    if (of) o.of = of;
    const start = str(raw.start);
    const end = str(raw.end);
    if (start !== undefined) {
      o.start = start;
      o.startDate = this.date(start, [...path, "start"]);
    }
    if (end !== undefined) {
      o.end = end;
      o.endDate = this.date(end, [...path, "end"]);
    }
    const alternatives = this.alternatives(raw.alternatives, [...path, "alternatives"]);
    if (alternatives) o.alternatives = alternatives;
    if (raw.conflict === true) o.conflict = true;
    return this.locate(o, path);
  }

  event(raw: unknown, path: PathPart[]): FactEvent | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    const date = str(raw.date);
    if (!id || !name) return undefined;
    const ev: FactEvent = {
      id,
      type: str(raw.type) ?? "",
      name,
      participants: strings(raw.participants),
      date: date ?? "",
      sources: this.refs(raw.sources, [...path, "sources"]),
      origin: this.origin(path),
    };
    if (date !== undefined) ev.parsedDate = this.date(date, [...path, "date"]);
    const place = str(raw.place);
    if (place) ev.place = place;
    const alternatives = this.alternatives(raw.alternatives, [...path, "alternatives"]);
    if (alternatives) ev.alternatives = alternatives;
    if (raw.conflict === true) ev.conflict = true;
    return this.locate(ev, path);
  }

  title(raw: unknown, path: PathPart[]): Title | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    if (!id || !name) return undefined;
    return this.locate({ id, name, aliases: strings(raw.aliases), origin: this.origin(path) }, path);
  }

  eventType(raw: unknown, path: PathPart[]): EventType | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    if (!id || !name) return undefined;
    const triggers = strings(raw.triggers).map((t) => t.toLowerCase());
    return this.locate({ id, name, triggers, recurring: raw.recurring === true, origin: this.origin(path) }, path);
  }

  conflict(raw: unknown, path: PathPart[]): Conflict | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const about = str(raw.about);
    if (!id || !about) return undefined;
    const c: Conflict = { id, about, sources: this.refs(raw.sources, [...path, "sources"]), origin: this.origin(path) };
    const note = str(raw.note);
    if (note) c.note = note;
    return this.locate(c, path);
  }
}

/** "123-143", "123–143", "123--143" or a single "57" → [first, last]; undefined for roman or mixed pages. */
export function parsePageRange(page: string): [number, number] | undefined {
  const m = /^\s*(\d+)\s*(?:(?:-{1,2}|–|—)\s*(\d+))?\s*$/.exec(page);
  if (!m) return undefined;
  const first = Number(m[1]);
  let last = m[2] !== undefined ? Number(m[2]) : first;
  // Abbreviated ranges such as "123-43" mean 123–143.
  if (m[2] !== undefined && m[2].length < m[1].length && last < first) {
    last = Number(m[1].slice(0, m[1].length - m[2].length) + m[2]);
  }
  return last >= first ? [first, last] : undefined;
}
