// `npm run bench`: generates the inputs (seeded) into bench/out/, measures every
// performance target of issue 7 and prints one table (figure, target, ratio) plus
// growth checks. Benchmarks print figures; no test asserts on absolute time.
//
// Flags: --quick (fewer repetitions), --no-lsp, --no-vsix, --no-cli.
import { mkdirSync, writeFileSync, readFileSync, existsSync, statSync, readdirSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync, execFileSync } from "node:child_process";
import { build } from "esbuild";
import YAML from "yaml";
import { generateManuscript, generateFactBase, generateBibtex, loadBundledVocabulary } from "./gen.js";
import { median, percentile, timeSync, fmt, growth } from "./stats.js";
import { profileTop, profileDirTop } from "./profile.js";
import { startServer, open, change, hover, complete } from "./lsp-client.js";
import { ClioWorkspace, type WorkspaceHost } from "../server/src/core/workspace.js";
import { buildFactIndex } from "../server/src/core/facts/index.js";
import { parseDocument } from "../server/src/core/parse/index.js";
import * as parseModule from "../server/src/core/parse/index.js";
import type { FactFileText, ParsedDocument } from "../server/src/core/types.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "bench/out");
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
mkdirSync(outDir, { recursive: true });

interface Row {
  name: string;
  figure: number;
  unit: string;
  target: number;
  /** "max": figure must stay ≤ target. */
  note?: string;
}
const rows: Row[] = [];
const notes: string[] = [];
/** For each missed target: where the time goes (profile summaries, pauses), printed under the table. */
const why: Array<{ target: string; lines: string[] }> = [];
function explain(target: string, lines: string[]) {
  why.push({ target, lines });
  console.log(`  where the time goes (${target}):\n${lines.map((l) => `    ${l}`).join("\n")}`);
}
/** Runs a child process under the V8 profiler (written into `dir`) and returns its top self times. */
function profileChild(dir: string, argv: string[], cwd = outDir, env: NodeJS.ProcessEnv = {}): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, ...argv], { cwd, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  return profileDirTop(dir);
}
const growthLines: string[] = [];
function row(name: string, figure: number, unit: string, target: number, note?: string) {
  rows.push({ name, figure, unit, target, note });
  console.log(`  ${name}: ${fmt(figure)} ${unit} (target ≤ ${target} ${unit})${note ? ` — ${note}` : ""}`);
}
function skip(name: string, why: unknown) {
  const msg = why instanceof Error ? why.message.split("\n")[0] : String(why);
  notes.push(`${name}: not measured — ${msg}`);
  console.log(`  ${name}: n/a — ${msg}`);
}
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
async function step(name: string, fn: () => unknown | Promise<unknown>) {
  if (only && !name.includes(only)) return;
  console.log(`\n# ${name}`);
  try {
    await fn();
  } catch (err) {
    skip(name, err);
  }
}

// ---------------------------------------------------------------- inputs

function bundledFacts(): FactFileText[] {
  const dir = join(root, "server/data/facts");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: `server/data/facts/${f}`, text: readFileSync(join(dir, f), "utf8"), origin: "bundled" as const }));
}
const bundled = bundledFacts();
writeFileSync(join(outDir, "bundled-facts.json"), JSON.stringify(bundled));
const vocab = loadBundledVocabulary(root);

function memoryHost(files: Record<string, string> = {}): WorkspaceHost {
  return { root: outDir, readFile: (f) => files[f], listDir: () => [], bundledFacts: bundled };
}

console.log("# generating inputs (seeded) into bench/out/");
const bibText = generateBibtex(200);
writeFileSync(join(outDir, "refs.bib"), bibText);
const m1 = generateManuscript({ bytes: 1_000_000, vocab, seed: 1, bibliography: "refs.bib" });
const m10 = generateManuscript({ bytes: 10_000_000, vocab, seed: 2, bibliography: "refs.bib" });
const file1 = join(outDir, "manuscript-1mb.md");
const file10 = join(outDir, "manuscript-10mb.md");
writeFileSync(file1, m1.text);
writeFileSync(file10, m10.text);
console.log(`  manuscript-1mb.md: ${(m1.text.length / 1e6).toFixed(2)} MB, ${m1.claims} marked claims`);
console.log(`  manuscript-10mb.md: ${(m10.text.length / 1e6).toFixed(2)} MB, ${m10.claims} marked claims`);
const factSizes = [1000, 10000, 100000];
const factTexts = new Map<number, string>();
for (const n of factSizes) {
  const base = generateFactBase({ entities: n, seed: 3 });
  const json = JSON.stringify(base);
  factTexts.set(n, json);
  writeFileSync(join(outDir, `facts-${n}.json`), json);
  if (n === 10000) writeFileSync(join(outDir, `facts-${n}.yaml`), YAML.stringify(base));
}
console.log(`  facts-100000.json: ${(factTexts.get(100000)!.length / 1e6).toFixed(1)} MB`);
writeFileSync(join(outDir, ".markdownlint-cli2.jsonc"), JSON.stringify({ config: { default: true } }));

