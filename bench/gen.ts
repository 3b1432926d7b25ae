// Deterministic (seeded) generators for the benchmarks and the bad-input tests:
// realistic manuscripts built from the bundled entities, and Wikidata-shaped
// fact bases of any size. Pure functions of their options; no I/O except
// `loadBundledVocabulary`, which reads the bundled YAML once.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";

/** mulberry32: tiny, fast, good enough for test data, identical on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Vocabulary {
  persons: string[];
  polities: string[];
  titles: string[];
  sourceKeys: string[];
}

/** Names, titles and source keys from the bundled fact base, with fallbacks while the data is being written. */
export function loadBundledVocabulary(root: string): Vocabulary {
  const vocab: Vocabulary = { persons: [], polities: [], titles: [], sourceKeys: [] };
  const dir = join(root, "server/data/facts");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  for (const f of files) {
    let data: any;
    try {
      data = YAML.parse(readFileSync(join(dir, f), "utf8"));
    } catch {
      continue; // a data helper may be mid-edit; the fallbacks cover it
    }
    for (const e of data?.entities ?? []) {
      if (typeof e?.name !== "string") continue;
      const names = [e.name, ...(Array.isArray(e.aliases) ? e.aliases.filter((a: unknown) => typeof a === "string") : [])];
      if (e.type === "person") vocab.persons.push(...names);
      else if (e.type === "state" || e.type === "party" || e.type === "organisation") vocab.polities.push(...names);
    }
    for (const t of data?.titles ?? []) if (typeof t?.name === "string") vocab.titles.push(t.name);
    for (const s of data?.sources ?? []) if (typeof s?.key === "string") vocab.sourceKeys.push(s.key);
  }
  if (!vocab.persons.length) vocab.persons.push("Enver Hoxha", "Mehmet Shehu", "Zhou Enlai", "Nikita Khrushchev");
  if (!vocab.polities.length) vocab.polities.push("Albania", "Soviet Union", "People's Republic of China", "Yugoslavia");
  if (!vocab.titles.length) vocab.titles.push("Premier", "First Secretary", "Defence Minister", "Marshal");
  if (!vocab.sourceKeys.length) vocab.sourceKeys.push("tretiak1962", "biberaj1986", "selivanov2017", "fink1998", "ncna:1959-01-16");
  return vocab;
}

// ---------------------------------------------------------------- manuscripts

export interface ManuscriptOptions {
  seed?: number;
  /** Stop after about this many bytes (UTF-16 code units)… */
  bytes?: number;
  /** …or after this many explicit claims, whichever is given. */
  claims?: number;
  vocab: Vocabulary;
  /** Bibliography file named in the front matter (relative to the manuscript). */
  bibliography?: string;
}

