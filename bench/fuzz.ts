// Long fuzz run: `npm run fuzz -- --runs 1000000 [--seed N] [--only name] [--max-seconds S]`.
// Runs the properties of test/fuzz/properties.ts, splitting the runs between them,
// and prints runs, failures and time per property. Exit status 1 on any failure.
import fc from "fast-check";
import YAML from "yaml";
import {
  bundledWorkspace, checkDocumentEndToEnd, checkFactFileEndToEnd, checkBibliography,
  documentText, mutate, factFileValue, bibtexText, cslText, SEED_PAPER, SEED_FACTS,
} from "../test/fuzz/properties.js";

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const totalRuns = Number(arg("runs") ?? 10000);
const seed = arg("seed") !== undefined ? Number(arg("seed")) : Date.now() % 2 ** 31;
const only = arg("only");
const maxSeconds = arg("max-seconds") !== undefined ? Number(arg("max-seconds")) : undefined;

const probes = fc.array(fc.nat(), { maxLength: 3 });
const properties: Array<{ name: string; share: number; property: () => fc.IProperty<any> }> = [
  { name: "documents", share: 0.35, property: () => fc.property(documentText, probes, (t, p) => checkDocumentEndToEnd(bundledWorkspace(), t, {}, p)) },
  { name: "paper-mutations", share: 0.25, property: () => fc.property(mutate(SEED_PAPER), probes, (t, p) => checkDocumentEndToEnd(bundledWorkspace(), t, {}, p)) },
  { name: "fact-mutations", share: 0.1, property: () => fc.property(mutate(SEED_FACTS), (t) => checkFactFileEndToEnd(t)) },
  { name: "fact-structures", share: 0.1, property: () => fc.property(factFileValue, fc.boolean(), (v, json) => checkFactFileEndToEnd(json ? JSON.stringify(v) : YAML.stringify(v))) },
  { name: "bibtex", share: 0.1, property: () => fc.property(bibtexText, (t) => checkBibliography(t, "/fuzz/ws/refs.bib")) },
  { name: "csl-json", share: 0.1, property: () => fc.property(cslText, (t) => checkBibliography(t, "/fuzz/ws/refs.json")) },
];

let failures = 0;
let runs = 0;
const started = performance.now();
console.log(`clio fuzz: ${totalRuns} runs, seed ${seed}${maxSeconds ? `, at most ${maxSeconds} s` : ""}`);
for (const p of properties) {
  if (only && p.name !== only) continue;
  const numRuns = Math.max(1, Math.round(totalRuns * (only ? 1 : p.share)));
  const t0 = performance.now();
  const interruptAfterTimeLimit = maxSeconds ? Math.max(1000, (maxSeconds * 1000 * (only ? 1 : p.share))) : undefined;
  const details = fc.check(p.property(), { numRuns, seed, interruptAfterTimeLimit, markInterruptAsFailure: false });
  const ms = performance.now() - t0;
  runs += details.numRuns;
  const failed = details.failed ? 1 : 0;
  failures += failed;
  console.log(`  ${p.name.padEnd(16)} runs ${String(details.numRuns).padStart(8)}  failures ${failed}  ${(ms / 1000).toFixed(1)} s  (${((ms * 1000) / Math.max(1, details.numRuns)).toFixed(0)} µs/run)${details.interrupted ? "  [time limit]" : ""}`);
  if (details.failed) {
    console.log(`    counterexample (seed ${details.seed}, path ${details.counterexamplePath}): ${fc.stringify(details.counterexample).slice(0, 2000)}`);
    console.log(`    error: ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).slice(0, 1000)}`);
  }
}
console.log(`total: ${runs} runs, ${failures} failing properties, ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures ? 1 : 0);
