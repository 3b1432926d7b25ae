import { test } from "node:test";
import assert from "node:assert/strict";
import type { Claim, ClioDiagnostic, FactIndex, ParsedDocument } from "../../server/src/core/types.js";
import type { CheckContext, DocumentCheck } from "../../server/src/core/checks/api.js";
import { finish } from "../../server/src/core/parse/index.js";
import { entityUnknown } from "../../server/src/core/checks/entity-unknown.js";
import { entityAmbiguous } from "../../server/src/core/checks/entity-ambiguous.js";
import { entityNotExisting } from "../../server/src/core/checks/entity-not-existing.js";
import { roleAnachronism } from "../../server/src/core/checks/role-anachronism.js";
import { nameAnachronism } from "../../server/src/core/checks/name-anachronism.js";
import { eventDateMismatch } from "../../server/src/core/checks/event-date-mismatch.js";
import { citationUnknown } from "../../server/src/core/checks/citation-unknown.js";
import { citationAnachronism } from "../../server/src/core/checks/citation-anachronism.js";
import { citationLocatorOutOfRange } from "../../server/src/core/checks/citation-locator-out-of-range.js";
import { claimUncited } from "../../server/src/core/checks/claim-uncited.js";
import { dateConflict } from "../../server/src/core/checks/date-conflict.js";
import { matchTitleBefore } from "../../server/src/core/checks/roles.js";
import { isReferenceMention } from "../../server/src/core/checks/util.js";
import { stubDoc, stubFacts } from "./checks-stub.js";

const facts = stubFacts({
  entities: [
    { id: "joseph-stalin", name: "Joseph Stalin", aliases: ["Stalin"], start: "1878-12-18", end: "1953-03-05" },
    {
      id: "nikita-khrushchev",
      name: "Nikita Khrushchev",
      aliases: ["Khrushchev"],
      start: "1894-04-15",
      end: "1971-09-11",
      offices: [
        { title: "premier", of: "soviet-union", start: "1958-03-27", end: "1964-10-14" },
        { title: "first-secretary", of: "cpsu", start: "1953-09-07", end: "1964-10-14" },
      ],
    },
    {
      id: "nikolai-bulganin",
      name: "Nikolai Bulganin",
      aliases: ["Bulganin"],
      start: "1895-06-11",
      end: "1975-02-24",
      offices: [{ title: "premier", of: "soviet-union", start: "1955-02-08", end: "1958-03-27" }],
    },
    {
      id: "zhou-enlai",
      name: "Zhou Enlai",
      aliases: ["Chou En-lai", "Zhou"],
      start: "1898-03-05",
      end: "1976-01-08",
      offices: [{ title: "premier", of: "china", start: "1949-10-01", end: "1976-01-08" }],
    },
    { id: "mao-zedong", name: "Mao Zedong", start: "1893-12-26", end: "1976-09-09" },
    { id: "soviet-union", type: "state", name: "Soviet Union", aliases: ["Soviet", "USSR"], start: "1922-12-30", end: "1991-12-26" },
    { id: "china", type: "state", name: "People's Republic of China", aliases: ["China", "Chinese"], start: "1949-10-01" },
    {
      id: "albania",
      type: "state",
      name: "Albania",
      start: "1912-11-28",
      names: [
        { name: "People's Republic of Albania", from: "1946-01-11", to: "1976-12-27" },
        { name: "People's Socialist Republic of Albania", from: "1976-12-28", to: "1991-04-29" },
      ],
    },
    { id: "georgia", type: "state", name: "Georgia" },
    { id: "georgia-us", type: "place", name: "Georgia (U.S. state)", aliases: ["Georgia"] },
  ],
  titles: [
    { id: "premier", name: "Premier", aliases: ["Prime Minister", "Chairman of the Council of Ministers"] },
    { id: "first-secretary", name: "First Secretary" },
    { id: "marshal", name: "Marshal" },
  ],
  eventTypes: [{ id: "visit", triggers: ["visit", "visited", "visits", "toured"] }],
  events: [
    { id: "zhou-visit-1963", type: "visit", name: "Zhou Enlai visits Albania", participants: ["zhou-enlai", "albania"], date: "1963-12-31/1964-01-09" },
    { id: "zhou-visit-1965", type: "visit", name: "Zhou Enlai visits Albania again", participants: ["zhou-enlai", "albania"], date: "1965-03-24/1965-03-28" },
    { id: "khrushchev-visit-1959", type: "visit", name: "Khrushchev visits Albania", participants: ["nikita-khrushchev", "albania"], date: "1959-05-25/1959-06-04" },
  ],
  sources: [
    { key: "tretiak1962", issued: "1962-06", page: "123-143" },
    { key: "biberaj1986", issued: "1986" },
    { key: "bashkimi:1956-09-19", issued: "1956-09-19" },
  ],
});