// ---------------------------------------------------------------- in-process check

const uri1 = pathToFileURL(file1).href;
const bibFiles = { [join(outDir, "refs.bib")]: bibText };

await step("in-process `clio check` on the 1 MB manuscript (facts already loaded)", async () => {
  const ws = new ClioWorkspace(memoryHost(bibFiles));
  const tFacts = timeSync(() => buildFactIndex(bundled), quick ? 3 : 7);
  console.log(`  bundled fact index build: median ${fmt(median(tFacts))} ms`);
  ws.facts();
  // Cold each time: the document is dropped first, so no paragraph result of the previous sample is reused.
  const samples = timeSync(() => {
    ws.removeDocument(file1);
    ws.setDocument(file1, m1.text, 1);
    return ws.diagnostics(file1);
  }, quick ? 3 : 9);
  const diags = ws.diagnostics(file1);
  const byCode = new Map<string, number>();
  for (const d of diags) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  console.log(`  ${diags.length} diagnostics: ${[...byCode].map(([c, n]) => `${c} ${n}`).join(", ") || "(none)"}`);
  const doc = ws.getDocument(file1)!;
  console.log(`  parsed: ${doc.claims.length} claims, ${doc.dateTags.length} date tags, ${doc.links.length} links, ${doc.citations.length} citations`);
  if (doc.claims.length === 0) notes.push("in-process check: the parser found no claims — the figure measures a stub, not the real parser.");
  const parseOnly = timeSync(() => parseDocument(file1, m1.text, 1), quick ? 3 : 9);
  console.log(`  of which parse: median ${fmt(median(parseOnly))} ms`);
  row("check 1 MB in-process (parse + all checks), median", median(samples), "ms", 50);
  if (median(samples) > 50) {
    // The gap and why: self time per function of one more cold run.
    const top = await profileTop(() => {
      ws.removeDocument(file1);
      ws.setDocument(file1, m1.text, 1);
      ws.diagnostics(file1);
    }, join(outDir, "check-1mb.cpuprofile"));
    explain("check 1 MB in-process", ["top self time of one cold run (bench/out/check-1mb.cpuprofile, open in DevTools):", ...top]);
  }
});

// ---------------------------------------------------------------- incremental parse

await step("incremental re-parse (updateDocument) vs full parse, one-character edit", () => {
  const update = (parseModule as any).updateDocument as undefined | ((...a: any[]) => ParsedDocument);
  if (typeof update !== "function") throw new Error("parse/index.ts exports no updateDocument yet");
  const prev = parseDocument(file1, m1.text, 1);
  const para = prev.paragraphs[Math.floor(prev.paragraphs.length / 2)];
  if (!para) throw new Error("the parser reports no paragraphs");
  const at = para.start + 1;
  const next = m1.text.slice(0, at) + "x" + m1.text.slice(at);
  // Accept either (prev, changes, version) with LSP-style ranges or offsets; try the common shapes.
  const pos = offsetToPosition(m1.text, at);
  const change = { range: { start: pos, end: pos }, text: "x", rangeLength: 0 };
  const call = () => update(prev, [change], 2);
  let result: ParsedDocument;
  try {
    result = call();
  } catch (err) {
    throw new Error(`updateDocument(prev, [change], version) threw: ${(err as Error).message}`);
  }
  if (result.text !== next) throw new Error("updateDocument's text differs from the edited text — signature not understood");
  const full = parseDocument(file1, next, 2);
  const same = JSON.stringify(stripVersion(result)) === JSON.stringify(stripVersion(full));
  const inc = timeSync(call, quick ? 5 : 21);
  const fullT = timeSync(() => parseDocument(file1, next, 2), quick ? 3 : 9);
  console.log(`  updateDocument median ${fmt(median(inc))} ms vs parseDocument ${fmt(median(fullT))} ms; same result as a full parse: ${same}`);
  notes.push(
    `incremental parse: one-character edit on the 1 MB manuscript — updateDocument ${fmt(median(inc))} ms vs full parse ${fmt(median(fullT))} ms (${fmt(median(fullT) / median(inc), 1)}× faster); result identical to a full re-parse: ${same}.`,
  );
});

