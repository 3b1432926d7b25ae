// Loader and query tests on small in-test fact files (not the bundled data).
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFactIndex, normalizeName } from "../../server/src/core/facts/index.js";
import { parseEdtf } from "../../server/src/core/dates/index.js";
import type { ClioDate, FactFileText } from "../../server/src/core/types.js";

function d(edtf: string): ClioDate {
  const r = parseEdtf(edtf);
  if (!("date" in r)) throw new Error(r.error);
  return r.date;
}

const BASE = `
sources:
  - key: wikidata
    type: dataset
    title: Wikidata
  - key: tretiak1962
    type: article-journal
    title: A study of an alliance
    issued: "1962-06"
    page: "123–143"
titles:
  - id: premier
    name: Premier
    aliases: [Prime Minister, Chairman of the Council of Ministers]
  - id: first-secretary
    name: First Secretary
eventTypes:
  - id: visit
    name: Visit
    triggers: [visit, Visited, toured]
entities:
  - id: zhou-enlai
    type: person
    name: Zhou Enlai
    aliases: [Chou En-lai]
    existence: { start: "1898-03-05", end: "1976-01-08" }
    sources: [{ key: wikidata, locator: Q17410 }]
    offices:
      - title: premier
        of: china
        start: "1949-10-01"
        sources: [{ key: wikidata, locator: Q17410 }]
  - id: hua-guofeng
    type: person
    name: Hua Guofeng
    existence: { start: "1921-02-16", end: "2008-08-20" }
    sources: [{ key: wikidata, locator: Q191077 }]
    offices:
      - title: premier
        of: china
        start: "1976-02-02"
        end: "1980-09-10"
        sources: [{ key: wikidata, locator: Q191077 }]
  - id: ho-chi-minh
    type: person
    name: Hồ Chí Minh
    existence: { start: "1890-05-19", end: "1969-09-02" }
    sources: [{ key: wikidata, locator: Q36014 }]
  - id: china
    type: state
    name: People's Republic of China
    aliases: [China, PRC]
    description: The state founded in 1949.
    existence: { start: "1949-10-01" }
    sources: [{ key: wikidata, locator: Q148 }]
  - id: republic-of-china
    type: state
    name: Republic of China
    aliases: [China]
    description: The state founded in 1912.
    existence: { start: "1912-01-01" }
    sources: [{ key: wikidata, locator: Q865 }]
  - id: albania
    type: state
    name: Albania
    existence: { start: "1912-11-28" }
    sources: [{ key: wikidata, locator: Q222 }]
    names:
      - name: People's Republic of Albania
        kind: official
        from: "1946-01-11"
        to: "1976-12-27"
        sources: [{ key: wikidata, locator: Q222 }]
      - name: People's Socialist Republic of Albania
        kind: official
        from: "1976-12-28"
        to: "1991-04-29"
        sources: [{ key: wikidata, locator: Q222 }]
events:
  - id: zhou-visit-1964
    type: visit
    name: Zhou Enlai visits Albania
    participants: [zhou-enlai, albania]
    date: "1963-12-31/1964-01-09"
    sources: [{ key: tretiak1962, locator: "p. 130" }]
  - id: zhou-visit-1966
    type: visit
    name: Zhou Enlai visits Albania again
    participants: [zhou-enlai, albania]
    date: "1966-06-24/1966-06-28"
    sources: [{ key: wikidata, locator: Q17410 }]
  - id: long-event
    type: visit
    name: A long stay
    participants: [ho-chi-minh, china]
    date: "1950/1955"
    sources: [{ key: wikidata, locator: Q36014 }]
`;

const bundled = (text: string, file = "bundled.yaml"): FactFileText => ({ file, text, origin: "bundled" });
const workspace = (text: string, file = "/ws/clio.facts.yaml"): FactFileText => ({ file, text, origin: "workspace" });

const index = buildFactIndex([bundled(BASE)]);

test("a well-formed base loads without problems", () => {
  assert.deepEqual(index.problems.map((p) => p.message), []);
  assert.equal(index.entities.size, 6);
  assert.equal(index.events.size, 3);
});