function ctx(doc: ParsedDocument, f: FactIndex = facts): CheckContext {
  return {
    doc,
    facts: f,
    source: (k) => f.source(k),
    sourceKeys: () => f.sources.keys(),
    workspaceFactFile: "/ws/clio.facts.yaml",
    readFile: () => undefined,
  };
}
function run(check: DocumentCheck, text: string, claims?: (doc: ParsedDocument) => Claim[]): ClioDiagnostic[] {
  const doc = stubDoc(text);
  return check.check(ctx(doc), claims ? claims(doc) : doc.claims);
}
const at = (text: string, d: ClioDiagnostic) => {
  const lines = text.split("\n");
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined);
};

test("role titles: longest title at the end of the before text, case-insensitive", () => {
  const m = matchTitleBefore(facts, "talks with the chairman of the Council of Ministers ", 0);
  assert.equal(m?.titleId, "premier");
  assert.equal(m?.text, "chairman of the Council of Ministers");
  assert.equal(matchTitleBefore(facts, "the First Secretary ", 10)?.span.start, 14);
  assert.equal(matchTitleBefore(facts, "Premiership of ", 0), undefined);
  assert.equal(matchTitleBefore(facts, "the Premier and ", 0), undefined);
  assert.deepEqual(matchTitleBefore(facts, "Soviet Premier ", 0)?.of.map((e) => e.id), ["soviet-union"]);
  // "Chinese" is the first word of no name here but an alias: found directly.
  assert.deepEqual(matchTitleBefore(facts, "the Chinese Premier ", 0)?.of.map((e) => e.id), ["china"]);
  assert.deepEqual(matchTitleBefore(facts, "the premier ", 0)?.of, []);
  assert.equal(matchTitleBefore(facts, "former Premier ", 0)?.qualified, true);
  assert.equal(matchTitleBefore(facts, "the future Soviet Premier ", 0)?.qualified, true);
});

test("role-anachronism: title not held at the date, with tenure and the holder then", () => {
  const text = "{1956} Premier [[Khrushchev]] spoke in Tirana [@tretiak1962, p. 130].";
  const [d, ...rest] = run(roleAnachronism, text);
  assert.equal(rest.length, 0);
  assert.equal(d.severity, "error");
  assert.equal(at(text, d), "Premier");
  assert.match(d.message, /Nikita Khrushchev was Premier of the Soviet Union from 1958-03-27 to 1964-10-14 \[wikidata Q-nikita-khrushchev\]/);
  assert.match(d.message, /in 1956 the office was held by Nikolai Bulganin/);
});

test("role-anachronism: quiet when the office was held, when qualified, and for other states", () => {
  assert.equal(run(roleAnachronism, "{1960} Premier [[Khrushchev]] spoke.").length, 0);
  assert.equal(run(roleAnachronism, "{1956} First Secretary [[Khrushchev]] spoke.").length, 0);
  assert.equal(run(roleAnachronism, "{1956} former Premier [[Bulganin]] spoke.").length, 0);
  assert.equal(run(roleAnachronism, "{1960} Premier [[Zhou Enlai]] spoke.").length, 0);
  // Narrowed by the adjective: Zhou was Premier of China, not of the Soviet Union.
  assert.equal(run(roleAnachronism, "{1960} Soviet Premier [[Zhou Enlai]] spoke.").length, 1);
  // Dates meeting only through uncertainty: a warning.
  const [fuzzy] = run(roleAnachronism, "{1958-03-20~} Premier [[Khrushchev]] spoke.");
  assert.equal(fuzzy?.severity, "warning");
  // Someone the fact base knows no office of: silence rather than a guess.
  assert.equal(run(roleAnachronism, "{1960} Marshal [[Mao Zedong]] spoke.").length, 0);
  // Someone with a career but never this title.
  assert.match(run(roleAnachronism, "{1960} Marshal [[Zhou Enlai]] spoke.")[0].message, /not recorded as Marshal/);
});

