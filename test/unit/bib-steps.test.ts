// A BibTeX file is read a few entries at a time (bib/index.ts), so the language
// server stays responsive while a large library loads. Reading in pieces must
// give exactly what reading the whole file gives: a file with a @preamble is
// always read whole, so appending one gives the reference reading.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseBibliography, parseBibliographyInSteps } from "../../server/src/core/bib/index.js";
import { generateBibtex } from "../../bench/gen.js";

const READ_WHOLE = '\n@preamble{"read whole"}\n';

function stepsOf(file: string, text: string): number {
  const steps = parseBibliographyInSteps(file, text);
  for (let n = 0; ; n++) if (steps.next().done) return n;
}

const REALISTIC = `Exported by Better BibTeX; text outside entries is a comment.

@article{mehilli2017,
  title = {From {Stalin} to {Mao}: {Albania} and the Socialist World},
  author = {M{\\"e}hilli, Elidor},
  journaltitle = {Journal of Cold War Studies},
  date = {2017-05},
  pages = {101--135},
  abstract = {An abstract with an @ sign, braces {like these} and a % sign.},
  keywords = {Albania, China},
  file = {Full Text:/home/user/Zotero/storage/A/article.pdf:application/pdf}
}
@book{hamm1963, title = {Albania: {China}'s Beachhead in {Europe}}, author = {Hamm, Harry}, year = 1963, month = may, publisher = {Praeger}}
@article{broken1,
  title = {A value that never closes,
  year = {1962}
}
`;

test("a BibTeX file read in pieces gives what reading it whole gives", () => {
  const texts = [
    generateBibtex(60),
    REALISTIC + generateBibtex(30),
    generateBibtex(20) + "\n" + REALISTIC + "\n" + generateBibtex(20, 3).replace(/bench/g, "more"),
    generateBibtex(25).replace(/\n/g, "\r\n"),
  ];
  for (const text of texts) {
    const pieces = parseBibliography("/w/refs.bib", text);
    const whole = parseBibliography("/w/refs.bib", text + READ_WHOLE);
    assert.ok(pieces.sources.length >= 20);
    assert.deepEqual(pieces, whole);
  }
});

test("reading in pieces takes a step per few entries; files that must be read whole take one", () => {
  assert.ok(stepsOf("/w/refs.bib", generateBibtex(200)) >= 200 / 8, "a step per 8 entries");
  assert.ok(stepsOf("/w/refs.bib", generateBibtex(400)) >= 2 * stepsOf("/w/refs.bib", generateBibtex(200)) - 1, "steps grow with the file");
  assert.equal(stepsOf("/w/refs.bib", generateBibtex(200) + READ_WHOLE), 0);
  const macros = "@string{cws = {Journal of Cold War Studies}}\n" + generateBibtex(50).replace(/\{Journal of Generated Studies\}/g, "cws");
  assert.equal(stepsOf("/w/refs.bib", macros), 0, "an @string macro is used across entries");
  const [first] = parseBibliography("/w/refs.bib", macros).sources;
  assert.equal(first["container-title"], "Journal of Cold War Studies");
});

test("problems found in a later piece point at the broken entry's own line", () => {
  const text = generateBibtex(40) + "\n@article{late,\n  title = {Unclosed,\n  year = {1962}\n}\n" + generateBibtex(5, 9).replace(/bench/g, "after");
  const pieces = parseBibliography("/w/refs.bib", text);
  assert.deepEqual(pieces, parseBibliography("/w/refs.bib", text + READ_WHOLE));
  const problem = pieces.problems.find((p) => p.code === "bibliography-invalid" && p.severity === "error");
  assert.ok(problem, JSON.stringify(pieces.problems));
  const lateLine = text.split("\n").findIndex((l) => l.startsWith("@article{late"));
  assert.ok(problem.range.start.line >= lateLine, `problem on line ${problem.range.start.line}, entry on ${lateLine}`);
});

test("property: pieces and whole agree on generated libraries with noise between entries", () => {
  const entry = fc.record({
    key: fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
    title: fc.stringMatching(/^[A-Za-z ,.@%]{0,30}$/),
    year: fc.integer({ min: 1800, max: 2030 }),
    junk: fc.constantFrom("", "\n", "\n% a comment\n", "\nsome words between entries\n", " "),
  });
  fc.assert(
    fc.property(fc.array(entry, { minLength: 9, maxLength: 30 }), (entries) => {
      const text = entries.map((e, i) => `@book{${e.key}${i}, title = {${e.title}}, year = ${e.year}}${e.junk}`).join("\n");
      assert.deepEqual(parseBibliography("/w/p.bib", text), parseBibliography("/w/p.bib", text + READ_WHOLE));
    }),
    { numRuns: 40, seed: 7 },
  );
});

test("a paper's first check reads its bibliography in steps, with the same diagnostics", async () => {
  const { ClioWorkspace } = await import("../../server/src/core/workspace.js");
  const files: Record<string, string> = { "/w/refs.bib": generateBibtex(200) };
  const host = { root: "/w", bundledFacts: [], readFile: (f: string) => files[f], listDir: () => [] };
  const paper = "---\nbibliography: refs.bib\n---\n\n{1962} [[Albania]] left [@bench3, p. 25]. {1963} [[China]] stayed [@nokey].\n";
  const stepped = new ClioWorkspace(host);
  stepped.setDocument("/w/paper.md", paper);
  const steps = stepped.documentDiagnosticsInSteps("/w/paper.md");
  let count = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) count++;
  assert.ok(count >= 200 / 8, `${count} steps`);
  const whole = new ClioWorkspace(host);
  whole.setDocument("/w/paper.md", paper);
  assert.deepEqual(next.value, whole.documentDiagnostics("/w/paper.md"));
  assert.ok(next.value.some((d) => d.code === "citation-unknown" && d.message.includes("nokey")));
  assert.ok(!next.value.some((d) => d.code === "citation-unknown" && d.message.includes("bench3")));
});

test("a bibliography changed while it was being read in steps is read again", async () => {
  const { ClioWorkspace } = await import("../../server/src/core/workspace.js");
  const files: Record<string, string> = { "/w/refs.bib": generateBibtex(100) };
  const host = { root: "/w", bundledFacts: [], readFile: (f: string) => files[f], listDir: () => [] };
  const ws = new ClioWorkspace(host);
  ws.setDocument("/w/paper.md", "---\nbibliography: refs.bib\n---\n\n{1962} [[Albania]] left [@fresh, p. 2].\n");
  const steps = ws.documentDiagnosticsInSteps("/w/paper.md");
  for (let i = 0; i < 3; i++) steps.next();
  // The reference manager rewrites the file half way through the read.
  files["/w/refs.bib"] = "@book{fresh, title = {New}, year = 1960}\n";
  ws.invalidateBibliography("/w/refs.bib");
  // The read of the old text runs to its end; what it found must not be kept.
  while (!steps.next().done);
  const diagnostics = ws.documentDiagnostics("/w/paper.md");
  assert.ok(!diagnostics.some((d) => d.code === "citation-unknown"), JSON.stringify(diagnostics.map((d) => d.message)));
});
