// Bibliographies: BibTeX (Better BibTeX exports), CSL-JSON and CSL-YAML, with
// problems at their file positions; CSL export for pandoc --citeproc.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseBibliography, detectBibliographyFormat, sourcesToCsl, cslDateToEdtf } from "../../server/src/core/bib/index.js";
import { parseEdtf } from "../../server/src/core/dates/index.js";

const DIR = join(import.meta.dirname, "../fixtures/facts-files");
const read = (name: string) => parseBibliography(name, readFileSync(join(DIR, name), "utf8"));
const day = (iso: string) => {
  const r = parseEdtf(iso);
  if (!("date" in r)) throw new Error(r.error);
  return r.date.earliest;
};

test("format detection by extension, then by content", () => {
  assert.equal(detectBibliographyFormat("a.bib", "["), "bibtex");
  assert.equal(detectBibliographyFormat("a.json", "@book{"), "csl-json");
  assert.equal(detectBibliographyFormat("a.yaml", ""), "csl-yaml");
  assert.equal(detectBibliographyFormat("refs", "  [ {} ]"), "csl-json");
  assert.equal(detectBibliographyFormat("refs", "@book{x,}"), "bibtex");
});

test("a Better BibTeX export loads: date, langid, shorttitle, journaltitle, TeX accents", () => {
  const { sources, problems } = read("better-bibtex.bib");
  assert.deepEqual(problems, []);
  assert.deepEqual(sources.map((s) => s.key), ["tretiak1962", "marmullaku1975", "dede1990"]);
  const [tretiak, marmullaku, dede] = sources;
  assert.equal(tretiak.type, "article-journal");
  assert.equal(tretiak.title, "The Founding of the Sino-Albanian Entente");
  assert.equal((tretiak as unknown as Record<string, unknown>)["title-short"], "Sino-Albanian Entente");
  assert.equal((tretiak as unknown as Record<string, unknown>).language, "english");
  assert.deepEqual(tretiak.author, [{ family: "Tretiak", given: "Daniel" }]);
  assert.equal(tretiak["container-title"], "The China Quarterly");
  assert.equal(tretiak.issue, "10");
  assert.equal(tretiak.issued, "1962-06");
  assert.equal(tretiak.issuedDate?.earliest, day("1962-06-01"));
  assert.equal(tretiak.issuedDate?.latest, day("1962-06-30"));
  assert.deepEqual(tretiak.pageRange, [123, 143]);
  assert.equal(tretiak.from, "bibliography");
  assert.equal(tretiak.origin.file, "better-bibtex.bib");
  assert.equal(tretiak.origin.range?.start.line, 1);
  assert.equal(marmullaku["publisher-place"], "London");
  assert.equal(marmullaku.publisher, "C. Hurst");
  assert.equal(marmullaku.origin.range?.start.line, 13);
  assert.equal(dede.type, "chapter");
  assert.equal(dede.title, "Kapitull i ëmbël");
  assert.deepEqual(dede.author, [{ family: "Dede", given: "Llük" }, { literal: "Komisioni i Historisë" }]);
  assert.equal(dede.issued, "1990-06", "year + month become an EDTF month");
  assert.deepEqual(dede.pageRange, [5, 17]);
});

test("a broken BibTeX entry is reported at its line; the entries around it still load", () => {
  const { sources, problems } = read("broken.bib");
  assert.ok(sources.some((s) => s.key === "good1961"));
  const broken = problems.filter((p) => p.severity === "error");
  assert.ok(broken.length >= 1, JSON.stringify(problems));
  assert.equal(broken[0].code, "bibliography-invalid");
  assert.equal(broken[0].range.start.line, 5, JSON.stringify(broken[0]));
  assert.ok(!sources.some((s) => s.key === "broken1962"));
});

test("an unreadable BibTeX date is a warning on its entry", () => {
  const { problems } = parseBibliography("d.bib", "@misc{x,\n  title = {T},\n  date = {1963-13},\n}\n");
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, "warning");
  assert.match(problems[0].message, /"x" has an unreadable date "1963-13"/);
  assert.equal(problems[0].range.start.line, 0);
});

test("duplicate BibTeX keys are reported", () => {
  const { sources, problems } = parseBibliography("d.bib", "@book{a, title={One}}\n\n@book{a, title={Two}}\n");
  assert.equal(sources.length, 1);
  assert.equal(sources[0].title, "One");
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /Duplicate citation key "a" \(first defined on line 1\)/);
  assert.equal(problems[0].range.start.line, 2);
});