test("entity-not-existing: after death and before birth, with the fact's source", () => {
  const text = "{1955} [[Stalin]] received [[Zhou Enlai]].";
  const [d] = run(entityNotExisting, text);
  assert.equal(d.message, "Joseph Stalin died 1953-03-05 [wikidata Q-joseph-stalin]; this claim is dated 1955.");
  assert.equal(at(text, d), "Stalin");
  assert.equal(d.severity, "error");
  const [born] = run(entityNotExisting, "{1890} [[Zhou Enlai]] travelled.");
  assert.match(born.message, /Zhou Enlai was born 1898-03-05/);
  const [state] = run(entityNotExisting, "{1920} [[Soviet Union]] signed.");
  assert.match(state.message, /Soviet Union was founded 1922-12-30/);
});

test("entity-not-existing: references to the dead are not actors", () => {
  assert.equal(run(entityNotExisting, "{1961} Hoxha defended the late [[Stalin]].").length, 0);
  assert.equal(run(entityNotExisting, "{1961} Hoxha defended [[Stalin]]'s legacy.").length, 0);
  assert.equal(run(entityNotExisting, "{1961} Hoxha praised the [[Stalin]] era.").length, 0);
  assert.equal(run(entityNotExisting, "{1961} A statue was raised in memory of [[Stalin]].").length, 0);
  assert.equal(run(entityNotExisting, "{1961} [[Stalin]]'s visit was announced.").length, 1);
});

test("entity-not-existing: uncertain dates near the edge give a warning, overlapping ones nothing", () => {
  assert.equal(run(entityNotExisting, "{1953} [[Stalin]] spoke.").length, 0);
  assert.equal(run(entityNotExisting, "{1953-03/..} [[Stalin]] spoke.").length, 0);
  const [d] = run(entityNotExisting, "{1954~} [[Stalin]] spoke.");
  assert.equal(d?.severity, "warning");
});

test("name-anachronism: a period name outside its period, with the fix to the name then", () => {
  const text = "{1961} [[Albania|People's Socialist Republic of Albania]] protested.";
  const [d] = run(nameAnachronism, text);
  assert.equal(d.severity, "warning");
  assert.equal(at(text, d), "People's Socialist Republic of Albania");
  assert.match(d.message, /from 1976-12-28 to 1991-04-29 \[wikidata Q-albania\]; this claim is dated 1961/);
  assert.equal(d.fixes?.length, 1);
  assert.equal(d.fixes?.[0].edits[0].edits[0].newText, "People's Republic of Albania");
  assert.equal(d.fixes?.[0].safe, true);
  assert.equal(run(nameAnachronism, "{1978} [[Albania|People's Socialist Republic of Albania]] protested.").length, 0);
  assert.equal(run(nameAnachronism, "{1961} [[Albania]] protested.").length, 0);
  assert.equal(run(nameAnachronism, "{1961} [[People's Socialist Republic of Albania]] protested.").length, 1);
});

test("event-date-mismatch: participants plus trigger word, all candidates listed, fix per event", () => {
  const text = "{1962} [[Zhou Enlai]] visited [[Albania]] [@biberaj1986].";
  const [d] = run(eventDateMismatch, text);
  assert.equal(d.severity, "error");
  assert.equal(at(text, d), "{1962}");
  assert.match(d.message, /1963-12-31\/1964-01-09 \[biberaj1986 n\. 20\]/);
  assert.match(d.message, /1965-03-24\/1965-03-28/);
  assert.equal(d.fixes?.length, 2);
  assert.ok(d.fixes?.every((f) => !f.safe));
  assert.equal(d.fixes?.[0].edits[0].edits[0].newText, "1963-12-31/1964-01-09");
  // One of the visits fits: no diagnostic.
  assert.equal(run(eventDateMismatch, "{1964-01} [[Zhou Enlai]] visited [[Albania]].").length, 0);
  // No trigger word: the claim asserts no visit.
  assert.equal(run(eventDateMismatch, "{1962} [[Zhou Enlai]] praised [[Albania]].").length, 0);
  // One participant only.
  assert.equal(run(eventDateMismatch, "{1962} [[Zhou Enlai]] visited Tirana.").length, 0);
  const [one] = run(eventDateMismatch, "{1960} [[Khrushchev]] toured [[Albania]].");
  assert.equal(one.fixes?.[0].safe, true);
});