const VERBS = [
  "met", "visited", "signed an agreement with", "wrote to", "withdrew its advisers from", "received a delegation from",
  "denounced", "praised", "broke off relations with", "sent a cable to", "toured", "negotiated with",
];
const FILLER = [
  "The archival record for these months is thin, and the surviving minutes are terse.",
  "Historians have read this episode in very different ways.",
  "Much of what follows rests on the party press, which must be read with care.",
  "The economic background matters here as much as the ideological quarrel.",
  "None of the participants left a full memoir of the meeting.",
  "Translations of the key speech differ in small but telling ways.",
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A manuscript in the shape of a long history paper: headings, paragraphs of marked and unmarked claims, code, lists, quotes. */
export function generateManuscript(opts: ManuscriptOptions): { text: string; claims: number } {
  const r = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const { persons, polities, titles, sourceKeys } = opts.vocab;
  const actors = [...persons, ...polities];
  const maxBytes = opts.bytes ?? Infinity;
  const maxClaims = opts.claims ?? Infinity;
  const out: string[] = [];
  let size = 0;
  let claims = 0;
  const push = (s: string) => {
    out.push(s);
    size += s.length;
  };

  push("---\ntitle: \"Alliances at the Edge of the Bloc, 1944–1978\"\nauthor: Bench Generator\n");
  if (opts.bibliography) push(`bibliography: ${opts.bibliography}\n`);
  push("clio:\n  severity:\n    claim-uncited: information\n---\n\n");

  const date = (): string => {
    const roll = r();
    const year = 1944 + Math.floor(r() * 35);
    const month = String(1 + Math.floor(r() * 12)).padStart(2, "0");
    const day = String(1 + Math.floor(r() * 28)).padStart(2, "0");
    if (roll < 0.03) return `${year}-13`; // date-invalid
    if (roll < 0.05) return `${year}-02-30`; // impossible day
    if (roll < 0.35) return `${year}-${month}-${day}`;
    if (roll < 0.7) return `${year}-${month}`;
    if (roll < 0.8) return `${year}`;
    if (roll < 0.85) return `${year}?`;
    if (roll < 0.9) return `${year}~`;
    if (roll < 0.95) return `${year}-${month}/${year + 1}`;
    return `${String(year).slice(0, 3)}X`;
  };
  const link = (): string => {
    const roll = r();
    if (roll < 0.03) return "[[Nonexistent Committee of Nobody]]"; // entity-unknown
    const name = pick(actors);
    if (roll < 0.15) return `[[${name}|${name.split(" ")[0]}]]`;
    return `[[${name}]]`;
  };
  const citation = (): string => {
    const roll = r();
    if (roll < 0.2) return ""; // claim-uncited
    const key = roll < 0.23 ? "nosuchkey1999" : pick(sourceKeys); // citation-unknown
    const page = 1 + Math.floor(r() * 400);
    if (roll < 0.5) return ` [@${key}, p. ${page}]`;
    if (roll < 0.6) return ` [see @${key}, pp. ${page}–${page + 3}; @${pick(sourceKeys)}]`;
    return ` [@${key}]`;
  };
  const markedClaim = (): string => {
    claims++;
    const title = r() < 0.2 ? `${pick(titles)} ` : "";
    return `{${date()}} ${title}${link()} ${pick(VERBS)} ${link()}${citation()}.`;
  };
  const proseClaim = (): string => {
    const year = 1944 + Math.floor(r() * 35);
    const when = r() < 0.5 ? `In ${pick(MONTHS)} ${year}` : `On ${1 + Math.floor(r() * 28)} ${pick(MONTHS)} ${year}`;
    return `${when}, ${pick(titles)} ${pick(persons).split(" ").slice(-1)[0]} ${pick(VERBS)} ${pick(polities)}.`;
  };

  let section = 0;
  let paragraph = 0;
  while (size < maxBytes && claims < maxClaims) {
    if (paragraph % 12 === 0) push(`## ${++section}. Section ${section}: a turn in the relationship {#sec:${section}}\n\n`);
    paragraph++;
    const kind = r();
    if (kind < 0.04) {
      // Code: braces and links here are not markup and must stay silent.
      push("```yaml\nwhen: {1961-13}\nwho: [[Not A Link]]\ncite: [@nosuchkey1999]\n```\n\n");
      continue;
    }
    if (kind < 0.1) {
      const items = 2 + Math.floor(r() * 3);
      for (let i = 0; i < items && claims < maxClaims; i++) push(`- ${markedClaim()}\n`);
      push("\n");
      continue;
    }
    if (kind < 0.13) {
      push(`> ${pick(FILLER)} ${markedClaim()}\n\n`);
      continue;
    }
    const sentences: string[] = [];
    const n = 3 + Math.floor(r() * 4);
    for (let i = 0; i < n && claims < maxClaims; i++) {
      const s = r();
      if (s < 0.45) sentences.push(markedClaim());
      else if (s < 0.7) sentences.push(proseClaim());
      else sentences.push(pick(FILLER));
    }
    if (r() < 0.1) sentences.push("The ratio $p < 0.05$ in {braces} is math, not a date.");
    push(sentences.join(" ") + "\n\n");
  }
  return { text: out.join(""), claims };
}

/** A BibTeX file with `n` entries (keys bench0 … bench{n-1}) plus the keys the manuscript cites. */
export function generateBibtex(n: number, seed = 7): string {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const year = 1900 + Math.floor(r() * 120);
    const first = 1 + Math.floor(r() * 300);
    out.push(
      `@article{bench${i},\n  author = {Author${i}, Given and Other, Person},\n  title = {On the {Question} of Item ${i}},\n` +
        `  journal = {Journal of Generated Studies},\n  year = {${year}},\n  pages = {${first}--${first + 20}}\n}\n`,
    );
  }
  return out.join("\n");
}

