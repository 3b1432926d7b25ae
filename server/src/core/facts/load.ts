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
import { JsonFactReader, parseYamlSource, type ItemSink, type PathPart, type SourceFile } from "./yaml-source.js";
import { itemValidator, orderStreamedErrors, describeErrors, validateAgainstSchema, type ErrorObject, type SchemaProblem } from "./schema.js";

export interface SiteFile {
  file: string;
  rangeAt: SourceFile["rangeAt"];
}

/**
 * Where an item is written: a step (key, index) below its parent's site. It is also
 * the `origin` of top-level items. The path and range are computed only when asked
 * for (perf, issue 7): 100k entities no longer keep a path array and a closure each.
 */
export class Site implements FactOrigin {
  private cached?: Range;
  constructor(
    /** The file's position lookup: not the SourceFile itself, whose parsed value must not outlive loading. */
    readonly source: SiteFile,
    private readonly parent: Site | undefined,
    private readonly key: PathPart,
    private readonly index: number,
  ) {}

  /** A getter, not a field: one pointer less in each of 100k sites (issue 7). */
  get file(): string {
    return this.source.file;
  }

  get path(): PathPart[] {
    const out = this.parent ? this.parent.path : [];
    out.push(this.key);
    if (this.index >= 0) out.push(this.index);
    return out;
  }

  /** Range of the node at this site plus a path below it. */
  rangeAt(...sub: PathPart[]): Range {
    return this.source.rangeAt(sub.length ? [...this.path, ...sub] : this.path);
  }

  get range(): Range {
    return (this.cached ??= this.source.rangeAt(this.path));
  }
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
  /** Read item by item (a JSON file), not parsed whole. */
  streamed: boolean;
}

/**
 * Where loaded objects are written, for problems found after loading. Top-level
 * items carry their Site as `origin`; nested items (offices, name periods,
 * alternatives, source references) get an entry only when their position in the
 * built list differs from the file's (an item before them was dropped), otherwise
 * their site is derived from the owner's and the list index.
 */
export type Locations = Map<object, Site>;

/** The site of a loaded object: its own entry or origin, else derived from its owner's. */
export function siteOf(where: Locations, item: object, owner?: object, key?: PathPart, index = -1): Site | undefined {
  const own = where.get(item);
  if (own) return own;
  const origin = (item as { origin?: unknown }).origin;
  if (origin instanceof Site) return origin;
  if (owner === undefined || key === undefined) return undefined;
  const parent = siteOf(where, owner);
  return parent && new Site(parent.source, parent, key, index);
}

/** State shared by the files of one build: locations, and one ClioDate per distinct date text. */
export interface LoadState {
  where: Locations;
  dates: Map<string, ReturnType<typeof parseEdtf>>;
  entities: Map<string, Entity>;
  events: Map<string, FactEvent>;
}

const ENTITY_TYPES = new Set<EntityType>(["person", "state", "party", "organisation", "place", "event"]);

export function problem(file: string, range: Range, message: string, severity: Severity = "error"): FactProblem {
  return { file, range, severity, code: "fact-file-invalid", message };
}

type Lists = Pick<LoadedFile, "sources" | "entities" | "events" | "titles" | "eventTypes" | "conflicts">;
type ListKey = keyof Lists;

/** How each top-level list's items are built, in the order the lists are loaded (their problems come out in this order). */
const LIST_LOADERS: { [K in ListKey]: (ctx: Context, raw: unknown, site: Site) => Lists[K][number] | undefined } = {
  sources: (ctx, raw, site) => ctx.source(raw, site),
  entities: (ctx, raw, site) => ctx.entity(raw, site),
  events: (ctx, raw, site) => ctx.event(raw, site),
  titles: (ctx, raw, site) => ctx.title(raw, site),
  eventTypes: (ctx, raw, site) => ctx.eventType(raw, site),
  conflicts: (ctx, raw, site) => ctx.conflict(raw, site),
};
const LIST_KEYS = Object.keys(LIST_LOADERS) as ListKey[];

function isListKey(key: string): key is ListKey {
  return Object.hasOwn(LIST_LOADERS, key);
}

