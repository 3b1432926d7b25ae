import { test } from "node:test";
import assert from "node:assert/strict";
import { findImplicitClaims } from "../../server/src/core/prose/index.js";
import { splitSentences } from "../../server/src/core/prose/sentences.js";
import { roleAnachronism } from "../../server/src/core/checks/role-anachronism.js";
import { entityNotExisting } from "../../server/src/core/checks/entity-not-existing.js";
import { documentChecks } from "../../server/src/core/checks/index.js";
import { parseDocument } from "../../server/src/core/parse/index.js";
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
      offices: [{ title: "premier", of: "soviet-union", start: "1958-03-27", end: "1964-10-14" }],
    },
    { id: "zhou-enlai", name: "Zhou Enlai", aliases: ["Chou En-lai"], start: "1898-03-05", end: "1976-01-08" },
    { id: "liu-shaoqi", name: "Liu Shaoqi", aliases: ["Liu"] },
    { id: "liu-other", name: "Liu Xiao", aliases: ["Liu"] },
    { id: "albania", type: "state", name: "Albania" },
  ],
  titles: [{ id: "premier", name: "Premier" }],
});

const sentences = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

test("sentences: abbreviations and initials do not end a sentence", () => {
  assert.deepEqual(sentences("See p. 12 and cf. Dr. J. Smith on it. U.S. envoys came! Did they? Yes."), [
    "See p. 12 and cf. Dr. J. Smith on it.",
    "U.S. envoys came!",
    "Did they?",
    "Yes.",
  ]);
  assert.deepEqual(sentences("He left (see ch. 2. above) and returned. Then [a. b.] ended."), ["He left (see ch. 2. above) and returned.", "Then [a. b.] ended."]);
});

test("prose: one implicit claim per datable sentence with known names", () => {
  const text = "In April 1961 Khrushchev recalled the fleet. Nobody came. By 1962 Albania was alone. Chou En-lai visited Albania in 1964.";
  const claims = findImplicitClaims(stubDoc(text), facts);
  assert.equal(claims.length, 2);
  assert.equal(claims[0].dateTag.raw, "1961-04");
  assert.equal(text.slice(claims[0].dateTag.span.start, claims[0].dateTag.span.end), "In April 1961");
  assert.deepEqual(claims[0].links.map((l) => l.target), ["nikita-khrushchev"]);
  assert.ok(claims[0].implicit && claims[0].links[0].implicit);
  assert.deepEqual(claims[1].links.map((l) => l.nameUsed), ["Chou En-lai", "Albania"]);
  assert.equal(claims[1].dateTag.date?.edtf, "1964");
});

test("prose: ambiguous short names, code, comments and marked sentences are ignored", () => {
  const text = "In 1961 Liu spoke. In 1961 `Khrushchev` spoke. In 1961 Zhou Enlai spoke. {1961} [[Khrushchev]] spoke in 1961.";
  const doc = stubDoc(text);
  const code = text.indexOf("`Khrushchev`");
  doc.excluded.push({ start: code, end: code + "`Khrushchev`".length });
  const claims = findImplicitClaims(doc, facts);
  assert.deepEqual(
    claims.map((c) => c.links.map((l) => l.target)),
    [["zhou-enlai"]],
  );
});

test("prose: role titles and existence checked on implicit claims, marked implicit", () => {
  const text = "In 1956 Premier Khrushchev visited Albania. In 1955 Stalin met Khrushchev. Khrushchev met Stalin in 1955. In 1961 Hoxha praised the late Stalin.";
  const doc = stubDoc(text);
  const claims = findImplicitClaims(doc, facts);
  const ctx = { doc, facts, source: () => undefined, sourceKeys: () => [] };
  const role = roleAnachronism.check(ctx, claims);
  assert.equal(role.length, 1);
  assert.equal(role[0].implicit, true);
  assert.equal(text.slice(claims[0].links[0].before.span.start, claims[0].links[0].before.span.end), " Premier ");
  const dead = entityNotExisting.check(ctx, claims);
  assert.equal(dead.length, 1);
  assert.match(dead[0].message, /Joseph Stalin died 1953-03-05/);
});

test("prose: diagnostics of implicit claims carry the convert-to-markup fix", () => {
  const text = "In 1956 Premier Khrushchev visited Albania.";
  const doc = stubDoc(text);
  const claims = findImplicitClaims(doc, facts);
  const ctx = { doc, facts, source: () => undefined, sourceKeys: () => [] };
  const found = documentChecks.flatMap((c) => c.check(ctx, claims));
  assert.equal(found.length, 1);
  const convert = found[0].fixes?.find((f) => f.title.startsWith("Mark this sentence"));
  assert.ok(convert && !convert.safe);
  const edits = convert.edits[0].edits.map((e) => e.newText);
  assert.deepEqual(edits, ["{1956} ", "[[nikita-khrushchev|Khrushchev]]", "[[albania|Albania]]"]);
});

test("prose: link addresses and in-text citation keys are neither names nor dates", () => {
  const text =
    "In 1955 the [archive](https://example.org/wiki/Joseph_Stalin) opened. In 1956 Albania was quiet, as @bashkimi:1956-09-19 reports.";
  const claims = findImplicitClaims(parseDocument("file:///p.md", text), facts);
  assert.deepEqual(
    claims.map((c) => [c.dateTag.raw, c.links.map((l) => l.target), c.citations.length]),
    [["1956", ["albania"], 1]],
  );
});