test("CSL-JSON loads, with items lacking an id or a readable date reported at their node", () => {
  const { sources, problems } = read("refs.json");
  assert.deepEqual(sources.map((s) => s.key), ["hamm1963", "griffith1963", "odd-date"]);
  assert.equal(sources[0].issued, "1963");
  assert.deepEqual(sources[0].pageRange, [1, 222]);
  assert.equal(sources[1].issuedDate?.earliest, day("1963-05-02"));
  assert.equal(sources[0].origin.range?.start.line, 1);
  assert.equal(sources[0].from, "bibliography");
  assert.equal(problems.length, 2, JSON.stringify(problems));
  assert.match(problems[0].message, /lacks its "id"/);
  assert.equal(problems[0].range.start.line, 18);
  assert.equal(problems[1].severity, "warning");
  assert.equal(problems[1].range.start.line, 24);
});

test("CSL-YAML (Pandoc references:) loads", () => {
  const { sources, problems } = read("refs.yaml");
  assert.deepEqual(problems, []);
  assert.equal(sources[0].key, "logoreci1977");
  assert.equal(sources[0].issued, "1977");
});

test("broken or mis-shaped CSL-JSON is a problem, never a throw", () => {
  const broken = read("broken-csl.json");
  assert.equal(broken.sources.length, 0);
  assert.ok(broken.problems.length >= 1);
  assert.equal(broken.problems[0].code, "bibliography-invalid");
  const single = read("not-a-list.json");
  assert.match(single.problems[0].message, /must be a list/);
  for (const junk of ["", "@", "@book{", "{}", "[1, 2]", "@comment{", "\\x@book{k, title = {\\unknowncommand{x}}}"]) {
    const r = parseBibliography("junk.bib", junk);
    assert.ok(Array.isArray(r.sources) && Array.isArray(r.problems));
    const j = parseBibliography("junk.json", junk);
    assert.ok(Array.isArray(j.sources) && Array.isArray(j.problems));
  }
});

test("CSL dates: date-parts, ranges, circa, raw", () => {
  assert.equal(cslDateToEdtf({ "date-parts": [[1962, 6]] }), "1962-06");
  assert.equal(cslDateToEdtf({ "date-parts": [[1961], [1962, 3]] }), "1961/1962-03");
  assert.equal(cslDateToEdtf({ "date-parts": [[1961]], circa: true }), "1961~");
  assert.equal(cslDateToEdtf({ raw: "1956-09-19" }), "1956-09-19");
  assert.equal(cslDateToEdtf({ "date-parts": [["x"]] }), undefined);
});

test("sources export as CSL-JSON with date-parts and without internal fields", () => {
  const { sources } = read("better-bibtex.bib");
  const csl = sourcesToCsl(sources);
  assert.deepEqual(csl.map((c) => c.id), ["dede1990", "marmullaku1975", "tretiak1962"]);
  const tretiak = csl[2];
  assert.deepEqual(tretiak.issued, { "date-parts": [[1962, 6]] });
  assert.equal(tretiak.type, "article-journal");
  assert.equal(tretiak.page, "123–143");
  for (const internal of ["key", "origin", "from", "issuedDate", "pageRange", "sources"]) assert.ok(!(internal in tretiak), internal);
  const back = parseBibliography("round.json", JSON.stringify(csl));
  assert.deepEqual(back.problems, []);
  assert.equal(back.sources.find((s) => s.key === "tretiak1962")?.issued, "1962-06");
});

test("BibTeX: @string macros, month names and crossref inheritance, as Pandoc reads them", () => {
  const text = `@string{cq = {The China Quarterly}}
@article{art, title = {Article}, journal = cq, year = 1962, month = {June}}
@incollection{chapter, title = {Chapter}, pages = {5--17}, crossref = {volume}}
@collection{volume, title = {The Volume}, publisher = {Praeger}, location = {New York}, year = 1960}
`;
  const { sources, problems } = parseBibliography("x.bib", text);
  assert.deepEqual(problems, []);
  const art = sources.find((s) => s.key === "art")!;
  assert.equal(art["container-title"], "The China Quarterly");
  assert.equal(art.issued, "1962-06");
  assert.equal(art.origin.range?.start.line, 1);
  const chapter = sources.find((s) => s.key === "chapter")!;
  assert.equal(chapter["container-title"], "The Volume");
  assert.equal(chapter.publisher, "Praeger");
  assert.equal(chapter.issued, "1960");
  assert.deepEqual(chapter.pageRange, [5, 17]);
});

test("BibTeX ranges stay inside their lines with CRLF and lone CR line ends", () => {
  const text = "@book{a,\r\n  title = {A},\r\n}\r\n@a\r\nrticle{b, title={B}}\r@misc{c, title = {C}}\r";
  const { problems } = parseBibliography("crlf.bib", text);
  const lines = text.split(/\r\n|\r|\n/);
  assert.ok(problems.length >= 1);
  for (const p of problems) {
    for (const pos of [p.range.start, p.range.end]) {
      assert.ok(pos.line < lines.length && pos.character <= lines[pos.line].length, `${JSON.stringify(p.range)} outside ${JSON.stringify(lines)}`);
    }
  }
});
