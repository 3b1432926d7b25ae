// The language server re-checks only the paragraphs an edit touched and moves
// every other paragraph's results to its new place. Whatever the edits, that
// must give exactly what a fresh workspace computes from the final text.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { workspace } from "../features/helpers.js";

const PARAGRAPHS = [
  "{1964-12} [[Zhou Enlai]] visited [[Albania]] [@marku2017, p. 40].",
  "{1955} [[Stalin]] received [[Enver Hoxha]] in Moscow [@unknownkey, p. 3].",
  "In April 1961, Premier Khrushchev wrote to Enver Hoxha about the base at Vlorë.",
  "In 1976 the People's Socialist Republic of Albania adopted a constitution.",
  "{1961-13} an invalid date with [[Nobody Known]].",
  "- {1956} [[Khrushchev]] as [[Premier]] spoke [@marku2017, p. 12].",
  "# Heading {1960}",
  "```\n{1962} [[Zhou Enlai]] in code\n```",
  "> {1968} [[Albania]] left the Warsaw Pact [@tretiak1962, p. 141].",
  "Plain prose with no date at all.",
  "{1966} [[Zhou Enlai]] visited [[Albania]].",
];

const paper = fc.array(fc.constantFrom(...PARAGRAPHS), { minLength: 1, maxLength: 10 }).map((ps) => ps.join("\n\n"));
const edit = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constantFrom("", "x", "\n", "\n\n", " 1962", "[[", "]]", "{", "}", "@", "Zhou Enlai", "- "), fc.constantFrom(...PARAGRAPHS).map((p) => `\n\n${p}\n\n`)),
});

/** Everything a client sees, in a comparable form. */
function observed(ws: ReturnType<typeof workspace>, uri: string) {
  const doc = ws.getDocument(uri)!;
  const claims = ws.claims(doc).map((c) => ({ span: c.span, range: c.range, text: c.text, links: c.links.map((l) => [l.target, l.span, l.range]), citations: c.citations.map((x) => x.span), implicit: !!c.implicit }));
  const sort = (list: ReturnType<typeof ws.diagnostics>) =>
    list.map((d) => JSON.stringify(d)).sort();
  return { claims, diagnostics: sort(ws.diagnostics(uri)) };
}

test("diagnostics and claims after any chain of edits equal those of a fresh workspace", () => {
  // One edited and one fresh workspace for all runs: the fact index is built once per workspace.
  const ws = workspace();
  const fresh = workspace();
  const uri = "/ws/paper.md";
  fc.assert(
    fc.property(paper, fc.array(edit, { minLength: 1, maxLength: 5 }), (text, edits) => {
      ws.removeDocument(uri);
      ws.setDocument(uri, text, 0);
      ws.diagnostics(uri);
      let current = text;
      edits.forEach((e, step) => {
        const start = current.length ? e.at % (current.length + 1) : 0;
        const end = Math.min(current.length, start + e.length);
        current = current.slice(0, start) + e.insert + current.slice(end);
        ws.setDocument(uri, current, step + 1);
        // Hover asks for the claims before the diagnostics run: both orders must agree.
        if (step % 2) ws.claims(ws.getDocument(uri)!);
        fresh.removeDocument(uri);
        fresh.setDocument(uri, current, step + 1);
        assert.deepEqual(observed(ws, uri), observed(fresh, uri));
      });
    }),
    { numRuns: 300 },
  );
});
