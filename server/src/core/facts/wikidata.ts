// Converts Wikidata entity JSON into a Clio fact file. Accepts dump lines (one
// entity per line, the dump's `[` `]` and trailing commas included) and
// Special:EntityData documents ({"entities": {"Q…": {…}}}). Every fact cites
// {key: wikidata, locator: QID}; the `wikidata` source itself is bundled.
import { stringify } from "yaml";
import { normalizeName } from "./normalize.js";

type Json = Record<string, unknown>;

interface Snak {
  snaktype?: string;
  datavalue?: { type?: string; value?: unknown };
}
interface Statement {
  mainsnak?: Snak;
  qualifiers?: Record<string, Snak[]>;
  rank?: string;
}
interface WikidataEntity {
  id: string;
  labels?: Record<string, { value: string }>;
  aliases?: Record<string, Array<{ value: string }>>;
  descriptions?: Record<string, { value: string }>;
  claims?: Record<string, Statement[]>;
}

export interface WikidataImport {
  /** The fact file, as YAML. */
  yaml: string;
  entities: number;
  /** Things skipped or guessed, for the user to review. */
  warnings: string[];
  /** Set when the input could not be read at all. */
  error?: string;
}

/** Instance-of (P31) classes that decide the Clio entity type. */
const TYPE_BY_CLASS: Record<string, "person" | "state" | "party" | "organisation" | "place"> = {
  Q5: "person",
  Q6256: "state", // country
  Q3624078: "state", // sovereign state
  Q3024240: "state", // historical country
  Q7275: "state", // state
  Q1520223: "state", // constitutional republic
  Q7278: "party", // political party
  Q43229: "organisation",
  Q484652: "organisation", // international organisation
  Q515: "place", // city
  Q5119: "place", // capital
  Q486972: "place", // human settlement
};

export function parseWikidataEntities(text: string): { entities: WikidataEntity[]; error?: string } {
  const trimmed = text.trim();
  if (!trimmed) return { entities: [], error: "the file is empty" };
  try {
    const whole = JSON.parse(trimmed) as unknown;
    return { entities: entitiesOf(whole) };
  } catch {
    // Not one JSON document: read it as dump lines.
  }
  const entities: WikidataEntity[] = [];
  const lines = trimmed.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim().replace(/,$/, "");
    if (line === "" || line === "[" || line === "]") continue;
    try {
      entities.push(...entitiesOf(JSON.parse(line)));
    } catch (err) {
      return { entities, error: `line ${i + 1} is not an entity JSON object (${err instanceof Error ? err.message : String(err)})` };
    }
  }
  return { entities };
}

function isEntity(v: unknown): v is WikidataEntity {
  return !!v && typeof v === "object" && typeof (v as Json).id === "string";
}

function entitiesOf(doc: unknown): WikidataEntity[] {
  if (Array.isArray(doc)) return doc.filter(isEntity);
  if (doc && typeof doc === "object" && (doc as Json).entities && typeof (doc as Json).entities === "object") {
    return Object.values((doc as { entities: Json }).entities).filter(isEntity);
  }
  return isEntity(doc) ? [doc] : [];
}

/** A Wikidata time value → EDTF by precision (9 year, 10 month, 11 day; 8 decade, 7 century). */
export function wikidataTimeToEdtf(value: unknown): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  const { time, precision } = value as { time?: string; precision?: number };
  const m = typeof time === "string" ? /^([+-])(\d+)-(\d\d)-(\d\d)T/.exec(time) : null;
  if (!m || typeof precision !== "number") return undefined;
  let year = Number(m[2]);
  // Wikidata numbers years BCE historically (no year 0); EDTF counts astronomically (0000 = 1 BCE).
  if (m[1] === "-") year = -(year - 1);
  const y = year < 0 ? `-${String(-year).padStart(4, "0")}` : String(year).padStart(4, "0");
  switch (precision) {
    case 11:
      return m[3] !== "00" && m[4] !== "00" ? `${y}-${m[3]}-${m[4]}` : m[3] !== "00" ? `${y}-${m[3]}` : y;
    case 10:
      return m[3] !== "00" ? `${y}-${m[3]}` : y;
    case 9:
      return y;
    case 8:
      return year >= 0 ? `${y.slice(0, 3)}X` : undefined;
    case 7:
      return year >= 0 ? `${String(Math.max(0, Math.floor((year - 1) / 100))).padStart(2, "0")}XX` : undefined;
    default:
      return undefined;
  }
}

function slug(text: string): string {
  return normalizeName(text)
    .replace(/[^a-z0-9 ]+/g, "")
    .trim()
    .replace(/ +/g, "-");
}

function label(e: WikidataEntity): string | undefined {
  return e.labels?.en?.value ?? Object.values(e.labels ?? {})[0]?.value;
}

/** Statements of a property, best rank first, deprecated ones dropped. */
function statements(e: WikidataEntity, property: string): Statement[] {
  const list = (e.claims?.[property] ?? []).filter((s) => s.rank !== "deprecated" && s.mainsnak?.snaktype === "value");
  const preferred = list.filter((s) => s.rank === "preferred");
  return preferred.length ? preferred : list;
}

