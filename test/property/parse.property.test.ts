import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDocument, updateDocument } from "../../server/src/core/parse/index.js";
import { offsetAt } from "../../server/src/core/text.js";
import type { ParsedDocument, Range, Span } from "../../server/src/core/types.js";

const PIECES = [
  "{", "}", "[", "]", "[[", "]]", "|", "@", "-@", "`", "``", "```", "~~~", "$", "$$", "<!--", "-->", "\n", "\n\n", "\r\n", "\r",
  " ", "    ", "\t", ".", "!", "?", ";", ",", "p. ", "pp. ", "1961", "-12", "-30", "/", "..", "X", "~", "%", "a", "Hồ Chí Minh", "🇦🇱",
  "---\n", "...\n", "- ", "1. ", "# ", "> ", "\\", "(", ")", "{#id}", "{1961}", "{1961-13}", "[[Albania]]", "[@key, p. 3]", "@key",
  "title: x\n", "clio:\n", "  severity: {a: b}\n", "e.g. ", "U.S. ", "J. ",
];

/** Documents made of Markdown and Clio fragments, so the generator reaches the parser's interesting paths. */
const markupish = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(""));
const anyText = fc.oneof(markupish, fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 200 }));

function checkRange(doc: ParsedDocument, range: Range, span: Span | undefined, what: string): void {
  const last = doc.lineStarts.length - 1;
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line <= last, `${what}: line ${p.line} outside the document`);
    assert.ok(p.character >= 0, `${what}: negative character`);
    const offset = offsetAt(doc.lineStarts, p, doc.text.length);
    assert.ok(offset <= doc.text.length, `${what}: past the end`);
  }
  if (span) {
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= doc.text.length, `${what}: span outside the text`);
    assert.equal(offsetAt(doc.lineStarts, range.start, doc.text.length), span.start, `${what}: range start ≠ span start`);
    assert.equal(offsetAt(doc.lineStarts, range.end, doc.text.length), span.end, `${what}: range end ≠ span end`);
  }
}

function checkDocument(doc: ParsedDocument): void {
  for (const t of doc.dateTags) {
    checkRange(doc, t.range, t.span, "date tag");
    assert.equal(doc.text.slice(t.span.start, t.span.end), `{${t.raw}}`);
    assert.ok((t.date === undefined) !== (t.error === undefined), "a tag has a date or an error");
  }
  for (const l of doc.links) {
    checkRange(doc, l.range, l.span, "link");
    checkRange(doc, l.targetRange, undefined, "link target");
    checkRange(doc, l.nameRange, undefined, "link name");
    assert.ok(l.before.span.end <= l.span.start);
    assert.equal(doc.text.slice(l.before.span.start, l.before.span.end), l.before.text);
  }
  for (const c of doc.citations) {
    checkRange(doc, c.range, c.span, "citation");
    for (const item of c.items) {
      checkRange(doc, item.keyRange, undefined, "citation key");
      assert.ok(c.span.start <= item.span.start && item.span.end <= c.span.end);
    }
  }
  for (const c of doc.claims) {
    checkRange(doc, c.range, c.span, "claim");
    assert.equal(doc.text.slice(c.span.start, c.span.end), c.text);
    assert.ok(c.span.start === c.dateTag.span.start);
    for (const l of c.links) assert.ok(c.span.start <= l.span.start && l.span.end <= c.span.end);
    // Inside the claim, or earlier in the tag's sentence (same paragraph, before the tag).
    const para = doc.paragraphs[c.paragraph];
    for (const x of c.citations) {
      const inside = c.span.start <= x.span.start && x.span.end <= c.span.end;
      const earlier = para !== undefined && para.start <= x.span.start && x.span.end <= c.span.start;
      assert.ok(inside || earlier);
    }
    assert.ok(c.paragraph >= 0 && c.paragraph < doc.paragraphs.length);
  }
  for (const d of doc.diagnostics) checkRange(doc, d.range, undefined, `diagnostic ${d.code}`);
  for (const s of [...doc.excluded, ...doc.paragraphs]) assert.ok(0 <= s.start && s.start <= s.end && s.end <= doc.text.length);
  if (doc.frontMatter) checkRange(doc, doc.frontMatter.range, doc.frontMatter.span, "front matter");
}

