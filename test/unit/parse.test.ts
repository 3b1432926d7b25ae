import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument, updateDocument } from "../../server/src/core/parse/index.js";
import { lineStarts, offsetAt, positionAt, rangeOf } from "../../server/src/core/text.js";
import { applyEdits, tryApplyEdits } from "../../server/src/core/fixes/apply.js";
import type { ParsedDocument, Span } from "../../server/src/core/types.js";

const URI = "/papers/test.md";
const parse = (text: string) => parseDocument(URI, text);
const slice = (doc: ParsedDocument, span: Span) => doc.text.slice(span.start, span.end);
const claimTexts = (text: string) => parse(text).claims.map((c) => c.text);

// ---------------------------------------------------------------- text.ts

test("text: line starts for \\n, \\r\\n and lone \\r; positions and offsets round trip", () => {
  const text = "ab\ncd\r\nef\rgh";
  const starts = lineStarts(text);
  assert.deepEqual(starts, [0, 3, 7, 10]);
  for (let offset = 0; offset <= text.length; offset++) {
    const pos = positionAt(starts, offset);
    if (text[offset - 1] === "\r" && text[offset] === "\n") continue; // between \r and \n
    assert.equal(offsetAt(starts, pos, text.length), offset);
  }
  assert.deepEqual(positionAt(starts, 8), { line: 2, character: 1 });
  assert.deepEqual(rangeOf(starts, { start: 1, end: 4 }), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
  assert.equal(offsetAt(starts, { line: 9, character: 0 }, text.length), text.length);
});

// ---------------------------------------------------------------- date tags

test("date tags: valid, invalid with a reason, and the whole tag as range", () => {
  const doc = parse("In {1961-12} a thing. Then {1961-13} another.");
  assert.equal(doc.dateTags.length, 2);
  assert.equal(doc.dateTags[0].raw, "1961-12");
  assert.equal(doc.dateTags[0].date?.precision, "month");
  assert.equal(slice(doc, doc.dateTags[1].span), "{1961-13}");
  assert.equal(doc.dateTags[1].date, undefined);
  assert.match(doc.dateTags[1].error ?? "", /month 13/);
  assert.equal(doc.diagnostics.length, 1);
  assert.equal(doc.diagnostics[0].code, "date-invalid");
  assert.equal(doc.diagnostics[0].severity, "error");
  assert.deepEqual(doc.diagnostics[0].range, { start: { line: 0, character: 27 }, end: { line: 0, character: 36 } });
});

test("date tags: attribute blocks, prose in braces and raw TeX are not tags", () => {
  const doc = parse("# Title {#sec:intro}\n\n## Other {-}\n\n[x]{.smallcaps} {.class} {key=value} {some words} \\cite{1961} x{1961}\n");
  assert.equal(doc.dateTags.length, 0);
  assert.equal(doc.diagnostics.length, 0);
});

test("date tags: forms that look like dates open claims", () => {
  const raws = parse("{196X} a. {../1961} b. {/1961} c. {-0043-03-15} d. {XXXX} e. {?2004-06-11} f.").dateTags.map((t) => [t.raw, !!t.date]);
  assert.deepEqual(raws, [["196X", true], ["../1961", true], ["/1961", true], ["-0043-03-15", true], ["XXXX", true], ["?2004-06-11", true]]);
});

test("excluded regions: code spans, fences, indented code, math, comments, front matter", () => {
  const text = [
    "---",
    "note: '{1961-13}'",
    "---",
    "`{1961-13}` and ``a ` {1961-13}`` and $x_{1961-13}$ and $$\\frac{1961-13}{2}$$",
    "<!-- {1961-13} -->",
    "",
    "```js",
    "{1961-13}",
    "```",
    "",
    "    {1961-13}",
    "",
    "<!--",
    "",
    "{1961-13}",
    "-->",
    "",
    "Money $5 and {1961-13} and $6.",
  ].join("\n");
  const doc = parse(text);
  assert.equal(doc.dateTags.length, 1);
  assert.equal(doc.dateTags[0].range.start.line, 17);
  const excluded = doc.excluded.map((s) => slice(doc, s));
  assert.ok(excluded.includes("`{1961-13}`"));
  assert.ok(excluded.includes("``a ` {1961-13}``"));
  assert.ok(excluded.includes("$x_{1961-13}$"));
  assert.ok(excluded.includes("$$\\frac{1961-13}{2}$$"));
  assert.ok(excluded.includes("```js\n{1961-13}\n```"));
  assert.ok(excluded.includes("    {1961-13}"));
  assert.ok(excluded.some((e) => e.startsWith("---\nnote")));
});

test("excluded regions: an unclosed fence runs to the end; an unmatched backtick is literal", () => {
  assert.equal(parse("a `b {1961-13}\n\n```\n{1961-13}\n").dateTags.length, 1);
  assert.equal(parse("~~~~\n{1961-13}\n~~~\n{1961-13}\n").dateTags.length, 0);
});

test("indented lines in a list continue the list item; they are not code", () => {
  const doc = parse("- {1961} first item\n\n    {1962} continued paragraph\n");
  assert.equal(doc.dateTags.length, 2);
});

// ---------------------------------------------------------------- claims

test("claims run to the sentence end, the next tag or the paragraph end", () => {
  assert.deepEqual(claimTexts("{1961} One. Two. {1962} Three {1963} four\n\n{1964} five\nsix"), [
    "{1961} One.",
    "{1962} Three",
    "{1963} four",
    "{1964} five\nsix",
  ]);
});

test("claims do not end at abbreviations, initials, numbers or inside brackets", () => {
  assert.deepEqual(claimTexts("{1961} See p. 4 and cf. vol. 2, e.g. St. Gen. Dr. no. 3. Next."), ["{1961} See p. 4 and cf. vol. 2, e.g. St. Gen. Dr. no. 3."]);
  assert.deepEqual(claimTexts("{1961} J. V. Stalin and the U.S. and U.K. met. Next."), ["{1961} J. V. Stalin and the U.S. and U.K. met."]);
  assert.deepEqual(claimTexts("{1961} A share of 3.5 per cent (roughly. so) [said. he] rose! Next."), ["{1961} A share of 3.5 per cent (roughly. so) [said. he] rose!"]);
  assert.deepEqual(claimTexts("{1961} Was it? Yes."), ["{1961} Was it?"]);
  assert.deepEqual(claimTexts('{1961} He said "no." Then left.'), ['{1961} He said "no."']);
});

test("a citation right after the final stop still belongs to the claim", () => {
  const doc = parse("{1961-12} [[Soviet Union]] broke with [[Albania]]. [@tretiak1962, p. 141] Later text [@b].");
  assert.equal(doc.claims.length, 1);
  assert.equal(doc.claims[0].text, "{1961-12} [[Soviet Union]] broke with [[Albania]]. [@tretiak1962, p. 141]");
  assert.deepEqual(doc.claims[0].citations.map((c) => c.items[0].key), ["tretiak1962"]);
  assert.equal(doc.citations.length, 2);
});

test("an in-text citation earlier in the tag's sentence belongs to the claim, one in an earlier sentence does not", () => {
  const doc = parse("As @a [p. 2] notes. Later @selivanov2017 [p. 3] says {1965} [[Albania]] refused. {1966} [[China]] agreed [@c].");
  assert.deepEqual(doc.claims.map((c) => c.citations.map((x) => x.items[0].key)), [["selivanov2017"], ["c"]]);
  // A trailing citation already taken by the previous claim is not taken again by the next one.
  const trailing = parse("{1961} [[A]] met [[B]]. [@k, p. 1] Then {1962} [[B]] left.");
  assert.deepEqual(trailing.claims.map((c) => c.citations.map((x) => x.items[0].key)), [["k"], []]);
});

test("claims know their links, subject, citations and paragraph", () => {
  const doc = parse("Intro.\n\n{1961} [[A]] met [[B|Bee]] [@k]. [[C]] outside.");
  const claim = doc.claims[0];
  assert.equal(claim.index, 0);
  assert.equal(claim.paragraph, 1);
  assert.deepEqual(claim.links.map((l) => l.target), ["A", "B"]);
  assert.equal(claim.subject?.target, "A");
  assert.equal(claim.citations.length, 1);
  assert.equal(claim.dateTag.raw, "1961");
  assert.equal(doc.links.length, 3);
  assert.deepEqual(doc.paragraphs.map((p) => slice(doc, p)), ["Intro.", "{1961} [[A]] met [[B|Bee]] [@k]. [[C]] outside."]);
});

test("an invalid tag still opens a claim, without a date", () => {
  const doc = parse("{1961-13} [[Albania]] joined [@k].");
  assert.equal(doc.claims.length, 1);
  assert.equal(doc.claims[0].dateTag.date, undefined);
  assert.equal(doc.claims[0].links.length, 1);
});

// ---------------------------------------------------------------- links

test("entity links: target, shown text, name used and their ranges", () => {
  const doc = parse("{1961} [[ Ho Chi Minh | Hồ Chí Minh ]] and [[Zhou\nEnlai]] and [[ ]] and [[a|]].");
  assert.equal(doc.links.length, 3);
  const [ho, zhou, bare] = doc.links;
  assert.equal(ho.target, "Ho Chi Minh");
  assert.equal(ho.shown, "Hồ Chí Minh");
  assert.equal(ho.nameUsed, "Hồ Chí Minh");
  assert.deepEqual(ho.nameRange, ho.shownRange);
  assert.equal(slice(doc, { start: offsetAt(doc.lineStarts, ho.targetRange.start), end: offsetAt(doc.lineStarts, ho.targetRange.end) }), "Ho Chi Minh");
  assert.equal(zhou.target, "Zhou Enlai");
  assert.equal(zhou.range.end.line, 1);
  assert.equal(bare.target, "a");
  assert.equal(bare.shown, undefined);
  assert.equal(bare.nameUsed, "a");
});

test("entity links: the words before a link, up to a clause break or another construct", () => {
  const doc = parse(
    "{1962} In Tirana, Defence Minister [[Beqir Balluku]] met Chairman of the Council of Ministers [[Nikita Khrushchev]] and [[Mao Zedong|Mao]].",
  );
  assert.deepEqual(doc.links.map((l) => l.before.text), ["Defence Minister", "met Chairman of the Council of Ministers", "and"]);
  for (const l of doc.links) assert.equal(slice(doc, l.before.span), l.before.text);
  assert.equal(parse("{1962} [[A]]").links[0].before.text, "");
});

test("UTF-16 columns: astral characters count two units", () => {
  const doc = parse("🇦🇱 Hồ {1961-13} [[Albania]]");
  assert.deepEqual(doc.dateTags[0].range.start, { line: 0, character: 8 });
  assert.deepEqual(doc.links[0].range.start, { line: 0, character: 18 });
});

// ---------------------------------------------------------------- front matter

test("front matter: bibliography, clio settings, and excluded from markup", () => {
  const doc = parse(
    "---\ntitle: T\nbibliography: [a.bib, b.json]\nclio:\n  facts: extra.yaml\n  severity: { claim-uncited: off, date-invalid: warning }\n  prose: false\n---\n{1961} x.\n",
  );
  assert.deepEqual(doc.frontMatter?.bibliography, ["a.bib", "b.json"]);
  assert.deepEqual(doc.frontMatter?.clio, { facts: ["extra.yaml"], severity: { "claim-uncited": "off", "date-invalid": "warning" }, prose: false });
  assert.equal(doc.frontMatter?.data.title, "T");
  assert.equal(doc.diagnostics.length, 0);
  assert.equal(doc.dateTags.length, 1);
  assert.equal(parse("---\nbibliography: refs.bib\n...\n").frontMatter?.bibliography[0], "refs.bib");
});

test("front matter: malformed YAML is a diagnostic at the error, not a throw", () => {
  const doc = parse("---\ntitle: [oops\n---\n{1961} fine.\n");
  assert.equal(doc.diagnostics.length, 1);
  assert.equal(doc.diagnostics[0].code, "front-matter-invalid");
  assert.equal(doc.diagnostics[0].severity, "error");
  assert.ok(doc.diagnostics[0].range.start.line >= 1 && doc.diagnostics[0].range.start.line <= 2);
  assert.equal(doc.claims.length, 1);
  assert.equal(parse("---\n- a list\n---\n").diagnostics[0]?.code, "front-matter-invalid");
});

test("front matter: unknown severities, codes and prose values are warnings", () => {
  const doc = parse("---\nclio:\n  severity: { claim-uncited: loud, nope: error }\n  prose: maybe\n---\n");
  assert.equal(doc.diagnostics.length, 3);
  assert.ok(doc.diagnostics.every((d) => d.code === "front-matter-invalid" && d.severity === "warning"));
  assert.deepEqual(doc.frontMatter?.clio?.severity, {});
});

test("front matter: an unclosed `---` is not front matter", () => {
  const doc = parse("---\n{1961} a claim\n");
  assert.equal(doc.frontMatter, undefined);
  assert.equal(doc.claims.length, 1);
});

// ---------------------------------------------------------------- updateDocument

test("updateDocument equals a full parse, from new text or from editor changes", () => {
  const before = "{1961} [[A]] one [@k].\n\n{1962} [[B]] two.\n\n{1963} three.\n";
  const prev = parse(before);
  const after = "{1961} [[A]] one [@k].\n\n{1962} [[B]] two, changed.\n\nNew block {1964}.\n\n{1963} three.\n";
  assert.deepEqual(updateDocument(prev, after, 2), parseDocument(URI, after, 2));
  const change = { range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, text: ", changed" };
  const next = updateDocument(prev, [change], 3);
  assert.equal(next.text, "{1961} [[A]] one [@k].\n\n{1962} [[B]] two, changed.\n\n{1963} three.\n");
  assert.deepEqual(next, parseDocument(URI, next.text, 3));
  assert.deepEqual(updateDocument(next, [{ text: "whole" }]).text, "whole");
});

// ---------------------------------------------------------------- applyEdits

test("applyEdits applies unordered edits against the original text and rejects overlaps", () => {
  const text = "one two\nthree";
  const at = (line: number, character: number) => ({ line, character });
  assert.equal(
    applyEdits(text, [
      { range: { start: at(1, 0), end: at(1, 5) }, newText: "3" },
      { range: { start: at(0, 0), end: at(0, 3) }, newText: "1" },
      { range: { start: at(0, 7), end: at(0, 7) }, newText: "!" },
    ]),
    "1 two!\n3",
  );
  const overlap = tryApplyEdits(text, [
    { range: { start: at(0, 0), end: at(0, 5) }, newText: "x" },
    { range: { start: at(0, 4), end: at(0, 7) }, newText: "y" },
  ]);
  assert.ok("error" in overlap);
  assert.throws(() => applyEdits(text, [
    { range: { start: at(0, 0), end: at(0, 5) }, newText: "x" },
    { range: { start: at(0, 4), end: at(0, 7) }, newText: "y" },
  ]), /overlap/);
  // Two inserts at one place keep their order.
  assert.equal(applyEdits("ab", [{ range: { start: at(0, 1), end: at(0, 1) }, newText: "1" }, { range: { start: at(0, 1), end: at(0, 1) }, newText: "2" }]), "a12b");
});

test("raw HTML tags and autolinks are not markup; the text between tags is", () => {
  const doc = parse('<span title="{1961-13}">{1961} text</span> and <https://example.org/{1961-13}/@x> and a < b {1962} c > d.');
  assert.deepEqual(doc.dateTags.map((t) => t.raw), ["1961", "1962"]);
  assert.equal(doc.citations.length, 0);
  assert.ok(doc.excluded.some((e) => slice(doc, e) === '<span title="{1961-13}">'));
});

test("front matter: `---` followed by a blank line is a thematic break", () => {
  const doc = parse("---\n\n{1961} a claim.\n\n---\n");
  assert.equal(doc.frontMatter, undefined);
  assert.equal(doc.diagnostics.length, 0);
  assert.equal(doc.claims.length, 1);
});

test("front matter: a YAML alias bomb is refused with a diagnostic, not expanded", () => {
  const levels = ["a: &a [x,x,x,x,x,x,x,x,x]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]"];
  const doc = parse(`---\n${levels.join("\n")}\n---\n{1961} fine.\n`);
  assert.equal(doc.diagnostics[0]?.code, "front-matter-invalid");
  assert.equal(doc.claims.length, 1);
});

test("a comment line inside a paragraph does not end it (fixture markers do not disturb claims)", () => {
  const doc = parse("{1961} [[A]] did a thing\n<!-- ^^^ a marker -->\nand more [@k].\n\n<!-- a comment\n\nover a blank line {1961-13} -->\n");
  assert.equal(doc.claims.length, 1);
  assert.equal(doc.claims[0].citations.length, 1);
  assert.equal(doc.paragraphs.length, 1);
  assert.equal(doc.dateTags.length, 1);
  const spanning = parse("Text\n<!-- open\n\n{1961-13}\n-->\nafter {1962}.\n");
  assert.deepEqual(spanning.dateTags.map((t) => t.raw), ["1962"]);
});

test("a bracket or parenthesis that never closes does not swallow later sentence ends", () => {
  assert.deepEqual(claimTexts("{1961} One (unclosed aside. {1962} Two [sic. Three."), ["{1961} One (unclosed aside.", "{1962} Two [sic."]);
  assert.deepEqual(claimTexts("{1961} Balanced (a. b) [c. d] end. Next."), ["{1961} Balanced (a. b) [c. d] end."]);
});

test("updateDocument takes the blocks before an edit over as they were", () => {
  const prev = parse("{1961} [[A]] one [@k].\n\n{1962} [[B]] two.\n\n{1963} three.\n");
  const next = updateDocument(prev, "{1961} [[A]] one [@k].\n\n{1962} [[B]] two.\n\n{1963} three, edited.\n");
  // The first block is kept (the line after it is untouched); the second ends where the edited line starts, so it is redone.
  assert.equal(next.claims[0], prev.claims[0]);
  assert.notEqual(next.claims[1], prev.claims[1]);
  assert.deepEqual(next.claims[1], prev.claims[1]);
  assert.notEqual(next.claims[2], prev.claims[2]);
  // An edit that turns the line after a paragraph into its continuation is not kept over.
  const merged = updateDocument(parse("{1961} one\n- {1962} item\n"), "{1961} one\nx- {1962} item\n");
  assert.deepEqual(merged, parse("{1961} one\nx- {1962} item\n"));
  assert.equal(merged.paragraphs.length, 1);
});
