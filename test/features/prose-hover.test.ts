// Hover also works on what prose mode recognises in unmarked text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { workspace, at } from "./helpers.js";
import { hoverAt } from "../../server/src/core/features/index.js";

test("prose mode: recognised names and natural dates get cards", () => {
  const text = "---\nclio: {prose: true}\n---\n\nIn April 1961 Premier Khrushchev met Zhou Enlai in Moscow.\n";
  const ws = workspace({ "/ws/p.md": text });
  const name = hoverAt(ws, "/ws/p.md", at(text, "Khrushchev", 2));
  assert.match(name?.markdown ?? "", /^\*\*Nikita Khrushchev\*\* · person/);
  const date = hoverAt(ws, "/ws/p.md", at(text, "April", 2));
  assert.match(date?.markdown ?? "", /1–30 April 1961/);
  assert.equal(hoverAt(ws, "/ws/p.md", at(text, "met", 1)), undefined);
});

test("prose off: the same words get no card", () => {
  const text = "---\nclio: {prose: false}\n---\n\nIn April 1961 Premier Khrushchev met Zhou Enlai in Moscow.\n";
  const ws = workspace({ "/ws/p.md": text });
  assert.equal(hoverAt(ws, "/ws/p.md", at(text, "Khrushchev", 2)), undefined);
});

test("entity card links the Wikidata item and marks the name in use", () => {
  const text = "{1970} [[Albania]] stood alone.\n";
  const ws = workspace({ "/ws/p.md": text });
  const card = hoverAt(ws, "/ws/p.md", at(text, "Albania", 2))!.markdown;
  assert.match(card, /\[Q222\]\(https:\/\/www\.wikidata\.org\/wiki\/Q222\)/);
  assert.match(card, /People's Republic of Albania \(official, 11 January 1946 – 27 December 1976\) ← in use at this claim's date/);
  assert.match(card, /People's Socialist Republic of Albania \(official, 28 December 1976 – 29 April 1991\)$/m, "not in use in 1970");
  assert.match(card, /Albanian Kingdom \(official, 1 September 1928 – November 1944\)/, "a month-precision end reads as the month");
  assert.match(card, /\*\*Sources:\*\* (`[^`]+`, ){7}`[^`]+` and \d+ more/, "a long source list is cut");
});