test("parseDocument never throws, and every range lies in the document and agrees with its span", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      checkDocument(parseDocument("/p.md", text));
    }),
    { numRuns: 2000 },
  );
});

test("updateDocument equals a full parse after any edit", () => {
  fc.assert(
    fc.property(markupish, fc.nat(), fc.nat(), markupish, (text, a, b, insert) => {
      const start = text.length ? a % (text.length + 1) : 0;
      const end = start + (text.length - start ? b % (text.length - start + 1) : 0);
      const next = text.slice(0, start) + insert + text.slice(end);
      const prev = parseDocument("/p.md", text, 1);
      assert.deepEqual(updateDocument(prev, next, 2), parseDocument("/p.md", next, 2));
    }),
    { numRuns: 1000 },
  );
});

/** Papers of several blocks, so edits land after blocks that updateDocument keeps as they were. */
const paper = fc
  .array(fc.oneof(markupish, fc.constantFrom("{1961} [[A]] met [[B]] [@k, p. 3].", "```\ncode {1961-13}\n```", "    indented", "# Heading {#id}", "- item {1962}", "<!-- note -->", "---")), { minLength: 2, maxLength: 12 })
  .map((blocks) => blocks.join("\n\n"));

const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 6 }), insert: fc.oneof(markupish, fc.constantFrom("\n", "\n\n", "x", "- ", "```", "<!--", "    ")) });

test("a chain of updateDocument calls equals a full parse at every step", () => {
  fc.assert(
    fc.property(paper, fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => {
      let doc = parseDocument("/p.md", text, 0);
      let current = text;
      edits.forEach((e, step) => {
        const start = current.length ? e.at % (current.length + 1) : 0;
        const end = Math.min(current.length, start + e.length);
        current = current.slice(0, start) + e.insert + current.slice(end);
        doc = updateDocument(doc, current, step + 1);
        assert.deepEqual(doc, parseDocument("/p.md", current, step + 1));
      });
    }),
    { numRuns: 1000 },
  );
});

test("parsing is linear: ten times the text takes far less than a hundred times as long", () => {
  const unit = "{1961-12} [[Soviet Union]] broke with [[Albania]] [@tretiak1962, p. 141]. `code {x}` $m$ and @k [p. 3].\n\n";
  // Distinct blocks, so the block cache cannot hide the work.
  const text = (n: number) => Array.from({ length: n }, (_, i) => unit.replace("141", String(i))).join("");
  const small = text(500);
  const large = text(5000);
  const time = (t: string) => {
    const t0 = performance.now();
    parseDocument("/p.md", t);
    return performance.now() - t0;
  };
  const best = (t: string, runs: number) => Math.min(...Array.from({ length: runs }, () => time(t)));
  const ratio = best(large, 3) / Math.max(1, best(small, 5));
  // Linear would be 10×; garbage collection and a busy machine make it noisy, a quadratic parser would be ~100×.
  assert.ok(ratio < 70, `10× the text took ${ratio.toFixed(1)}× as long`);
  // Pathological inputs for backtracking or rescanning stay fast too.
  for (const nasty of ["[".repeat(20000), "[[".repeat(10000), "`".repeat(5000) + "a``b".repeat(2000), "$a ".repeat(10000), "{1".repeat(10000), "@a[".repeat(5000), "<!--".repeat(5000)]) {
    const t = time(nasty);
    assert.ok(t < 2000, `a pathological input took ${t.toFixed(0)} ms`);
  }
});

test("updateDocument equals a full parse on papers longer than its comparison chunks", () => {
  // Tens of kilobytes, so the chunked prefix and suffix comparisons take their fast path.
  const unit = (i: number) => `{1961-${String((i % 12) + 1).padStart(2, "0")}} [[Albania]] met [[China]] [@k${i}, p. ${i}].\r\n\r\n- item ${i}\n\n`;
  const long = Array.from({ length: 600 }, (_, i) => unit(i)).join("");
  fc.assert(
    fc.property(fc.nat(), fc.nat({ max: 40 }), markupish, (a, length, insert) => {
      const start = a % (long.length + 1);
      const next = long.slice(0, start) + insert + long.slice(Math.min(long.length, start + length));
      const prev = parseDocument("/p.md", long, 1);
      assert.deepEqual(updateDocument(prev, next, 2), parseDocument("/p.md", next, 2));
    }),
    { numRuns: 60 },
  );
});
