// Short fuzz run inside `npm test` (a few seconds); `npm run fuzz -- --runs N` runs the same properties long.
import { test } from "node:test";
import fc from "fast-check";
import YAML from "yaml";
import {
  bundledWorkspace,
  checkDocumentEndToEnd,
  checkFactFileEndToEnd,
  checkBibliography,
  documentText,
  mutate,
  factFileValue,
  bibtexText,
  cslText,
  SEED_PAPER,
  SEED_FACTS,
} from "./properties.js";

const runs = Number(process.env.CLIO_FUZZ_RUNS ?? 150);
const seed = process.env.CLIO_FUZZ_SEED ? Number(process.env.CLIO_FUZZ_SEED) : undefined;
const opts = { numRuns: runs, seed };

test("fuzz: generated documents through the whole workspace (parse, checks, hover, completion)", () => {
  const ws = bundledWorkspace();
  fc.assert(fc.property(documentText, fc.array(fc.nat(), { maxLength: 3 }), (text, probes) => checkDocumentEndToEnd(ws, text, {}, probes)), opts);
});

test("fuzz: mutations of a realistic paper", () => {
  const ws = bundledWorkspace();
  fc.assert(fc.property(mutate(SEED_PAPER), fc.array(fc.nat(), { maxLength: 3 }), (text, probes) => checkDocumentEndToEnd(ws, text, {}, probes)), opts);
});

test("fuzz: mutated fact files (text mutations of a valid file)", () => {
  fc.assert(fc.property(mutate(SEED_FACTS), (text) => checkFactFileEndToEnd(text)), { ...opts, numRuns: Math.ceil(runs / 4) });
});

test("fuzz: structurally random fact files as YAML and JSON", () => {
  fc.assert(
    fc.property(factFileValue, fc.boolean(), (value, asJson) => checkFactFileEndToEnd(asJson ? JSON.stringify(value) : YAML.stringify(value))),
    { ...opts, numRuns: Math.ceil(runs / 4) },
  );
});

test("fuzz: BibTeX and CSL-JSON bibliographies", () => {
  fc.assert(fc.property(bibtexText, (text) => checkBibliography(text, "/fuzz/ws/refs.bib")), opts);
  fc.assert(fc.property(cslText, (text) => checkBibliography(text, "/fuzz/ws/refs.json")), opts);
});