test("normalizeName folds case, diacritics, hyphens and apostrophes", () => {
  assert.equal(normalizeName("Hồ Chí Minh"), "ho chi minh");
  assert.equal(normalizeName("Chou En-lai"), "chou en lai");
  assert.equal(normalizeName("People’s  Republic"), "peoples republic");
  assert.equal(normalizeName("Đặng"), "dang");
});

test("lookup by id, name, alias, diacritic-free form and Wade–Giles alias", () => {
  const ids = (q: string) => index.lookup(q).map((e) => e.id);
  assert.deepEqual(ids("zhou-enlai"), ["zhou-enlai"]);
  assert.deepEqual(ids("ZHOU ENLAI"), ["zhou-enlai"]);
  assert.deepEqual(ids("Chou En-lai"), ["zhou-enlai"]);
  assert.deepEqual(ids("chou en lai"), ["zhou-enlai"]);
  assert.deepEqual(ids("Ho Chi Minh"), ["ho-chi-minh"]);
  assert.deepEqual(ids("Hồ Chí Minh"), ["ho-chi-minh"]);
  assert.deepEqual(ids("Peoples Republic of Albania"), ["albania"]);
  assert.deepEqual(ids("Nobody"), []);
});

test("lookup reports ambiguity as several candidates; an exact id picks one", () => {
  assert.deepEqual(index.lookup("China").map((e) => e.id).sort(), ["china", "republic-of-china"]);
  assert.deepEqual(index.lookup("PRC").map((e) => e.id), ["china"]);
  assert.deepEqual(index.lookup("china").map((e) => e.id), ["china"]);
  assert.deepEqual(index.lookup("republic-of-china").map((e) => e.id), ["republic-of-china"]);
});

test("allNames lists every name form with its entity ids", () => {
  const names = new Map(index.allNames());
  assert.deepEqual(names.get("Chou En-lai"), ["zhou-enlai"]);
  assert.deepEqual(names.get("China")?.sort(), ["china", "republic-of-china"]);
  assert.deepEqual(names.get("People's Socialist Republic of Albania"), ["albania"]);
  assert.equal(names.get("zhou-enlai"), undefined, "ids are not name forms");
});

test("existsAt compares the date with the life span", () => {
  assert.equal(index.existsAt("zhou-enlai", d("1960")), "overlap");
  assert.equal(index.existsAt("zhou-enlai", d("1977")), "disjoint");
  assert.equal(index.existsAt("zhou-enlai", d("1976~")), "overlap");
  assert.equal(index.existsAt("ho-chi-minh", d("1969-09-03")), "disjoint");
  assert.equal(index.existsAt("china", d("1948")), "disjoint");
  assert.equal(index.existsAt("china", d("2020")), "overlap");
});

test("officesAt: an open tenure ends with the holder's death", () => {
  assert.deepEqual(index.officesAt("zhou-enlai", d("1964-01")).map((o) => [o.office.title, o.overlap]), [["premier", "overlap"]]);
  assert.deepEqual(index.officesAt("zhou-enlai", d("1948")), []);
  assert.deepEqual(index.officesAt("zhou-enlai", d("1977")), []);
});

test("holdersAt finds who held a title at a date, optionally of a state", () => {
  assert.deepEqual(index.holdersAt("premier", d("1964"), "china").map((h) => h.entity.id), ["zhou-enlai"]);
  assert.deepEqual(index.holdersAt("premier", d("1978")).map((h) => h.entity.id), ["hua-guofeng"]);
  assert.deepEqual(index.holdersAt("premier", d("1964"), "albania"), []);
  assert.deepEqual(index.holdersAt("premier", d("1976")).map((h) => h.entity.id).sort(), ["hua-guofeng", "zhou-enlai"]);
});

test("title lookup by name or alias, normalised", () => {
  assert.equal(index.title("prime minister")?.id, "premier");
  assert.equal(index.title("Premier")?.id, "premier");
  assert.equal(index.title("King"), undefined);
  assert.equal(new Map(index.allTitleNames()).get("Chairman of the Council of Ministers"), "premier");
});