function itemId(snak: Snak | undefined): string | undefined {
  const v = snak?.datavalue?.value as { id?: string; "numeric-id"?: number } | undefined;
  return v?.id ?? (v?.["numeric-id"] !== undefined ? `Q${v["numeric-id"]}` : undefined);
}

function qualifierDate(s: Statement, property: string): string | undefined {
  const snak = s.qualifiers?.[property]?.find((q) => q.snaktype === "value");
  return wikidataTimeToEdtf(snak?.datavalue?.value);
}

export function importWikidata(text: string): WikidataImport {
  const { entities, error } = parseWikidataEntities(text);
  if (error && entities.length === 0) return { yaml: "", entities: 0, warnings: [], error };
  const warnings: string[] = error ? [`stopped early: ${error}`] : [];
  const byQid = new Map(entities.map((e) => [e.id, e]));
  const idByQid = new Map<string, string>();
  const used = new Set<string>();
  for (const e of entities) {
    const name = label(e);
    let id = name ? slug(name) : "";
    if (!id || used.has(id)) id = id ? `${id}-${e.id.toLowerCase()}` : e.id.toLowerCase();
    used.add(id);
    idByQid.set(e.id, id);
  }

  const titles = new Map<string, { id: string; name: string }>();
  const titleFor = (qid: string): string => {
    const position = byQid.get(qid);
    const name = position ? label(position) : undefined;
    // A position the file does not describe keeps its QID as title id, for the user to name.
    const id = name ? slug(name) || qid : qid;
    if (!titles.has(id)) titles.set(id, { id, name: name ?? qid });
    return id;
  };

  // Positions (described in the file only to name the titles) are not entities.
  const positionQids = new Set(entities.flatMap((e) => statements(e, "P39").map((s) => itemId(s.mainsnak))));
  const out: Json[] = [];
  for (const e of entities) {
    const qid = e.id;
    if (positionQids.has(qid)) continue;
    const cite = [{ key: "wikidata", locator: qid }];
    const name = label(e);
    if (!name) {
      warnings.push(`${qid} has no label; skipped`);
      continue;
    }
    const aliases = new Set<string>();
    for (const [lang, l] of Object.entries(e.labels ?? {})) if (lang !== "en" || l.value !== name) aliases.add(l.value);
    for (const list of Object.values(e.aliases ?? {})) for (const a of list) aliases.add(a.value);
    aliases.delete(name);

    const classes = statements(e, "P31").map((s) => itemId(s.mainsnak)).filter((c): c is string => !!c);
    let type = classes.map((c) => TYPE_BY_CLASS[c]).find(Boolean);
    if (!type) {
      type = e.claims?.P569 || e.claims?.P570 ? "person" : "organisation";
      warnings.push(`${qid} (${name}): no known instance-of class; typed as ${type}`);
    }

    const entity: Json = { id: idByQid.get(qid), type, name };
    if (aliases.size) entity.aliases = [...aliases];
    entity.wikidata = qid;
    const description = e.descriptions?.en?.value;
    if (description) entity.description = description;
    const first = (p: string) => wikidataTimeToEdtf(statements(e, p)[0]?.mainsnak?.datavalue?.value);
    const start = type === "person" ? first("P569") : first("P571");
    const end = type === "person" ? first("P570") : first("P576");
    if (start || end) entity.existence = { ...(start ? { start } : {}), ...(end ? { end } : {}) };

    const names: Json[] = [];
    for (const s of statements(e, "P1448")) {
      const v = s.mainsnak?.datavalue?.value as { text?: string; language?: string } | undefined;
      if (!v?.text) continue;
      const period: Json = { name: v.text, kind: "official" };
      const from = qualifierDate(s, "P580");
      const to = qualifierDate(s, "P582");
      if (from) period.from = from;
      if (to) period.to = to;
      period.sources = cite;
      names.push(period);
    }
    if (names.length) entity.names = names;

    const offices: Json[] = [];
    for (const s of statements(e, "P39")) {
      const position = itemId(s.mainsnak);
      if (!position) continue;
      const office: Json = { title: titleFor(position) };
      const of = itemId(s.qualifiers?.P642?.[0]) ?? itemId(s.qualifiers?.P1001?.[0]);
      if (of && idByQid.has(of)) office.of = idByQid.get(of);
      const from = qualifierDate(s, "P580");
      const to = qualifierDate(s, "P582");
      if (from) office.start = from;
      if (to) office.end = to;
      office.sources = [{ key: "wikidata", locator: qid }];
      offices.push(office);
    }
    if (offices.length) entity.offices = offices;
    entity.sources = cite;
    out.push(entity);
  }
  const entitiesOut = out;
  const file: Json = {};
  if (titles.size) file.titles = [...titles.values()];
  file.entities = entitiesOut;
  const header = "# Imported from Wikidata by `clio facts import-wikidata`; review before use.\n";
  return { yaml: header + stringify(file, { lineWidth: 0 }), entities: entitiesOut.length, warnings };
}