/** Builds one item of a top-level list into its list in `out`; a dropped item leaves no hole. */
function loadItem(ctx: Context, out: Lists, key: ListKey, raw: unknown, index: number, siteFile: SiteFile): void {
  const item = LIST_LOADERS[key](ctx, raw, new Site(siteFile, undefined, key, index));
  if (item) (out[key] as object[]).push(item);
}

export interface LoadOptions {
  /**
   * Read a JSON file with one JSON.parse and validate it whole, as before it was
   * streamed (issue 7). The results are the same: kept so tests can compare them.
   */
  wholeJson?: boolean;
}

/**
 * Loads one fact file. Its entities and events go straight into `state.entities` and
 * `state.events` (the merged maps, a later file overriding an earlier one): the
 * merged map also finds duplicates within the file, without a second 100k-entry map.
 */
export function loadFactFile(input: FactFileText, state: LoadState, options: LoadOptions = {}): LoadedFile {
  const streamed = options.wholeJson || input.data !== undefined ? undefined : loadJsonStreamed(input, state);
  return streamed ?? loadWhole(input, state);
}

function emptyFile(input: FactFileText, source: SourceFile, streamed: boolean): LoadedFile {
  return {
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
    streamed,
  };
}

/** Parses the whole file (YAML, or JSON the streamed reader leaves to it), validates it, then builds its items. */
function loadWhole(input: FactFileText, state: LoadState): LoadedFile {
  const source = parseYamlSource(input.file, input.text, input.data);
  const out = emptyFile(input, source, false);
  for (const e of source.errors) out.problems.push(problem(input.file, e.range, `Fact file cannot be parsed: ${e.message}`));
  const root = source.value;
  if (source.errors.length > 0) return out;
  if (root === null || root === undefined) return out; // an empty file is a valid, empty fact file
  for (const p of validateAgainstSchema(source, root)) out.problems.push(schemaProblem(input, p));
  if (!isRecord(root)) return out;

  const ctx = new Context(input, state, out.problems);
  const siteFile: SiteFile = { file: source.file, rangeAt: source.rangeAt };
  for (const key of LIST_KEYS) {
    const items = list(root[key]);
    for (let i = 0; i < items.length; i++) loadItem(ctx, out, key, items[i], i, siteFile);
  }
  reportDuplicates(out, siteFile, state);
  return out;
}

/**
 * Loads a JSON fact file item by item (perf, issue 7): each item is parsed,
 * validated against the schema of its list's items, and built while the reader
 * moves on, so the parsed raw items die young instead of surviving a parse of the
 * whole file. Problems are collected per list and put in the whole-file order at
 * the end. Undefined when the reader leaves the file to the whole-file path
 * (not a JSON object, invalid JSON, a top-level key given twice).
 */
