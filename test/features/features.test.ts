// The editor features as pure functions: hover cards, completion, symbols,
// navigation and rename over an in-memory workspace and the bundled facts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { workspace, at } from "./helpers.js";
import { hoverAt, completionsAt, documentSymbols, workspaceSymbols, definitionAt, referencesAt, renameAt, prepareRenameAt } from "../../server/src/core/features/index.js";

const PAPER = `# Test

{1964-01} Premier [[Zhou Enlai]] visited [[Albania]] and met
the leadership in Tirana [@biberaj1986, n. 20].

{1956} Premier [[Khrushchev]] went to [[Yugoslavia]].

{1961-13} [[Chou En-lai]] spoke.
`;

test("hover: entity card with life dates, office at the claim's date, events and sources", () => {
  const ws = workspace({ "/ws/p.md": PAPER });
  const card = hoverAt(ws, "/ws/p.md", at(PAPER, "Zhou Enlai]]", 1))!;
  assert.ok(card);
  assert.match(card.markdown, /\*\*Zhou Enlai\*\* · person/);
  assert.match(card.markdown, /Born 5 March 1898 · died 8 January 1976/);
  assert.match(card.markdown, /Premier of .*China.*← \*\*held at this claim's date\*\*/);
  assert.match(card.markdown, /Foreign Minister of .*China, 1 October 1949 – 11 February 1958$/m, "an office not held then is not marked");
  assert.match(card.markdown, /\*\*Events\*\*/);
  assert.match(card.markdown, /\*\*Sources:\*\* .*`biberaj1986`/);
  assert.deepEqual(card.range.start, at(PAPER, "[[Zhou Enlai]]"));
});

test("hover: nothing on plain words, even on the wrapped line of a claim", () => {
  const ws = workspace({ "/ws/p.md": PAPER });
  assert.equal(hoverAt(ws, "/ws/p.md", at(PAPER, "visited", 2)), undefined);
  assert.equal(hoverAt(ws, "/ws/p.md", at(PAPER, "leadership", 3)), undefined);
  assert.equal(hoverAt(ws, "/ws/p.md", at(PAPER, "[[Zhou Enlai]]", "[[Zhou Enlai]]".length)), undefined, "just after the link");
});

test("hover: date tag in words with events inside it; invalid date explained", () => {
  const ws = workspace({ "/ws/p.md": PAPER });
  const date = hoverAt(ws, "/ws/p.md", at(PAPER, "{1964-01}", 2))!;
  assert.match(date.markdown, /January 1964/);
  assert.match(date.markdown, /In the fact base during this time/);
  const invalid = hoverAt(ws, "/ws/p.md", at(PAPER, "{1961-13}", 2))!;
  assert.match(invalid.markdown, /not a valid date/);
});

test("hover: role title lists holders and who held it at the date", () => {
  const ws = workspace({ "/ws/p.md": PAPER });
  const card = hoverAt(ws, "/ws/p.md", at(PAPER, "Premier [[Khrushchev", 3))!;
  assert.ok(card, "a hover on the title");
  assert.match(card.markdown, /^\*\*Premier of Soviet Union\*\* — office holders/, "kept to the actor's state");
  assert.match(card.markdown, /Nikolai Bulganin, 8 February 1955 – 27 March 1958 ← \*\*at this claim's date\*\*/);
  assert.match(card.markdown, /Nikita Khrushchev, 27 March 1958 – 14 October 1964$/m);
  assert.doesNotMatch(card.markdown, /Zhou Enlai/, "premiers of other states are left out");
  assert.deepEqual(card.range, { start: at(PAPER, "Premier [[Khrushchev"), end: at(PAPER, "Premier [[Khrushchev", 7) });
});

test("hover: citation gives the reference", () => {
  const ws = workspace({ "/ws/p.md": PAPER });
  const card = hoverAt(ws, "/ws/p.md", at(PAPER, "@biberaj1986", 2))!;
  assert.match(card.markdown, /^Biberaj, Elez\. 1986\. \*Albania and China/);
  assert.match(card.markdown, /bundled source/);
});

test("completion: [[Chou offers Zhou Enlai first, with life dates", () => {
  const text = "{1962} [[Chou";
  const ws = workspace({ "/ws/c.md": text });
  const items = completionsAt(ws, "/ws/c.md", at(text, "Chou", 4));
  assert.equal(items[0].label, "Zhou Enlai");
  assert.match(items[0].detail!, /person, 5 March 1898 – 8 January 1976/);
  assert.equal(items[0].insertText, "Zhou Enlai]]");
  assert.deepEqual(items[0].range, { start: at(text, "Chou"), end: at(text, "Chou", 4) });
});

test("completion: inside an existing link the closing brackets are not doubled", () => {
  const text = "{1962} [[Hox]] spoke.";
  const ws = workspace({ "/ws/c.md": text });
  const items = completionsAt(ws, "/ws/c.md", at(text, "Hox", 3));
  const hoxha = items.find((i) => i.label === "Enver Hoxha")!;
  assert.equal(hoxha.insertText, "Enver Hoxha");
});

test("completion: event dates after {, titles before a link, keys after @", () => {
  const text = "{1964-01 x\n\n{1962} Prem [[Zhou Enlai]] said [@tret";
  const ws = workspace({ "/ws/c.md": text });
  const dates = completionsAt(ws, "/ws/c.md", at(text, "{1964-01", 8));
  assert.ok(dates.length > 0 && dates.every((d) => d.label.startsWith("1964-01")), dates.map((d) => d.label).join(", "));
  assert.ok(dates.some((d) => /Zhou Enlai/.test(d.detail ?? "")));
  const titles = completionsAt(ws, "/ws/c.md", at(text, "Prem", 4));
  assert.ok(titles.some((t) => t.label === "Premier"), titles.map((t) => t.label).join(", "));
  const keys = completionsAt(ws, "/ws/c.md", at(text, "@tret", 5));
  assert.deepEqual(keys.map((k) => k.label), ["tretiak1962"]);
});

test("completion: nothing inside code", () => {
  const text = "Some `[[Chou` code";
  const ws = workspace({ "/ws/c.md": text });
  assert.deepEqual(completionsAt(ws, "/ws/c.md", at(text, "Chou", 4)), []);
});

test("document symbols: claims in date order, invalid dates last", () => {
  const ws = workspace({ "/ws/p.md": PAPER });
  const names = documentSymbols(ws, "/ws/p.md").map((s) => s.name);
  assert.deepEqual(names.map((n) => n.split(" ")[0]), ["1956", "1964-01", "1961-13"]);
  assert.match(names[1], /^1964-01 Premier Zhou Enlai visited Albania/);
});

test("workspace symbols, definition and references across documents", () => {
  const other = "{1963} [[Chou Enlai]] again.\n";
  const ws = workspace({ "/ws/p.md": PAPER, "/ws/q.md": other });
  assert.ok(workspaceSymbols(ws, "zhou").some((s) => s.name === "Zhou Enlai"));
  const def = definitionAt(ws, "/ws/p.md", at(PAPER, "Zhou Enlai]]", 1));
  assert.equal(def.length, 1);
  assert.match(def[0].uri, /people\.yaml$/);
  const refs = referencesAt(ws, "/ws/p.md", at(PAPER, "Zhou Enlai]]", 1));
  assert.deepEqual(refs.map((r) => r.uri).sort(), ["/ws/p.md", "/ws/p.md", "/ws/q.md"]);
});

test("rename: same entity only", () => {
  const ws = workspace({ "/ws/p.md": PAPER });
  const pos = at(PAPER, "Chou En-lai", 2);
  assert.deepEqual(prepareRenameAt(ws, "/ws/p.md", pos), { range: { start: at(PAPER, "Chou En-lai"), end: at(PAPER, "Chou En-lai", 11) }, placeholder: "Chou En-lai" });
  const ok = renameAt(ws, "/ws/p.md", pos, "Zhou Enlai");
  assert.ok("edits" in ok);
  assert.equal(ok.edits[0].edits.length, 1, "the link already named Zhou Enlai stays");
  const bad = renameAt(ws, "/ws/p.md", pos, "Enver Hoxha");
  assert.ok("error" in bad && /not a name of Zhou Enlai/.test(bad.error));
  assert.ok("error" in prepareRenameAt(ws, "/ws/p.md", at(PAPER, "visited", 1)));
});
