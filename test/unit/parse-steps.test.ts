// The stepped parse (parseInSteps) must give exactly parseDocument's result and
// must really pause: no phase may scan, copy or compare a whole long document,
// or one long block, in a single step (issue 7). Steps are counted, never timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDocument, parseInSteps, paragraphSlices, updateDocument } from "../../server/src/core/parse/index.js";
import { scanBlocks, scanBlocksInSteps } from "../../server/src/core/parse/blocks.js";
import { lineStarts } from "../../server/src/core/text.js";
import { generatePaper } from "../helpers/generate-paper.js";
import type { ParsedDocument } from "../../server/src/core/types.js";

/** Runs a stepped parse to its end, counting its steps. */
function stepped(text: string, prev?: ParsedDocument, version = 1): { doc: ParsedDocument; steps: number } {
  const steps = parseInSteps("/p.md", text, version, prev);
  for (let count = 1; ; count++) {
    const next = steps.next();
    if (next.done) return { doc: next.value, steps: count };
  }
}

test("a stepped parse of a long generated paper equals parseDocument, at open and after edits anywhere", () => {
  const { text } = generatePaper(1000);
  const open = stepped(text);
  assert.deepEqual(open.doc, parseDocument("/p.md", text, 1));
  assert.ok(open.steps > 10, `only ${open.steps} steps`);
  let prev = open.doc;
  let current = text;
  const edits: Array<[number, number, string]> = [
    [0.9, 0, "{1961-13} "],
    [0.1, 5, "\n\n"],
    [0.5, 0, "\n```\n"],
    [0.5, 0, "```\n"],
    [0.99, 40, ""],
    [0.3, 0, "    indented\n\n"],
    [0.002, 0, "x"],
  ];
  for (const [where, remove, insert] of edits) {
    const at = Math.floor(current.length * where);
    current = current.slice(0, at) + insert + current.slice(at + remove);
    const next = stepped(current, prev, 2);
    assert.deepEqual(next.doc, parseDocument("/p.md", current, 2), `edit at ${where}`);
    prev = next.doc;
  }
});

test("one long block is scanned in steps: the steps grow with its length", () => {
  const kinds: Record<string, (lines: number) => string> = {
    "an unclosed fence": (n) => "```\n" + "{1961} code\n".repeat(n),
    "an unclosed comment": (n) => "<!--\n" + "{1961} note\n".repeat(n),
    "indented code": (n) => "    {1961} code\n".repeat(n),
    "a paragraph of many lines": (n) => "word\n".repeat(n),
    "blank lines": (n) => "\n".repeat(n),
  };
  for (const [kind, make] of Object.entries(kinds)) {
    const short = stepped(make(40_000));
    const long = stepped(make(80_000));
    assert.deepEqual(long.doc, parseDocument("/p.md", make(80_000), 1), kind);
    assert.ok(short.steps >= 10 && long.steps > short.steps + 10, `${kind}: ${short.steps} then ${long.steps} steps`);
  }
});

test("an edit at the end of a long paper is taken in steps: comparing and copying the rest grows with the paper", () => {
  const paragraph = "{1961} [[Albania]] and [[China]] met [@k, p. 1]. Nothing more is known.\n\n";
  const stepsForEditAtEnd = (count: number) => {
    const text = paragraph.repeat(count);
    const prev = parseDocument("/p.md", text, 1);
    const edited = text + "{1962} one more.\n";
    const { doc, steps } = stepped(edited, prev, 2);
    // Equality with a full parse is the first test's business; here only that the result is whole.
    assert.equal(doc.claims.length, count + 1);
    return steps;
  };
  const short = stepsForEditAtEnd(10_000);
  const long = stepsForEditAtEnd(20_000);
  assert.ok(long > short + 4, `${short} then ${long} steps`);
});

test("an edit keeps the parse of every unchanged paragraph: moved ones found by position, reordered ones by text", () => {
  const paragraphs = Array.from({ length: 300 }, (_, i) => `{${1900 + (i % 100)}} [[Albania]] paragraph ${i} [@k, p. ${i}].`);
  const text = paragraphs.join("\n\n") + "\n";
  const prev = parseDocument("/p.md", text, 1);
  const keys = (doc: ParsedDocument) => paragraphSlices(doc)!.map((s) => s.key);
  // An insertion near the start: every later paragraph only moved.
  const inserted = text.replace("paragraph 3 ", "paragraph 3 longer ");
  const afterInsert = updateDocument(prev, inserted, 2);
  const kept = keys(afterInsert).filter((k, i) => k === keys(prev)[i]).length;
  assert.equal(kept, 299, "all but the edited paragraph keep their parse");
  // Two neighbours swapped: both keep their parse, found by their text.
  const swapped = text.replace(`${paragraphs[150]}\n\n${paragraphs[151]}`, `${paragraphs[151]}\n\n${paragraphs[150]}`);
  const afterSwap = updateDocument(prev, swapped, 3);
  assert.deepEqual(afterSwap, parseDocument("/p.md", swapped, 3));
  assert.equal(keys(afterSwap)[150], keys(prev)[151]);
  assert.equal(keys(afterSwap)[151], keys(prev)[150]);
});

const PIECES = ["```", "~~~", "`", "<!--", "-->", "\n", "\n\n", "\r\n", "\r", " ", "    ", "\t", "- ", "1. ", "2) ", "# ", "|", ":::", "a", "{1961}"];
const markup = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join(""));

test("scanning resumed at any block start with the state recorded there gives the same later blocks", () => {
  fc.assert(
    fc.property(markup, fc.nat(), (text, pick) => {
      const blocks = scanBlocks(text, 0);
      const stepwise = [...scanBlocksInSteps(text, 0)].filter((b) => b !== undefined);
      assert.deepEqual(stepwise, blocks);
      if (blocks.length === 0) return;
      const from = pick % blocks.length;
      assert.deepEqual(scanBlocks(text, blocks[from].start, blocks[from].state), blocks.slice(from));
    }),
    { numRuns: 3000 },
  );
});

test("line starts found in steps, at open and after an edit, equal a full count", () => {
  fc.assert(
    fc.property(markup, markup, fc.nat(), fc.nat({ max: 6 }), (before, insert, at, remove) => {
      const prev = stepped(before).doc;
      assert.deepEqual(prev.lineStarts, lineStarts(before));
      const i = at % (before.length + 1);
      const after = before.slice(0, i) + insert + before.slice(i + remove);
      assert.deepEqual(stepped(after, prev, 2).doc.lineStarts, lineStarts(after));
    }),
    { numRuns: 3000 },
  );
});