test("namesAt and namePeriodsFor give the name periods", () => {
  assert.deepEqual(index.namesAt("albania", d("1960")).map((n) => n.name), ["People's Republic of Albania"]);
  assert.deepEqual(index.namesAt("albania", d("1980")).map((n) => n.name), ["People's Socialist Republic of Albania"]);
  assert.deepEqual(index.namePeriodsFor("albania", "peoples socialist republic of albania").map((n) => n.from), ["1976-12-28"]);
  assert.deepEqual(index.namePeriodsFor("albania", "Albania"), []);
});

test("eventsWith intersects participants; eventsDuring finds overlapping events", () => {
  assert.deepEqual(index.eventsWith(["zhou-enlai", "albania"]).map((e) => e.id), ["zhou-visit-1964", "zhou-visit-1966"]);
  assert.deepEqual(index.eventsWith(["zhou-enlai", "china"]), []);
  assert.deepEqual(index.eventsWith([]), []);
  assert.deepEqual(index.eventsDuring(d("1964-01-05")).map((e) => e.id), ["zhou-visit-1964"]);
  assert.deepEqual(index.eventsDuring(d("1953")).map((e) => e.id), ["long-event"]);
  assert.deepEqual(index.eventsDuring(d("1966-06")).map((e) => e.id), ["zhou-visit-1966"]);
  assert.deepEqual(index.eventsDuring(d("1970")), []);
});

test("eventsDuring agrees with a linear scan on many events", () => {
  const lines = ["sources: [{key: s, type: book}]", "eventTypes: [{id: visit, name: Visit}]", "entities: [{id: a, type: person, name: A, sources: [{key: s}]}]", "events:"];
  for (let i = 0; i < 400; i++) {
    const y = 1900 + (i % 97);
    const end = y + (i % 7 === 0 ? 12 : 0);
    lines.push(`  - {id: e${i}, type: visit, name: E${i}, participants: [a], date: "${y}-0${1 + (i % 9)}/${end}-12", sources: [{key: s}]}`);
  }
  const big = buildFactIndex([bundled(lines.join("\n"))]);
  assert.deepEqual(big.problems, []);
  for (const q of ["1900", "1950-05", "1996", "1920-01/1921-01", "2010"]) {
    const date = d(q);
    const expected = [...big.events.values()].filter((e) => e.parsedDate!.earliest <= date.latest && date.earliest <= e.parsedDate!.latest).map((e) => e.id).sort();
    assert.deepEqual(big.eventsDuring(date).map((e) => e.id).sort(), expected, q);
  }
});

test("trigger words map to event types, case-insensitively", () => {
  assert.deepEqual(index.eventTypesForWord("Visited").map((t) => t.id), ["visit"]);
  assert.deepEqual(index.eventTypesForWord("signed"), []);
  assert.deepEqual(new Map(index.allTriggers()).get("toured"), ["visit"]);
});

test("sources carry a parsed issue date and page range", () => {
  const s = index.source("tretiak1962")!;
  assert.equal(s.issuedDate?.earliest, d("1962-06-01").earliest);
  assert.deepEqual(s.pageRange, [123, 143]);
  assert.equal(s.from, "bundled");
  assert.equal(index.source("nope"), undefined);
});

test("origins point at the item's YAML node", () => {
  const e = index.entities.get("hua-guofeng")!;
  const line = BASE.split("\n").findIndex((l) => l.includes("id: hua-guofeng"));
  assert.equal(e.origin.file, "bundled.yaml");
  assert.equal(e.origin.range?.start.line, line);
  const ev = index.events.get("zhou-visit-1966")!;
  assert.equal(ev.origin.range?.start.line, BASE.split("\n").findIndex((l) => l.includes("id: zhou-visit-1966")));
});

