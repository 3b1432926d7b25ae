// A small hand-built FactIndex for unit tests of the checks and prose mode:
// just enough behaviour (lookup, existence, offices, names, events) to isolate
// one check from the real fact loader and the bundled data.
import { compareDates, parseEdtf, spanDates } from "../../server/src/core/dates/index.js";
import { normalizeName } from "../../server/src/core/facts/normalize.js";
import type {
  Citation,
  Claim,
  ClioDate,
  DateTag,
  EntityLink,
  ParsedDocument,
  Entity,
  EntityType,
  EventType,
  FactEvent,
  FactIndex,
  NamePeriod,
  Office,
  Overlap,
  Source,
  Title,
} from "../../server/src/core/types.js";

export function d(edtf: string): ClioDate {
  const r = parseEdtf(edtf);
  if (!("date" in r)) throw new Error(`bad test date ${edtf}: ${r.error}`);
  return r.date;
}
const opt = (s?: string) => (s ? d(s) : undefined);
const origin = { file: "stub.yaml" };

export interface StubEntity {
  id: string;
  type?: EntityType;
  name: string;
  aliases?: string[];
  start?: string;
  end?: string;
  names?: Array<{ name: string; kind?: "official" | "short"; from?: string; to?: string }>;
  offices?: Array<{ title: string; of?: string; start?: string; end?: string }>;
}
export interface StubFacts {
  entities?: StubEntity[];
  events?: Array<{ id: string; type: string; name: string; participants: string[]; date: string }>;
  titles?: Array<{ id: string; name: string; aliases?: string[] }>;
  eventTypes?: Array<{ id: string; triggers: string[] }>;
  sources?: Array<{ key: string; issued?: string; page?: string }>;
}

export function stubFacts(spec: StubFacts): FactIndex {
  const wd = (id: string) => [{ key: "wikidata", locator: `Q-${id}` }];
  const entities = new Map<string, Entity>();
  for (const e of spec.entities ?? []) {
    const offices: Office[] = (e.offices ?? []).map((o) => ({
      ...o,
      startDate: opt(o.start),
      endDate: opt(o.end),
      sources: wd(e.id),
      holder: e.id,
    }));
    const names: NamePeriod[] = (e.names ?? []).map((n) => ({
      name: n.name,
      kind: n.kind ?? "official",
      from: n.from,
      to: n.to,
      fromDate: opt(n.from),
      toDate: opt(n.to),
      sources: wd(e.id),
    }));
    entities.set(e.id, {
      id: e.id,
      type: e.type ?? "person",
      name: e.name,
      aliases: e.aliases ?? [],
      existence: e.start || e.end ? { start: e.start, end: e.end } : undefined,
      startDate: opt(e.start),
      endDate: opt(e.end),
      names,
      offices,
      sources: wd(e.id),
      origin,
    });
  }
  const events = new Map<string, FactEvent>();
  for (const ev of spec.events ?? []) events.set(ev.id, { ...ev, parsedDate: d(ev.date), sources: [{ key: "biberaj1986", locator: "n. 20" }], origin });
  const titles = new Map<string, Title>();
  for (const t of spec.titles ?? []) titles.set(t.id, { id: t.id, name: t.name, aliases: t.aliases ?? [], origin });
  const eventTypes = new Map<string, EventType>();
  for (const t of spec.eventTypes ?? []) eventTypes.set(t.id, { id: t.id, name: t.id, triggers: t.triggers, recurring: (t as { recurring?: boolean }).recurring ?? false, origin });
  const sources = new Map<string, Source>();
  for (const s of spec.sources ?? []) {
    const m = s.page ? /^(\d+)-(\d+)$/.exec(s.page) : null;
    sources.set(s.key, {
      key: s.key,
      type: "book",
      issued: s.issued,
      issuedDate: opt(s.issued),
      page: s.page,
      pageRange: m ? [+m[1], +m[2]] : undefined,
      sources: [{ key: s.key }],
      origin,
      from: "bundled",
    });
  }

  const names = new Map<string, Set<string>>();
  const addName = (n: string, id: string) => {
    const k = normalizeName(n);
    if (!names.has(k)) names.set(k, new Set());
    names.get(k)!.add(id);
  };
  // Like the real index: every form as written → the ids that use it.
  const forms = new Map<string, string[]>();
  for (const e of entities.values()) {
    for (const n of [e.id, e.name, ...e.aliases, ...e.names.map((p) => p.name)]) {
      addName(n, e.id);
      forms.set(n, [...new Set([...(forms.get(n) ?? []), e.id])]);
    }
  }
  const span = (a?: ClioDate, b?: ClioDate) => spanDates(a, b);

  const index: FactIndex = {
    entities,
    events,
    titles,
    eventTypes,
    conflicts: [],
    problems: [],
    sources,
    lookup: (n) => [...(names.get(normalizeName(n)) ?? [])].map((id) => entities.get(id)!),
    allNames: () => forms.entries(),
    existsAt(id, date) {
      const e = entities.get(id);
      if (!e || (!e.startDate && !e.endDate)) return "overlap";
      return compareDates(span(e.startDate, e.endDate), date);
    },
    officesAt(id, date) {
      return (entities.get(id)?.offices ?? [])
        .map((office) => ({ office, overlap: compareDates(span(office.startDate, office.endDate), date) }))
        .filter((x) => x.overlap !== "disjoint");
    },
    holdersAt(titleId, date, of) {
      const out: Array<{ entity: Entity; office: Office; overlap: Overlap }> = [];
      for (const entity of entities.values()) {
        for (const office of entity.offices) {
          if (office.title !== titleId || (of && office.of !== of)) continue;
          const overlap = compareDates(span(office.startDate, office.endDate), date);
          if (overlap !== "disjoint") out.push({ entity, office, overlap });
        }
      }
      return out;
    },
    title: (text) => [...titles.values()].find((t) => [t.name, ...t.aliases].some((n) => normalizeName(n) === normalizeName(text))),
    allTitleNames: function* () {
      for (const t of titles.values()) for (const n of [t.name, ...t.aliases]) yield [n, t.id];
    },
    namesAt(id, date) {
      return (entities.get(id)?.names ?? []).filter((p) => compareDates(span(p.fromDate, p.toDate), date) !== "disjoint");
    },
    namePeriodsFor(id, used) {
      return (entities.get(id)?.names ?? []).filter((p) => normalizeName(p.name) === normalizeName(used));
    },
    eventsWith(ids) {
      return [...events.values()].filter((ev) => ids.every((i) => ev.participants.includes(i)));
    },
    eventsDuring(date) {
      return [...events.values()].filter((ev) => compareDates(ev.parsedDate!, date) !== "disjoint");
    },
    eventTypesForWord: (w) => [...eventTypes.values()].filter((t) => t.triggers.includes(w.toLowerCase())),
    allTriggers: function* () {
      for (const t of eventTypes.values()) for (const w of t.triggers) yield [w, [t.id]];
    },
    source: (k) => sources.get(k),
  };
  return index;
}