// ---------------------------------------------------------------- fact bases

export interface FactBaseOptions {
  entities: number;
  seed?: number;
  /** Events to add (default entities / 20). */
  events?: number;
}

const SYLLABLES = ["al", "ban", "cor", "dem", "el", "fan", "gor", "hal", "ir", "jan", "kol", "lem", "mar", "nis", "or", "pet", "ra", "sol", "tav", "ur", "vel", "xo", "yan", "zen"];

/**
 * A Wikidata-shaped fact base as a plain object in the format of docs/fact-files.md:
 * persons (≈80 %) with aliases, life dates and offices; states with official-name periods;
 * parties and organisations; events between them. Serialise with JSON.stringify or YAML.
 */
export function generateFactBase(opts: FactBaseOptions): Record<string, unknown[]> {
  const r = rng(opts.seed ?? 3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const word = (parts: number) => {
    let s = "";
    for (let i = 0; i < parts; i++) s += pick(SYLLABLES);
    return s[0].toUpperCase() + s.slice(1);
  };
  const wd = (i: number) => ({ key: "wikidata", locator: `Q${1000000 + i}` });
  const titles = Array.from({ length: 40 }, (_, i) => ({
    id: `bench-title-${i}`,
    name: `${word(2)} Minister ${i}`,
    aliases: [`Minister of ${word(2)} ${i}`],
  }));
  const polityCount = Math.max(2, Math.floor(opts.entities * 0.1));
  const entities: Record<string, unknown>[] = [];
  const polityIds: string[] = [];
  for (let i = 0; i < polityCount; i++) {
    const id = `bench-polity-${i}`;
    polityIds.push(id);
    const founded = 1800 + Math.floor(r() * 150);
    const name = `${word(3)} ${i}`;
    const type = i % 3 === 0 ? "state" : i % 3 === 1 ? "party" : "organisation";
    entities.push({
      id,
      type,
      name,
      aliases: [`${name} Republic`],
      wikidata: `Q${1000000 + i}`,
      existence: { start: `${founded}` },
      names:
        type === "state"
          ? [
              { name: `Kingdom of ${name}`, kind: "official", from: `${founded}`, to: `${founded + 40}`, sources: [wd(i)] },
              { name: `People's Republic of ${name}`, kind: "official", from: `${founded + 41}`, sources: [wd(i)] },
            ]
          : [],
      sources: [wd(i)],
    });
  }
  const personIds: string[] = [];
  for (let i = polityCount; i < opts.entities; i++) {
    const id = `bench-person-${i}`;
    personIds.push(id);
    const born = 1850 + Math.floor(r() * 120);
    const died = born + 40 + Math.floor(r() * 50);
    const given = word(2);
    const family = word(2);
    const offices = [];
    const officeCount = Math.floor(r() * 3);
    for (let k = 0; k < officeCount; k++) {
      const start = born + 30 + Math.floor(r() * 20);
      offices.push({ title: pick(titles).id, of: pick(polityIds), start: `${start}`, end: `${start + 1 + Math.floor(r() * 10)}`, sources: [wd(i)] });
    }
    entities.push({
      id,
      type: "person",
      name: `${given} ${family} ${i}`,
      aliases: [`${family} ${i}`, `${given[0]}. ${family} ${i}`],
      wikidata: `Q${1000000 + i}`,
      description: `Generated person number ${i}.`,
      existence: { start: `${born}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, end: `${died}` },
      offices,
      sources: [wd(i)],
    });
  }
  const eventCount = opts.events ?? Math.floor(opts.entities / 20);
  const events = [];
  for (let i = 0; i < eventCount; i++) {
    const year = 1900 + Math.floor(r() * 80);
    events.push({
      id: `bench-event-${i}`,
      type: "bench-visit",
      name: `Generated visit ${i}`,
      participants: [pick(personIds.length ? personIds : polityIds), pick(polityIds)],
      date: `${year}-0${1 + Math.floor(r() * 9)}`,
      sources: [wd(i)],
    });
  }
  return {
    sources: [{ key: "wikidata", type: "webpage", title: "Wikidata", sources: [{ key: "wikidata", locator: "Q2013" }] }],
    titles,
    eventTypes: [{ id: "bench-visit", name: "Visit", triggers: ["visited", "toured"] }],
    entities,
    events,
  };
}