function loadJsonStreamed(input: FactFileText, state: LoadState): LoadedFile | undefined {
  if (!/^[ \t\n\r]*\{/.test(input.text)) return undefined;
  const reader = new JsonFactReader(input.file, input.text);
  const out = emptyFile(input, reader.source, true);
  const siteFile: SiteFile = { file: input.file, rangeAt: reader.source.rangeAt };
  const ctx = new Context(input, state, out.problems);
  const itemErrors = new Map<string, ErrorObject[]>();
  const itemProblems = new Map<ListKey, FactProblem[]>();
  const sinkFor = (key: string): ItemSink | undefined => {
    const validate = itemValidator(key);
    if (!validate || !isListKey(key)) return undefined;
    const errors: ErrorObject[] = [];
    const problems: FactProblem[] = [];
    itemErrors.set(key, errors);
    itemProblems.set(key, problems);
    return (raw, index) => {
      if (!validate(raw)) {
        // The item validator's paths start at the item: prefixed, they are the whole-file validator's.
        for (const err of validate.errors ?? []) {
          err.instancePath = `/${key}/${index}${err.instancePath}`;
          errors.push(err);
        }
      }
      ctx.problems = problems;
      loadItem(ctx, out, key, raw, index, siteFile);
    };
  };
  const skeleton = reader.read(sinkFor);
  if (!skeleton) return undefined;
  for (const p of describeErrors(reader.source, orderStreamedErrors(skeleton, itemErrors))) out.problems.push(schemaProblem(input, p));
  for (const key of LIST_KEYS) for (const p of itemProblems.get(key) ?? []) out.problems.push(p);
  reportDuplicates(out, siteFile, state);
  return out;
}

function schemaProblem(input: FactFileText, p: SchemaProblem): FactProblem {
  // A fact without provenance in the user's own file is worth a warning, not a red file:
  // the bundled base is held to the strict rule by its tests and `clio facts audit`.
  const aboutProvenance = (p.keyword === "required" && p.property === "sources") || (p.keyword === "minItems" && p.path.at(-1) === "sources");
  const severity: Severity = aboutProvenance && input.origin === "workspace" ? "warning" : "error";
  return problem(input.file, p.range, p.message, severity);
}

/** A duplicate id within one file is a mistake (across files it is an override); the first one is kept. */
function reportDuplicates(out: LoadedFile, siteFile: SiteFile, state: LoadState): void {
  type Item = { id?: string; key?: string; origin: FactOrigin };
  const lists: Array<[string, Item[], Map<string, Item> | undefined]> = [
    ["entity", out.entities, state.entities as Map<string, Item>],
    ["event", out.events, state.events as Map<string, Item>],
    ["title", out.titles, undefined],
    ["event type", out.eventTypes, undefined],
    ["source", out.sources, undefined],
    ["conflict", out.conflicts, undefined],
  ];
  for (const [kind, items, merged] of lists) {
    const seen = merged ?? new Map<string, Item>();
    let kept = 0;
    for (const item of items) {
      const id = (item.id ?? item.key) as string;
      const first = seen.get(id);
      // In a merged map an id from an earlier file is an override, not a duplicate.
      if (first && (!merged || (first.origin instanceof Site && first.origin.source === siteFile))) {
        const loc = item.origin instanceof Site ? item.origin : undefined;
        const firstLine = (first.origin instanceof Site ? first.origin.range.start.line : 0) + 1;
        out.problems.push(
          problem(out.file, loc ? loc.rangeAt(item.id ? "id" : "key") : zero(), `Duplicate ${kind} ${kind === "source" ? "key" : "id"} "${id}" (first defined on line ${firstLine} of this file).`),
        );
        continue;
      }
      seen.set(id, item);
      items[kept++] = item;
    }
    items.length = kept;
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
/**
 * The list of everything that lists nothing (persons' name periods, states' offices…):
 * one array instead of 100k empty ones (3 MB, issue 7). Frozen, so code that tried to
 * add to one item's list would fail loudly instead of adding to all of them.
 */
const NOTHING: never[] = Object.freeze([]) as unknown as never[];

function strings(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) return NOTHING;
  // Exactly sized when nothing is dropped (the usual case), see Context.each.
  const all = v.map(str);
  return all.every((s) => s !== undefined && s !== "") ? (all as string[]) : all.filter((s): s is string => s !== undefined && s !== "");
}

class Context {
  private readonly file: string;
  private readonly where: Locations;
  private readonly dates: LoadState["dates"];
  /** One string per distinct title or event type id referred to, see `shared`. */
  private readonly references = new Map<string, string>();
  constructor(
    private readonly input: FactFileText,
    state: LoadState,
    /** Where problems found while building items go (a streamed file collects them per list). */
    public problems: FactProblem[],
  ) {
    this.file = input.file;
    this.where = state.where;
    this.dates = state.dates;
  }

  /**
   * Loads the items of a nested list (offices, name periods…). An item whose index
   * in the built list differs from the file's, because one before it was dropped,
   * gets its site recorded; the others' sites follow from the owner's (issue 7).
   */
  private each<T extends object>(raw: unknown, owner: Site, key: string, make: (raw: unknown, site: Site) => T | undefined, leaf = false): T[] {
    if (!Array.isArray(raw) || raw.length === 0) return NOTHING;
    // `map` sizes the array exactly; a list grown by `push` reserves room for 17 (issue 7: 100k entities' lists).
    // A leaf item (a source reference) needs no site while loading: none is made for it.
    const made = raw.map((r, i) => make(r, leaf ? owner : new Site(owner.source, owner, key, i)));
    if (!made.includes(undefined)) return made as T[];
    const out: T[] = [];
    for (let i = 0; i < made.length; i++) {
      const item = made[i];
      if (!item) continue;
      if (out.length !== i) this.where.set(item, new Site(owner.source, owner, key, i));
      out.push(item);
    }
    return out;
  }

  /**
   * The first equal string met in this file, for references to the few ids that
   * thousands of items repeat (titles, event types): JSON.parse copies every string
   * longer than ten characters, and 100k offices kept 90k copies of 40 titles alive
   * (issue 7). Ids with many distinct values (states…) cost more to look up than they save.
   */
  private shared(text: string | undefined): string | undefined {
    if (text === undefined) return undefined;
    const known = this.references.get(text);
    if (known !== undefined) return known;
    this.references.set(text, text);
    return text;
  }

  /** Parses an EDTF field; an unparseable one is reported at its node and left undefined. */
  date(raw: unknown, site: Site, a: PathPart, b?: PathPart): ClioDate | undefined {
    const text = str(raw);
    if (text === undefined) return undefined;
    // One ClioDate per distinct text in a build (results are read-only): 100k entities share a few thousand dates.
    let r = this.dates.get(text);
    if (!r) this.dates.set(text, (r = parseEdtf(text)));
    if ("date" in r) return r.date;
    this.problems.push(problem(this.file, b === undefined ? site.rangeAt(a) : site.rangeAt(a, b), `Invalid date "${text}": ${r.error}.`));
    return undefined;
  }

  refs(raw: unknown, owner: Site): SourceRef[] {
    return this.each(raw, owner, "sources", (r) => {
      if (!isRecord(r)) return undefined;
      const key = str(r.key);
      if (!key) return undefined;
      const locator = str(r.locator);
      // One literal per shape: a property added later costs a separate property store (issue 7).
      return locator !== undefined ? { key, locator } : { key };
    }, true);
  }

  alternatives(raw: unknown, owner: Site): Alternative[] | undefined {
    if (!Array.isArray(raw)) return undefined;
    return this.each(raw, owner, "alternatives", (a, site) => {
      if (!isRecord(a)) return undefined;
      const alt: Alternative = { sources: this.refs(a.sources, site) };
      for (const field of ["date", "start", "end"] as const) {
        const text = str(a[field]);
        if (text !== undefined) {
          alt[field] = text;
          this.date(text, site, field);
        }
      }
      const value = str(a.value);
      if (value !== undefined) alt.value = value;
      return alt;
    });
  }

  source(raw: unknown, site: Site): Source | undefined {
    if (!isRecord(raw)) return undefined;
    const key = str(raw.key);
    if (!key) return undefined;
    const s: Source = {
      ...(raw as Record<string, unknown>),
      key,
      type: str(raw.type) ?? "document",
      sources: this.refs(raw.sources, site),
      origin: site,
      from: this.input.origin === "bundled" ? "bundled" : "facts",
    } as Source;
    for (const f of ["volume", "issue", "page", "issued"] as const) if (raw[f] !== undefined) (s as unknown as Record<string, unknown>)[f] = str(raw[f]);
    if (s.issued !== undefined) s.issuedDate = this.date(s.issued, site, "issued");
    if (s.page !== undefined) s.pageRange = parsePageRange(s.page);
    return s;
  }

  entity(raw: unknown, site: Site): Entity | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    if (!id || !name) return undefined;
    const type = ENTITY_TYPES.has(raw.type as EntityType) ? (raw.type as EntityType) : "organisation";
    const aliases = strings(raw.aliases);
    const sources = this.refs(raw.sources, site);
    const wikidata = str(raw.wikidata);
    const description = str(raw.description);
    const existence = isRecord(raw.existence) ? raw.existence : undefined;
    const start = existence && str(existence.start);
    const end = existence && str(existence.end);
    let e: Entity;
    if (wikidata && description && start !== undefined && end !== undefined) {
      // The usual shape in one literal (a property added later costs a separate
      // property store, issue 7): same fields in the same order as the general path.
      const startDate = this.date(start, site, "existence", "start");
      const endDate = this.date(end, site, "existence", "end");
      e = { id, type, name, aliases, names: NOTHING, offices: NOTHING, sources, origin: site, wikidata, description, existence: { start, end }, startDate, endDate };
    } else {
      e = { id, type, name, aliases, names: NOTHING, offices: NOTHING, sources, origin: site };
      if (wikidata) e.wikidata = wikidata;
      if (description) e.description = description;
      if (existence) this.existence(e, start, end, site);
    }
    e.names = this.each(raw.names, site, "names", (n, s) => this.namePeriod(n, s));
    e.offices = this.each(raw.offices, site, "offices", (o, s) => this.office(o, id, s));
    const alternatives = this.alternatives(raw.alternatives, site);
    if (alternatives) e.alternatives = alternatives;
    if (raw.conflict === true) e.conflict = true;
    return e;
  }

  private existence(e: Entity, start: string | undefined, end: string | undefined, site: Site): void {
    e.existence = {};
    if (start !== undefined) {
      e.existence.start = start;
      e.startDate = this.date(start, site, "existence", "start");
    }
    if (end !== undefined) {
      e.existence.end = end;
      e.endDate = this.date(end, site, "existence", "end");
    }
  }

  namePeriod(raw: unknown, site: Site): NamePeriod | undefined {
    if (!isRecord(raw)) return undefined;
    const name = str(raw.name);
    if (!name) return undefined;
    const n: NamePeriod = {
      name,
      kind: raw.kind === "short" ? "short" : "official",
      sources: this.refs(raw.sources, site),
    };
    const from = str(raw.from);
    const to = str(raw.to);
    if (from !== undefined) {
      n.from = from;
      n.fromDate = this.date(from, site, "from");
    }
    if (to !== undefined) {
      n.to = to;
      n.toDate = this.date(to, site, "to");
    }
    return n;
  }

  office(raw: unknown, holder: string, site: Site): Office | undefined {
    if (!isRecord(raw)) return undefined;
    const title = this.shared(str(raw.title));
    if (!title) return undefined;
    const sources = this.refs(raw.sources, site);
    const of = str(raw.of);
    const start = str(raw.start);
    const end = str(raw.end);
    let o: Office;
    if (of && start !== undefined && end !== undefined) {
      // The usual shape in one literal, same fields in the same order as the general path below.
      const startDate = this.date(start, site, "start");
      o = { title, holder, sources, of, start, startDate, end, endDate: this.date(end, site, "end") };
    } else {
      o = { title, holder, sources };
      if (of) o.of = of;
      this.tenure(o, start, end, site);
    }
    const alternatives = this.alternatives(raw.alternatives, site);
    if (alternatives) o.alternatives = alternatives;
    if (raw.conflict === true) o.conflict = true;
    return o;
  }

  private tenure(o: Office, start: string | undefined, end: string | undefined, site: Site): void {
    if (start !== undefined) {
      o.start = start;
      o.startDate = this.date(start, site, "start");
    }
    if (end !== undefined) {
      o.end = end;
      o.endDate = this.date(end, site, "end");
    }
  }

  event(raw: unknown, site: Site): FactEvent | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    const date = str(raw.date);
    if (!id || !name) return undefined;
    const ev: FactEvent = {
      id,
      type: this.shared(str(raw.type)) ?? "",
      name,
      participants: strings(raw.participants),
      date: date ?? "",
      sources: this.refs(raw.sources, site),
      origin: site,
    };
    if (date !== undefined) ev.parsedDate = this.date(date, site, "date");
    const place = str(raw.place);
    if (place) ev.place = place;
    const alternatives = this.alternatives(raw.alternatives, site);
    if (alternatives) ev.alternatives = alternatives;
    if (raw.conflict === true) ev.conflict = true;
    return ev;
  }

  title(raw: unknown, site: Site): Title | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    if (!id || !name) return undefined;
    return { id, name, aliases: strings(raw.aliases), origin: site };
  }

  eventType(raw: unknown, site: Site): EventType | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const name = str(raw.name);
    if (!id || !name) return undefined;
    const triggers = strings(raw.triggers).map((t) => t.toLowerCase());
    return { id, name, triggers, recurring: raw.recurring === true, origin: site };
  }

  conflict(raw: unknown, site: Site): Conflict | undefined {
    if (!isRecord(raw)) return undefined;
    const id = str(raw.id);
    const about = str(raw.about);
    if (!id || !about) return undefined;
    const c: Conflict = { id, about, sources: this.refs(raw.sources, site), origin: site };
    const note = str(raw.note);
    if (note) c.note = note;
    return c;
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
