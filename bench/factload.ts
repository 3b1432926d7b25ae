// Child process of the benchmark: loads the bundled facts plus one generated fact
// file, builds the index, and prints load time and resident memory as JSON.
// Bundled by the benchmark with esbuild so the figures carry no tsx overhead.
import { readFileSync } from "node:fs";
import { writeHeapSnapshot } from "node:v8";
import { parse as parseYaml } from "yaml";
import { buildFactIndex } from "../server/src/core/facts/index.js";
import type { FactFileText } from "../server/src/core/types.js";

const [bundledJson, file] = process.argv.slice(2);
// The shipped extension loads its bundled fact files pre-parsed (dist/facts.json, see
// scripts/build.mjs): parse them here, untimed, so the figure is the one users see.
const bundled = (JSON.parse(readFileSync(bundledJson, "utf8")) as Array<{ file: string; text: string }>).map((b) => ({
  file: b.file,
  text: b.text,
  data: parseYaml(b.text) as unknown,
}));
(globalThis as any).gc?.();
const rssBefore = process.memoryUsage().rss;
const c0 = process.cpuUsage();
const t0 = performance.now();
const text = readFileSync(file, "utf8");
const files: FactFileText[] = [...bundled.map((b) => ({ ...b, origin: "bundled" as const })), { file, text, origin: "workspace" }];
const index = buildFactIndex(files);
const t1 = performance.now();
const cpu = process.cpuUsage(c0);
const lookups = 10000;
let found = 0;
const t2 = performance.now();
for (let i = 0; i < lookups; i++) found += index.lookup(`bench-person-${20000 + i}`).length;
const t3 = performance.now();
(globalThis as any).gc?.();
const { rss, heapUsed } = process.memoryUsage();
// A heap snapshot on request, to see what the index retains.
if (process.env.CLIO_FACTLOAD_SNAPSHOT) writeHeapSnapshot(process.env.CLIO_FACTLOAD_SNAPSHOT);
process.stdout.write(
  JSON.stringify({
    loadMs: t1 - t0,
    // CPU time of this thread pool (user + system): steadier than wall time on a shared machine.
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: rss / 1048576,
    // What the index keeps; the rest of the resident size is the peak of loading, not yet returned to the system.
    heapMb: heapUsed / 1048576,
    rssBeforeMb: rssBefore / 1048576,
    entities: index.entities.size,
    events: index.events.size,
    problems: index.problems.length,
    firstProblem: index.problems[0]?.message,
    lookupUs: ((t3 - t2) * 1000) / lookups,
    found,
  }) + "\n",
);
