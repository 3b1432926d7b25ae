// The Wikidata importer on fixture files we wrote in Wikidata's JSON shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { importWikidata, parseWikidataEntities, wikidataTimeToEdtf } from "../../server/src/core/facts/wikidata.js";
import { buildFactIndex } from "../../server/src/core/facts/index.js";
import { parseEdtf } from "../../server/src/core/dates/index.js";

const DIR = join(import.meta.dirname, "../fixtures/facts-files");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const WIKIDATA_SOURCE = { file: "wd.yaml", text: "sources: [{key: wikidata, type: dataset, title: Wikidata}]", origin: "bundled" as const };
const time = (t: string, precision: number) => ({ time: t, precision });

test("time values become EDTF by precision; BCE years shift to astronomical numbering", () => {
  assert.equal(wikidataTimeToEdtf(time("+1898-03-05T00:00:00Z", 11)), "1898-03-05");
  assert.equal(wikidataTimeToEdtf(time("+1958-02-00T00:00:00Z", 10)), "1958-02");
  assert.equal(wikidataTimeToEdtf(time("+1949-00-00T00:00:00Z", 9)), "1949");
  assert.equal(wikidataTimeToEdtf(time("+1949-10-01T00:00:00Z", 9)), "1949");
  assert.equal(wikidataTimeToEdtf(time("+1950-00-00T00:00:00Z", 8)), "195X");
  assert.equal(wikidataTimeToEdtf(time("+1901-00-00T00:00:00Z", 7)), "19XX");
  assert.equal(wikidataTimeToEdtf(time("-0044-03-15T00:00:00Z", 11)), "-0043-03-15");
  assert.equal(wikidataTimeToEdtf(time("+1900-00-00T00:00:00Z", 6)), undefined);
  assert.equal(wikidataTimeToEdtf({ nope: 1 }), undefined);
});

test("Special:EntityData document: labels, aliases, life dates, offices with qualifiers", () => {
  const r = importWikidata(read("wikidata-entitydata.json"));
  assert.equal(r.error, undefined);
  const file = parse(r.yaml) as { titles: Array<{ id: string; name: string }>; entities: Array<Record<string, any>> };
  assert.equal(file.entities.length, 1, "the position item only names the title");
  const zhou = file.entities[0];
  assert.equal(zhou.id, "zhou-enlai");
  assert.equal(zhou.type, "person");
  assert.equal(zhou.name, "Zhou Enlai");
  assert.deepEqual(zhou.aliases.sort(), ["Chou En-lai", "周恩来"]);
  assert.equal(zhou.wikidata, "Q17410");
  assert.deepEqual(zhou.existence, { start: "1898-03-05", end: "1976-01-08" });
  assert.deepEqual(zhou.sources, [{ key: "wikidata", locator: "Q17410" }]);
  assert.deepEqual(zhou.offices, [
    { title: "premier-of-the-peoples-republic-of-china", start: "1949-10-01", end: "1976-01-08", sources: [{ key: "wikidata", locator: "Q17410" }] },
    { title: "Q9999999", start: "1949", end: "1958-02", sources: [{ key: "wikidata", locator: "Q17410" }] },
  ]);
  assert.deepEqual(file.titles, [
    { id: "premier-of-the-peoples-republic-of-china", name: "Premier of the People's Republic of China" },
    { id: "Q9999999", name: "Q9999999" },
  ]);
  const idx = buildFactIndex([WIKIDATA_SOURCE, { file: "imported.yaml", text: r.yaml, origin: "workspace" }]);
  assert.deepEqual(idx.problems.map((p) => p.message), []);
  assert.equal(idx.lookup("Chou En-lai")[0]?.id, "zhou-enlai");
  const d = parseEdtf("1950");
  assert.ok("date" in d);
  assert.deepEqual(idx.holdersAt("premier-of-the-peoples-republic-of-china", d.date).map((h) => h.entity.id), ["zhou-enlai"]);
});

test("dump file: official names with validity, inception, BCE dates, unlabeled items skipped", () => {
  const r = importWikidata(read("wikidata-dump.json"));
  assert.equal(r.error, undefined);
  assert.ok(r.warnings.some((w) => w.includes("Q123456789")), r.warnings.join("\n"));
  const file = parse(r.yaml) as { entities: Array<Record<string, any>> };
  assert.deepEqual(file.entities.map((e) => e.id), ["albania", "julius-caesar"]);
  const [albania, caesar] = file.entities;
  assert.equal(albania.type, "state");
  assert.deepEqual(albania.aliases, ["Shqipëria"]);
  assert.deepEqual(albania.existence, { start: "1912-11-28" });
  assert.deepEqual(albania.names, [
    { name: "People's Republic of Albania", kind: "official", from: "1946-01-11", to: "1976-12-27", sources: [{ key: "wikidata", locator: "Q222" }] },
    { name: "Republika Popullore Socialiste e Shqipërisë", kind: "official", from: "1976-12-28", to: "1991-04-29", sources: [{ key: "wikidata", locator: "Q222" }] },
  ]);
  assert.deepEqual(caesar.existence, { start: "-0099-07-12", end: "-0043-03-15" });
  const idx = buildFactIndex([WIKIDATA_SOURCE, { file: "imported.yaml", text: r.yaml, origin: "workspace" }]);
  assert.deepEqual(idx.problems.map((p) => p.message), []);
});

test("dump lines without the surrounding brackets, with trailing commas", () => {
  const lines = read("wikidata-dump.json").split("\n").filter((l) => l.startsWith("{"));
  const { entities, error } = parseWikidataEntities(lines.join("\n"));
  assert.equal(error, undefined);
  assert.deepEqual(entities.map((e) => e.id), ["Q222", "Q1048", "Q123456789"]);
});

test("unreadable input is an error, not a throw", () => {
  assert.match(importWikidata("").error ?? "", /empty/);
  assert.match(importWikidata("{not json\n{also not").error ?? "", /line 1/);
  const partial = importWikidata('{"id":"Q1","labels":{"en":{"value":"One"}},"claims":{}}\n{broken');
  assert.equal(partial.entities, 1);
  assert.ok(partial.warnings.some((w) => w.includes("line 2")));
});