// ---------------------------------------------------------------- a one-paragraph document without the parser

/**
 * A ParsedDocument for `text` built with simple patterns: date tags open claims
 * that run to the next tag or the end; `[[target|shown]]` links; `[@key, p. N]`
 * citations. Enough to feed a check; the fixtures test the real parser.
 */
export function stubDoc(text: string, uri = "file:///paper.md"): ParsedDocument {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const pos = (o: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= o) line++;
    return { line, character: o - lineStarts[line] };
  };
  const range = (a: number, b: number) => ({ start: pos(a), end: pos(b) });
  const dateTags: DateTag[] = [...text.matchAll(/\{([^}]*)\}/g)].map((m) => {
    const r = parseEdtf(m[1]);
    const span = { start: m.index!, end: m.index! + m[0].length };
    return { span, range: range(span.start, span.end), raw: m[1], ...("date" in r ? { date: r.date } : { error: r.error }) };
  });
  const links: EntityLink[] = [...text.matchAll(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g)].map((m) => {
    const start = m.index!;
    const end = start + m[0].length;
    const tStart = start + 2;
    const tEnd = tStart + m[1].length;
    const shownStart = tEnd + 1;
    const shown = m[2];
    const prevBreak = Math.max(
      text.lastIndexOf("]]", start - 1) + 2,
      text.lastIndexOf("}", start - 1) + 1,
      text.lastIndexOf(",", start - 1) + 1,
      0,
    );
    return {
      span: { start, end },
      range: range(start, end),
      target: m[1],
      targetRange: range(tStart, tEnd),
      shown,
      shownRange: shown ? range(shownStart, shownStart + shown.length) : undefined,
      nameUsed: shown ?? m[1],
      nameRange: shown ? range(shownStart, shownStart + shown.length) : range(tStart, tEnd),
      before: { text: text.slice(prevBreak, start), span: { start: prevBreak, end: start } },
    };
  });
  const citations: Citation[] = [...text.matchAll(/\[@([\w:-]+)(?:,\s*(?:p\.|pp\.)\s*(\d+)(?:[–-](\d+))?)?\]/g)].map((m) => {
    const start = m.index!;
    const keyStart = start + 2;
    const pages: Array<[number, number]> | undefined = m[2] ? [[+m[2], +(m[3] ?? m[2])]] : undefined;
    return {
      span: { start, end: start + m[0].length },
      range: range(start, start + m[0].length),
      inText: false,
      items: [
        {
          key: m[1],
          keyRange: range(keyStart, keyStart + m[1].length),
          span: { start: start + 1, end: start + m[0].length - 1 },
          locator: m[2] ? { label: "page", value: m[3] ? `${m[2]}–${m[3]}` : m[2], pages } : undefined,
        },
      ],
    };
  });
  const claims: Claim[] = dateTags.map((tag, index) => {
    const end = dateTags[index + 1]?.span.start ?? text.length;
    const inside = <T extends { span: { start: number } }>(x: T) => x.span.start >= tag.span.start && x.span.start < end;
    const own = links.filter(inside);
    return {
      index,
      span: { start: tag.span.start, end },
      range: range(tag.span.start, end),
      dateTag: tag,
      links: own,
      subject: own[0],
      citations: citations.filter(inside),
      text: text.slice(tag.span.start, end),
      paragraph: 0,
    };
  });
  return { uri, text, lineStarts, dateTags, links, citations, claims, diagnostics: [], excluded: [], paragraphs: [{ start: 0, end: text.length }] };
}