test("a later file replaces an earlier item with the same id entirely", () => {
  const merged = buildFactIndex([
    bundled(BASE),
    workspace(`
entities:
  - id: zhou-enlai
    type: person
    name: Zhou Enlai
    existence: { start: "1898-03-05", end: "1976-01-09" }
    sources: [{ key: wikidata, locator: Q17410 }]
sources:
  - key: tretiak1962
    type: book
    title: Replaced
`),
  ]);
  assert.deepEqual(merged.problems.map((p) => p.message), []);
  const zhou = merged.entities.get("zhou-enlai")!;
  assert.equal(zhou.existence?.end, "1976-01-09");
  assert.deepEqual(zhou.offices, [], "no field merging: the bundled offices are gone");
  assert.deepEqual(merged.lookup("Chou En-lai"), [], "the old aliases are gone too");
  assert.equal(zhou.origin.file, "/ws/clio.facts.yaml");
  assert.equal(merged.source("tretiak1962")?.title, "Replaced");
  assert.equal(merged.source("tretiak1962")?.from, "facts");
});

test("conflicts are kept with their alternatives", () => {
  const withConflict = buildFactIndex([
    bundled(BASE),
    workspace(`
events:
  - id: zhou-visit-1964
    type: visit
    name: Zhou Enlai visits Albania
    participants: [zhou-enlai, albania]
    date: "1963-12-31/1964-01-09"
    sources: [{ key: tretiak1962, locator: "p. 130" }]
    conflict: true
    alternatives:
      - date: "1964-01"
        sources: [{ key: wikidata, locator: Q17410 }]
conflicts:
  - id: zhou-visit-days
    about: "event:zhou-visit-1964.date"
    note: The works give different days.
    sources: [{ key: tretiak1962, locator: "p. 130" }, { key: wikidata, locator: Q17410 }]
`),
  ]);
  assert.deepEqual(withConflict.problems.map((p) => p.message), []);
  const ev = withConflict.events.get("zhou-visit-1964")!;
  assert.equal(ev.conflict, true);
  assert.deepEqual(ev.alternatives?.map((a) => a.date), ["1964-01"]);
  assert.deepEqual(withConflict.conflicts.map((c) => c.id), ["zhou-visit-days"]);
});

test("provenance can cite a bibliography loaded with the fact files", () => {
  const idx = buildFactIndex([
    bundled(BASE),
    { file: "/ws/refs.bib", text: "@book{smith2001, title={A Book}, author={Smith, Ann}, year=2001}", origin: "workspace" },
    workspace(`entities:\n  - {id: x, type: person, name: X, sources: [{key: smith2001, locator: "p. 3"}]}`),
  ]);
  assert.deepEqual(idx.problems.map((p) => p.message), []);
  assert.equal(idx.source("smith2001")?.from, "bibliography");
});

test("an empty fact file is valid", () => {
  assert.deepEqual(buildFactIndex([workspace(""), workspace("# only a comment\n")]).problems, []);
});

test("through the workspace facade: clio.facts.yaml, then .clio/*.yaml in name order, override the bundled base", async () => {
  const { ClioWorkspace } = await import("../../server/src/core/workspace.js");
  const files: Record<string, string> = {
    "/ws/clio.facts.yaml": `entities:\n  - { id: hua-guofeng, type: person, name: Hua Guofeng, aliases: [Hua], sources: [{ key: wikidata, locator: Q191077 }] }\n`,
    "/ws/.clio/a.yaml": `entities:\n  - { id: hua-guofeng, type: person, name: Hua Guofeng, aliases: [Chairman Hua], sources: [{ key: wikidata, locator: Q191077 }] }\n`,
    "/ws/.clio/b.yaml": `entities:\n  - { id: new-person, type: person, name: New Person }\n`,
  };
  const ws = new ClioWorkspace({
    root: "/ws",
    bundledFacts: [bundled(BASE)],
    readFile: (f) => files[f],
    listDir: (dir) => (dir === "/ws/.clio" ? ["b.yaml", "a.yaml", "notes.txt"] : []),
  });
  const facts = ws.facts();
  assert.deepEqual(facts.entities.get("hua-guofeng")?.aliases, ["Chairman Hua"]);
  assert.equal(facts.entities.get("hua-guofeng")?.origin.file, "/ws/.clio/a.yaml");
  assert.deepEqual(facts.lookup("Hua"), []);
  assert.ok(facts.entities.has("zhou-enlai"));
  const diags = ws.factDiagnostics();
  assert.deepEqual(diags.map((d) => [d.uri, d.severity, d.range.start.line]), [["/ws/.clio/b.yaml", "warning", 1]]);
});
