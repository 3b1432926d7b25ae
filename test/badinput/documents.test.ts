// Bad input: huge and pathological documents go through the whole workspace without
// exceptions, with every range inside the document and the text unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { memoryWorkspace, assertSane } from "./helpers.js";
import { generateManuscript, loadBundledVocabulary } from "../../bench/gen.js";

const vocab = loadBundledVocabulary(join(import.meta.dirname, "../.."));
const ws = memoryWorkspace();

test("a 10 MB manuscript parses completely, every construct inside the text", () => {
  const { text, claims } = generateManuscript({ bytes: 10_000_000, vocab, seed: 5 });
  const doc = ws.setDocument("/ws/ten.md", text, 1);
  assert.equal(doc.text, text);
  assert.ok(doc.claims.length >= claims * 0.9, `the parser finds the claims of the whole file (${doc.claims.length} of ${claims})`);
  for (const c of doc.claims) assert.ok(0 <= c.span.start && c.span.start <= c.span.end && c.span.end <= text.length);
  assert.ok(doc.claims[doc.claims.length - 1].span.end > text.length * 0.99, "claims reach the end of the file");
  ws.removeDocument("/ws/ten.md");
});

// All checks on 55,000 claims take 10–20 s on a loaded 2-core machine: run with CLIO_SLOW_TESTS=1.
test("a 10 MB manuscript is checked completely", { skip: !process.env.CLIO_SLOW_TESTS && "slow (10–20 s): set CLIO_SLOW_TESTS=1" }, () => {
  const { text } = generateManuscript({ bytes: 10_000_000, vocab, seed: 5 });
  ws.setDocument("/ws/ten.md", text, 1);
  const diags = assertSane(ws, "/ws/ten.md", text);
  const lines = text.split("\n").length;
  assert.ok(diags.some((d) => d.range.start.line > lines * 0.99), "diagnostics reach the end of the file");
  ws.removeDocument("/ws/ten.md");
});

test("a 1 MB document on a single line", () => {
  const text = generateManuscript({ bytes: 1_000_000, vocab, seed: 6 }).text.replace(/\r?\n/g, " ");
  ws.setDocument("/ws/line.md", text, 1);
  const diags = assertSane(ws, "/ws/line.md", text);
  assert.ok(diags.some((d) => d.code === "date-invalid" && d.range.start.character > 500000), "diagnostics far along the line");
  ws.removeDocument("/ws/line.md");
});

for (const [name, open, middle, close] of [
  ["square brackets", "[", "{1961} x", "]"],
  ["double brackets", "[[", "Albania", "]]"],
  ["braces", "{", "1961", "}"],
  ["parentheses inside a claim", "(", "x", ")"],
  ["mixed", "[{(", "@key", ")}]"],
] as const) {
  test(`10,000 nested ${name}`, () => {
    const text = `{1961} [[Albania]] ${open.repeat(10000)}${middle}${close.repeat(10000)}. And {1961-13} after.\n`;
    ws.setDocument("/ws/nested.md", text, 1);
    const diags = assertSane(ws, "/ws/nested.md", text);
    // The invalid tag after the nest is still found: the nest did not swallow the rest.
    assert.ok(diags.some((d) => d.code === "date-invalid"), "the date tag after the nesting is still checked");
  });
}

test("10,000 unclosed brackets and braces", () => {
  const text = "[".repeat(10000) + "{".repeat(10000) + "[[".repeat(5000) + "\n\n{1961-13} [[Albania]] left.\n";
  ws.setDocument("/ws/unclosed.md", text, 1);
  const diags = assertSane(ws, "/ws/unclosed.md", text);
  assert.ok(diags.some((d) => d.code === "date-invalid" && d.range.start.line === 2));
});

test("100,000 date tags", () => {
  const text = "{1961} [[Albania]] visited [[China]]. ".repeat(50000) + "\n\n" + "{1961-13} ".repeat(50000);
  ws.setDocument("/ws/tags.md", text, 1);
  const doc = ws.getDocument("/ws/tags.md")!;
  assert.equal(doc.dateTags.length, 100000);
  const diags = assertSane(ws, "/ws/tags.md", text);
  assert.equal(diags.filter((d) => d.code === "date-invalid").length, 50000);
});

test("control characters, lone surrogates, NUL and a BOM do not break the parser", () => {
  const text = "\uFEFF---\ntitle: x\u0000\n---\n{1961}\u0000 [[Alba\uD800nia]] \uDC00 visited\u0007 [@tretiak1962, p. 1\u0000].\r\n\r{1961-13}\u2028 x.\n";
  ws.setDocument("/ws/control.md", text, 1);
  assertSane(ws, "/ws/control.md", text);
});