test("event-date-mismatch: an event as the subject", () => {
  const [d] = run(eventDateMismatch, "{1966} [[khrushchev-visit-1959]] was celebrated.");
  assert.match(d.message, /Khrushchev visits Albania is dated 1959-05-25\/1959-06-04/);
});

test("entity-unknown and entity-ambiguous", () => {
  const text = "{1961} [[Enver Hoxa]] met [[Georgia]] envoys [@tretiak1962].";
  const [u] = run(entityUnknown, text);
  assert.equal(at(text, u), "Enver Hoxa");
  const stub = u.fixes?.find((f) => f.edits[0].create !== undefined);
  assert.equal(stub?.edits[0].create, true);
  assert.match(stub!.edits[0].edits[0].newText, /- id: enver-hoxa\n\s+type: person/);
  assert.match(stub!.edits[0].edits[0].newText, /key: "tretiak1962"/);
  const [typo] = run(entityUnknown, "{1961} [[Khruschev]] spoke.");
  assert.equal(typo.fixes?.[0].title, "Link to Nikita Khrushchev (nikita-khrushchev)");
  assert.equal(typo.fixes?.[0].edits[0].edits[0].newText, "Khrushchev");
  const [a] = run(entityAmbiguous, text);
  assert.equal(at(text, a), "Georgia");
  assert.deepEqual(a.fixes?.map((f) => f.edits[0].edits[0].newText), ["georgia|Georgia", "georgia-us|Georgia"]);
});

test("citation checks: unknown key with a safe closest fix, anachronism, page range", () => {
  const text = "{1964} [[Zhou Enlai]] arrived [@tretiak1926, p. 12]; see [@tretiak1962, p. 150].";
  const [u] = run(citationUnknown, text);
  assert.equal(at(text, u), "tretiak1926");
  assert.equal(u.fixes?.[0].edits[0].edits[0].newText, "tretiak1962");
  assert.equal(u.fixes?.[0].safe, true);
  const [ana] = run(citationAnachronism, text);
  assert.equal(at(text, ana), "tretiak1962");
  assert.match(ana.message, /issued 1962-06 \[tretiak1962\], before this claim's date 1964/);
  const [page] = run(citationLocatorOutOfRange, text);
  assert.equal(at(text, page), "150");
  assert.match(page.message, /runs from p\. 123 to p\. 143/);
  assert.equal(run(citationAnachronism, "{1962-06} Talks [@tretiak1962].").length, 0);
  assert.equal(run(citationAnachronism, "{1956-09-19} Talks [@bashkimi:1956-09-19].").length, 0);
});

test("claim-uncited: explicit claims without a citation, never prose claims", () => {
  assert.equal(run(claimUncited, "{1961} Talks failed.").length, 1);
  assert.equal(run(claimUncited, "{1961} Talks failed [@tretiak1962].").length, 0);
  assert.equal(
    run(claimUncited, "{1961} Talks failed.", (doc) => doc.claims.map((c) => ({ ...c, implicit: true }))).length,
    0,
  );
});

test("date-conflict: two claims asserting the same event with disjoint dates, across documents", () => {
  const a = stubDoc("{1964-01-02} [[Zhou Enlai]] visited [[Albania]].", "file:///a.md");
  const b = stubDoc("{1964-01-08} [[Zhou Enlai]] visited [[Albania]].", "file:///b.md");
  const c = stubDoc("{1964} [[Zhou Enlai]] visited [[Albania]].", "file:///c.md");
  const found = finish(
    dateConflict.checkWorkspace(
      [a, b, c].map((doc) => ({ doc, claims: doc.claims })),
      facts,
    ),
  );
  assert.deepEqual(found.map((d) => d.uri).sort(), ["file:///a.md", "file:///b.md"]);
  assert.equal(found[0].related?.[0].uri, "file:///b.md");
  assert.match(found[0].message, /Zhou Enlai visits Albania/);
  // Overlapping dates: no conflict.
  assert.equal(finish(dateConflict.checkWorkspace([a, c].map((doc) => ({ doc, claims: doc.claims })), facts)).length, 0);
});

test("references: the late X, X's legacy, the X era, in memory of X", () => {
  const t = "the late Stalin and Stalin's death; the Stalin era; in memory of Stalin; Stalin visited";
  const spans = [...t.matchAll(/Stalin/g)].map((m) => ({ start: m.index!, end: m.index! + 6 }));
  assert.deepEqual(spans.map((s) => isReferenceMention(t, s)), [true, true, true, true, false]);
});