function stripVersion(d: ParsedDocument) {
  const { version: _v, ...rest } = d;
  return rest;
}
function offsetToPosition(text: string, offset: number) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

// ---------------------------------------------------------------- growth

await step("growth: check time per claim at 100, 1,000, 10,000 claims", () => {
  const sizes = [100, 1000, 10000];
  const totals = sizes.map((n) => {
    const { text } = generateManuscript({ claims: n, vocab, seed: 11 });
    const file = join(outDir, `growth-${n}.md`);
    const ws = new ClioWorkspace(memoryHost());
    ws.facts();
    return median(timeSync(() => (ws.removeDocument(file), ws.setDocument(file, text), ws.diagnostics(file)), quick ? 3 : 7));
  });
  report("check", "claims", sizes, totals);
});

await step("growth: hover time per request at 100, 1,000, 10,000 claims (core hoverAt)", async () => {
  const { hoverAt, completionsAt } = await import("../server/src/core/features/index.js");
  const sizes = [100, 1000, 10000];
  const perHover: number[] = [];
  const perCompletion: number[] = [];
  for (const n of sizes) {
    const { text } = generateManuscript({ claims: n, vocab, seed: 11 });
    const file = join(outDir, `growth-${n}.md`);
    const ws = new ClioWorkspace(memoryHost());
    ws.setDocument(file, text, 1);
    ws.diagnostics(file);
    const lines = text.split("\n");
    const probes: Array<{ line: number; character: number }> = [];
    lines.forEach((l, i) => {
      for (const m of l.matchAll(/\[\[/g)) if (probes.length < 300) probes.push({ line: i, character: m.index! + 3 });
    });
    const h = timeSync(() => probes.forEach((p) => hoverAt(ws, file, p)), 3);
    const c = timeSync(() => probes.forEach((p) => completionsAt(ws, file, p)), 3);
    perHover.push(median(h) / probes.length);
    perCompletion.push(median(c) / probes.length);
  }
  const line = (what: string, per: number[]) => {
    const ratio = per[per.length - 1] / per[0];
    const l = `${what} per request: ` + sizes.map((n, i) => `${n.toLocaleString("en")} claims ${fmt(per[i] * 1000)} µs`).join("; ") + ` — largest/smallest ${fmt(ratio)} → ${ratio > 3 ? "GROWS WITH DOCUMENT SIZE" : "flat"}`;
    growthLines.push(l);
    console.log("  " + l);
  };
  line("hover", perHover);
  line("completion", perCompletion);
});

await step("growth: fact index build per entity at 1k, 10k, 100k entities", () => {
  const totals = factSizes.map((n) =>
    median(timeSync(() => buildFactIndex([...bundled, { file: `facts-${n}.json`, text: factTexts.get(n)!, origin: "workspace" }]), quick || n === 100000 ? 2 : 5)),
  );
  report("index build", "entities", factSizes, totals);
});

function report(what: string, unit: string, sizes: number[], totals: number[]) {
  const g = growth(sizes, totals);
  const line =
    `${what}: ` +
    sizes.map((n, i) => `${n.toLocaleString("en")} ${unit} ${fmt(totals[i])} ms (${fmt(g.perItemUs[i])} µs/item)`).join("; ") +
    ` — largest/smallest per-item ratio ${fmt(g.ratio)} → ${g.verdict}`;
  growthLines.push(line);
  console.log("  " + line);
}

// ---------------------------------------------------------------- fact base load (child process, honest RSS)

await step("100,000-entity fact base: load time and resident memory (separate process)", async () => {
  const bundle = join(outDir, "factload.cjs");
  await build({ entryPoints: [join(root, "bench/factload.ts")], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "error" });
  for (const ext of ["json", "yaml"]) {
    // YAML is measured at 10k entities (larger YAML files are refused by design: the parser reads ~1 MB/s).
    const size = ext === "json" ? 100000 : 10000;
    const file = join(outDir, `facts-${size}.${ext}`);
    const runs: any[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const r = spawnSync(process.execPath, ["--expose-gc", bundle, join(outDir, "bundled-facts.json"), file], { encoding: "utf8", maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`factload (${ext}) failed: ${(r.stderr || "").split("\n").slice(0, 3).join(" ")}`);
      runs.push(JSON.parse(r.stdout));
    }
    const load = median(runs.map((r) => r.loadMs));
    const cpu = median(runs.map((r) => r.cpuMs));
    const rss = median(runs.map((r) => r.rssMb));
    const r0 = runs[0];
    console.log(`  ${ext}: ${r0.entities} entities, ${r0.events} events, ${r0.problems} problems${r0.firstProblem ? ` (first: ${r0.firstProblem})` : ""}; lookup ${fmt(r0.lookupUs)} µs; CPU ${fmt(cpu)} ms`);
    if (ext === "json") {
      row("100k-entity fact base (JSON, 42 MB) load, median wall", load, "ms", 1000, `CPU time ${fmt(cpu)} ms`);
      row("100k-entity fact base (JSON) resident memory", rss, "MB", 300);
      if (load > 1000 || rss > 300) {
        const top = profileChild(join(outDir, "prof-facts"), ["--expose-gc", bundle, join(outDir, "bundled-facts.json"), file]);
        explain("100k-entity fact base", [
          `heap in use after loading ${fmt(r0.heapMb ?? NaN)} MB of ${fmt(rss)} MB resident; top self time of one load (bench/out/prof-facts/):`,
          ...top,
        ]);
      }
    } else {
      notes.push(`10k-entity fact base as YAML (${(statSync(file).size / 1e6).toFixed(1)} MB): load ${fmt(load)} ms wall, ${fmt(cpu)} ms CPU, ${fmt(rss)} MB resident (informative; YAML above 16 MB is refused, use JSON).`);
    }
  }
});

// ---------------------------------------------------------------- whole-process CLI vs markdownlint-cli2

await step("whole-process `clio check` vs markdownlint-cli2 on the 1 MB manuscript", () => {
  if (args.has("--no-cli")) throw new Error("skipped (--no-cli)");
  const cli = join(root, "dist/cli.cjs");
  if (!existsSync(cli)) throw new Error("dist/cli.cjs not built (run `node scripts/build.mjs`)");
  const wall = (cmd: string, argv: string[], cwd: string) => {
    const t0 = performance.now();
    const r = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
    return { ms: performance.now() - t0, r };
  };
  const nodeOnly = median(Array.from({ length: 5 }, () => wall(process.execPath, ["-e", "0"], outDir).ms));
  const clioRuns = Array.from({ length: quick ? 3 : 7 }, () => wall(process.execPath, [cli, "check", file1, "--format", "json"], outDir));
  const last = clioRuns[clioRuns.length - 1].r;
  if (last.status === null || last.status > 1) throw new Error(`clio check exited ${last.status}: ${(last.stderr || "").slice(0, 300)}`);
  let count = "?";
  try {
    count = String(JSON.parse(last.stdout).length);
  } catch {
    count = "unparsable JSON";
  }
  const mdl = join(root, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");
  const mdlBin = existsSync(mdl) ? mdl : join(root, "node_modules/.bin/markdownlint-cli2");
  const mdlRuns = Array.from({ length: quick ? 2 : 5 }, () => wall(process.execPath, [mdlBin, "manuscript-1mb.md"], outDir));
  const mdlLast = mdlRuns[mdlRuns.length - 1].r;
  const mdlIssues = (mdlLast.stderr + mdlLast.stdout).split("\n").filter((l) => l.includes("manuscript-1mb.md:")).length;
  const clio = median(clioRuns.map((x) => x.ms));
  const lint = median(mdlRuns.map((x) => x.ms));
  console.log(`  node -e 0: ${fmt(nodeOnly)} ms; clio check: ${fmt(clio)} ms (${count} diagnostics, exit ${last.status}); markdownlint-cli2: ${fmt(lint)} ms (${mdlIssues} issues, exit ${mdlLast.status})`);
  row("`clio check` 1 MB whole process, median", clio, "ms", Math.round(0.15 * lint), `markdownlint-cli2 ${fmt(lint)} ms, node startup ${fmt(nodeOnly)} ms`);
  row("`clio check` / markdownlint-cli2 wall-time ratio", clio / lint, "×", 0.15);
  if (clio / lint > 0.15) {
    const top = profileChild(join(outDir, "prof-cli"), [cli, "check", file1, "--format", "json"]);
    explain("whole-process `clio check`", ["top self time of one run (bench/out/prof-cli/):", ...top]);
  }
});

// ---------------------------------------------------------------- language server

let editPathMissed = false;
await step("language server over stdio (dist/server.cjs)", async () => {
  if (args.has("--no-lsp")) throw new Error("skipped (--no-lsp)");
  const server = join(root, "dist/server.cjs");
  if (!existsSync(server)) throw new Error("dist/server.cjs not built");
  const eldOut = join(outDir, "eld.json");
  rmSync(eldOut, { force: true });
  const s = await startServer(server, outDir, ["--require", join(root, "bench/eld-preload.cjs")], { CLIO_ELD_OUT: eldOut, CLIO_TIMINGS: "1" });
  // Handler times measured inside the server (state.guard), by request name, since the last call.
  const serverTimes = async (): Promise<Record<string, number[]>> => (await s.connection.sendRequest("clio/timings")) as Record<string, number[]>;
  try {
    console.log(`  server text sync kind: ${["none", "full", "incremental"][s.syncKind] ?? s.syncKind}`);
    let text = m1.text;
    const lines = text.split("\n");
    let t0 = performance.now();
    const first = s.diagnosticsFor(uri1, 1, 60000);
    await open(s, uri1, text, 1);
    const d0 = await first;
    console.log(`  open 1 MB → first diagnostics: ${fmt(performance.now() - t0)} ms (${d0.diagnostics.length} diagnostics)`);
    if (d0.diagnostics.length === 0) notes.push("LSP: the server published no diagnostics for the 1 MB manuscript — edit latency measured on an empty result.");

    // Edits: insert a short invalid date tag at paragraph starts spread through the document. Each edit
    // changes the diagnostics (the server does not republish an unchanged set), so each gets an answer.
    const paragraphLines = lines.map((l, i) => (l.startsWith("{") || /^[A-Z]/.test(l) ? i : -1)).filter((i) => i >= 0);
    const edits = quick ? 30 : 100;
    const latencies: number[] = [];
    let version = 1;
    for (let k = 0; k < edits; k++) {
      const line = paragraphLines[(k * 7919) % paragraphLines.length];
      version++;
      lines[line] = "{1961-13} " + lines[line];
      const wait = s.diagnosticsFor(uri1, version);
      t0 = performance.now();
      await change(s, uri1, version, line, 0, "{1961-13} ", () => (text = lines.join("\n")));
      await wait;
      latencies.push(performance.now() - t0);
    }
    text = lines.join("\n");
    console.log(`  edit → diagnostics: median ${fmt(median(latencies))} ms, p95 ${fmt(percentile(latencies, 95))} ms, max ${fmt(Math.max(...latencies))} ms over ${edits} edits`);
    const debounceMatch = /DEBOUNCE_MS\s*=\s*(\d+)/.exec(existsSync(join(root, "server/src/lsp/diagnostics.ts")) ? readFileSync(join(root, "server/src/lsp/diagnostics.ts"), "utf8") : "");
    const debounce = debounceMatch ? Number(debounceMatch[1]) : 0;
    row("LSP edit → fresh diagnostics (1 MB), p95", percentile(latencies, 95), "ms", 15, `includes the server's ${debounce} ms debounce`);
    if (debounce) row("LSP edit → fresh diagnostics (1 MB), p95 minus debounce", percentile(latencies, 95) - debounce, "ms", 15, "the work after the debounce fires");
    if (percentile(latencies, 95) - debounce > 15) editPathMissed = true;

    // The transport's own share of a round trip: a request whose handler does nothing.
    await serverTimes();
    const floor: number[] = [];
    for (let k = 0; k < (quick ? 200 : 1000); k++) {
      t0 = performance.now();
      await serverTimes();
      floor.push(performance.now() - t0);
    }
    console.log(`  empty request round trip: median ${fmt(median(floor))} ms, p99 ${fmt(percentile(floor, 99))} ms`);

    // Hover on entity links, completion inside link targets and citation keys.
    const linkPositions: Array<{ line: number; character: number }> = [];
    const citePositions: Array<{ line: number; character: number }> = [];
    lines.forEach((l, i) => {
      for (const m of l.matchAll(/\[\[/g)) if (linkPositions.length < 2000 && m.index! % 3 === 0) linkPositions.push({ line: i, character: m.index! + 3 });
      for (const m of l.matchAll(/\[@/g)) if (citePositions.length < 1000) citePositions.push({ line: i, character: m.index! + 3 });
    });
    const hovers: number[] = [];
    let hoverHits = 0;
    await serverTimes();
    for (let k = 0; k < (quick ? 200 : 1000); k++) {
      const p = linkPositions[(k * 31) % linkPositions.length];
      t0 = performance.now();
      const h = await hover(s, uri1, p.line, p.character);
      hovers.push(performance.now() - t0);
      if (h) hoverHits++;
    }
    const hoverServer = (await serverTimes()).hover ?? [];
    console.log(`  hover: round trip median ${fmt(median(hovers))} ms, p99 ${fmt(percentile(hovers, 99))} ms; in the server median ${fmt(median(hoverServer))} ms, p99 ${fmt(percentile(hoverServer, 99))} ms (${hoverHits}/${hovers.length} returned a card)`);
    row("LSP hover, p99 in the server", percentile(hoverServer, 99), "ms", 2, `${hoverHits}/${hovers.length} answered with a card`);
    row("LSP hover, p99 round trip", percentile(hovers, 99), "ms", 2, `median ${fmt(median(hovers))} ms; an empty request's round trip: p99 ${fmt(percentile(floor, 99))} ms`);
    if (percentile(hovers, 99) > 2) {
      explain("LSP hover round trip", [
        `in the server: median ${fmt(median(hoverServer))} ms, p99 ${fmt(percentile(hoverServer, 99))} ms, max ${fmt(Math.max(...hoverServer))} ms`,
        `a request whose handler does nothing: round trip median ${fmt(median(floor))} ms, p99 ${fmt(percentile(floor, 99))} ms — the floor of this transport on this machine`,
      ]);
    }
    const completions: number[] = [];
    await serverTimes();
    let items = 0;
    for (let k = 0; k < (quick ? 200 : 1000); k++) {
      const p = k % 2 ? linkPositions[(k * 17) % linkPositions.length] : citePositions[(k * 13) % citePositions.length];
      t0 = performance.now();
      const c: any = await complete(s, uri1, p.line, p.character);
      completions.push(performance.now() - t0);
      items += Array.isArray(c) ? c.length : (c?.items?.length ?? 0);
    }
    const completionServer = (await serverTimes()).completion ?? [];
    console.log(
      `  completion: round trip median ${fmt(median(completions))} ms, p99 ${fmt(percentile(completions, 99))} ms; in the server median ${fmt(median(completionServer))} ms, p99 ${fmt(percentile(completionServer, 99))} ms (avg ${fmt(items / completions.length, 1)} items)`,
    );
    row("LSP completion, p99 in the server", percentile(completionServer, 99), "ms", 5, `avg ${fmt(items / completions.length, 1)} items`);
    row("LSP completion, p99 round trip", percentile(completions, 99), "ms", 5, `median ${fmt(median(completions))} ms`);
    if (percentile(completions, 99) > 5) {
      explain("LSP completion round trip", [
        `in the server: median ${fmt(median(completionServer))} ms, p99 ${fmt(percentile(completionServer, 99))} ms; the rest is serialising ${fmt(items / completions.length, 1)} items on average and the transport (empty request p99 ${fmt(percentile(floor, 99))} ms)`,
      ]);
    }

    // The 10 MB manuscript: the longest synchronous slice, first at open, then while editing.
    const uri10 = pathToFileURL(file10).href;
    writeFileSync(eldOut + ".reset", "");
    await sleep(300);
    await serverTimes();
    t0 = performance.now();
    const first10 = s.diagnosticsFor(uri10, 1, 120000);
    await open(s, uri10, m10.text, 1);
    await first10;
    const openMs = performance.now() - t0;
    await sleep(400);
    const atOpen = readEld(eldOut);
    const slicesAtOpen = await serverTimes();
    writeFileSync(eldOut + ".reset", "");
    await sleep(300);
    const lines10 = m10.text.split("\n");
    const lat10: number[] = [];
    const paragraphLines10 = lines10.map((l, i) => (l.startsWith("{") || /^[A-Z]/.test(l) ? i : -1)).filter((i) => i >= 0);
    for (let k = 0; k < (quick ? 3 : 6); k++) {
      const line = paragraphLines10[Math.floor((k + 0.5) * (paragraphLines10.length / 6))];
      lines10[line] = "{1961-13} " + lines10[line];
      const wait = s.diagnosticsFor(uri10, k + 2, 120000);
      t0 = performance.now();
      await change(s, uri10, k + 2, line, 0, "{1961-13} ", () => lines10.join("\n"));
      await wait;
      lat10.push(performance.now() - t0);
      // a hover between edits, as a user would
      const p = linkPositions[k];
      await hover(s, uri1, p.line, p.character);
    }
    await sleep(400);
    const whileEditing = readEld(eldOut);
    const slicesEditing = await serverTimes();
    console.log(
      `  10 MB: open → diagnostics ${fmt(openMs)} ms; longest event-loop stall at open ${fmt(atOpen.maxMs)} ms; edit → diagnostics median ${fmt(median(lat10))} ms; longest stall while editing ${fmt(whileEditing.maxMs)} ms`,
    );
    row("LSP longest synchronous slice while editing the 10 MB manuscript", whileEditing.maxMs, "ms", 50, `at open: ${fmt(atOpen.maxMs)} ms; edit → diagnostics median ${fmt(median(lat10))} ms`);
    if (Math.max(whileEditing.maxMs, atOpen.maxMs) > 50) {
      const gc = (e: typeof atOpen) => `longest garbage-collection pause ${fmt(e.gcMaxMs ?? NaN)} ms (${e.gcKind || "?"}), ${e.gcOver50 ?? "?"} pauses over 50 ms`;
      // The server's own longest stretch per kind of work (lsp/diagnostics.ts records them under CLIO_TIMINGS).
      const longest = (t: Record<string, number[]>) =>
        Object.entries(t)
          .filter(([name]) => name.startsWith("slice") || name === "publish")
          .map(([name, list]) => `${name} ${fmt(Math.max(...list))} ms`)
          .join(", ");
      explain("10 MB slices", [
        `at open: longest stall ${fmt(atOpen.maxMs)} ms; ${gc(atOpen)}; longest stretch by kind: ${longest(slicesAtOpen)}`,
        `while editing: longest stall ${fmt(whileEditing.maxMs)} ms; ${gc(whileEditing)}; longest stretch by kind: ${longest(slicesEditing)}`,
      ]);
    }
  } finally {
    await s.stop();
  }
});

// The server's edit path, phase by phase, in this process: the same workspace calls the
// language server makes after its debounce (lsp/diagnostics.ts), minus the transport.
await step("edit path by phase (in-process, 1 MB)", async () => {
  const ws = new ClioWorkspace(memoryHost(bibFiles));
  ws.setDocument(file1, m1.text, 1);
  ws.documentDiagnostics(file1);
  ws.workspaceDiagnostics();
  const lines = m1.text.split("\n");
  const paragraphLines = lines.map((l, i) => (l.startsWith("{") || /^[A-Z]/.test(l) ? i : -1)).filter((i) => i >= 0);
  const phases = { parse: [] as number[], "document checks": [] as number[], "workspace checks": [] as number[] };
  const edit = (k: number, timed: boolean) => {
    const line = paragraphLines[(k * 7919) % paragraphLines.length];
    lines[line] = "{1961-13} " + lines[line];
    const text = lines.join("\n");
    let t0 = performance.now();
    parseModule.finish(ws.setDocumentInSteps(file1, text, k + 2));
    if (timed) phases.parse.push(performance.now() - t0);
    t0 = performance.now();
    parseModule.finish(ws.documentDiagnosticsInSteps(file1));
    if (timed) phases["document checks"].push(performance.now() - t0);
    t0 = performance.now();
    parseModule.finish(ws.workspaceDiagnosticsInSteps());
    if (timed) phases["workspace checks"].push(performance.now() - t0);
  };
  const edits = quick ? 20 : 60;
  for (let k = 0; k < edits; k++) edit(k, true);
  const summary = Object.entries(phases).map(([name, list]) => `${name} median ${fmt(median(list))} ms, p95 ${fmt(percentile(list, 95))} ms`);
  console.log(`  per edit: ${summary.join("; ")}`);
  if (editPathMissed) {
    const top = await profileTop(() => {
      for (let k = edits; k < edits + 30; k++) edit(k, false);
    }, join(outDir, "edit-1mb.cpuprofile"));
    explain("LSP edit → diagnostics", [`per edit, in-process: ${summary.join("; ")}`, "top self time over 30 edits (bench/out/edit-1mb.cpuprofile):", ...top]);
  }
});

function readEld(file: string): { maxMs: number; p99Ms: number; gcMaxMs?: number; gcKind?: string; gcOver50?: number } {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return { maxMs: NaN, p99Ms: NaN };
  }
}
function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------- extension activation and .vsix

await step("extension activation (stub `vscode`, fake context, separate process)", () => {
  const ext = join(root, "dist/extension.cjs");
  if (!existsSync(ext)) throw new Error("dist/extension.cjs not built");
  const runs = Array.from({ length: quick ? 3 : 7 }, () => {
    const r = spawnSync(process.execPath, [join(root, "bench/activation.cjs"), ext], { encoding: "utf8" });
    return JSON.parse(r.stdout.trim().split("\n").pop()!);
  });
  const errors = runs.map((r) => r.error).filter(Boolean);
  console.log(`  require ${fmt(median(runs.map((r) => r.requireMs)))} ms + activate ${fmt(median(runs.map((r) => r.activateMs)))} ms${errors.length ? ` (activate() threw under the stub: ${errors[0]})` : ""}`);
  const deferred = runs.map((r) => r.deferredMs).filter((x): x is number => typeof x === "number");
  if (deferred.length) notes.push(`activation: the language client (dist/lsp-client.cjs) loads right after activate() returns, in a median ${fmt(median(deferred))} ms — not part of activation, but the extension host is busy for that long.`);
  row("extension activation (require + activate, stub vscode), median", median(runs.map((r) => r.totalMs)), "ms", 50, "measured without VS Code");
});

await step(".vsix size (`npm run package`)", () => {
  if (args.has("--no-vsix")) throw new Error("skipped (--no-vsix)");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  if (!pkg.scripts?.package) throw new Error("package.json has no `package` script yet");
  const before = Date.now();
  try {
    execFileSync("npm", ["run", "package"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], timeout: 300000 });
  } catch (err) {
    throw new Error(`npm run package failed: ${String((err as any).stderr ?? err).split("\n").slice(-3).join(" ")}`);
  }
  const vsix = readdirSync(root)
    .filter((f) => f.endsWith(".vsix"))
    .map((f) => ({ f, st: statSync(join(root, f)) }))
    .filter((x) => x.st.mtimeMs >= before - 1000)
    .sort((a, b) => b.st.mtimeMs - a.st.mtimeMs)[0];
  if (!vsix) throw new Error("npm run package produced no .vsix in the repository root");
  row(`.vsix size (${vsix.f})`, vsix.st.size / 1048576, "MB", 2);
});

// ---------------------------------------------------------------- report

const header = "| target | figure | limit | ratio (figure/limit) | verdict |\n| --- | ---: | ---: | ---: | --- |";
const table = rows
  .map((r) => {
    const ratio = r.figure / r.target;
    return `| ${r.name}${r.note ? ` (${r.note})` : ""} | ${fmt(r.figure)} ${r.unit} | ≤ ${r.target} ${r.unit} | ${fmt(ratio)} | ${ratio <= 1 ? "ok" : "MISSED"} |`;
  })
  .join("\n");
const env = `Node ${process.version}, ${process.platform}/${process.arch}, ${(await import("node:os")).cpus().length} cores, ${new Date().toISOString()}`;
const md = [
  `## Benchmark report\n\n${env}\n\nInputs: manuscript-1mb.md ${(m1.text.length / 1e6).toFixed(2)} MB / ${m1.claims} marked claims; manuscript-10mb.md ${(m10.text.length / 1e6).toFixed(2)} MB / ${m10.claims} marked claims; generated fact bases of 1k/10k/100k entities.\n`,
  header,
  table,
  "\n### Growth\n",
  growthLines.map((l) => `- ${l}`).join("\n"),
  why.length ? "\n### Where the time goes (missed targets)\n\nProfiles and pauses measured by this run; docs/performance.md explains them.\n\n" + why.map((w) => `- **${w.target}**\n${w.lines.map((l) => `  - ${l}`).join("\n")}`).join("\n") : "",
  notes.length ? "\n### Notes\n\n" + notes.map((n) => `- ${n}`).join("\n") : "",
].join("\n");
writeFileSync(join(outDir, "report.md"), md + "\n");
writeFileSync(join(outDir, "report.json"), JSON.stringify({ env, rows, growth: growthLines, notes, why }, null, 2));
console.log("\n" + md);
console.log(`\n(written to bench/out/report.md)`);
