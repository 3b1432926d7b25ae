// Accuracy report of the checks over the fixture corpus (test/fixtures/checks
// and test/fixtures/prose): every marker line is a labelled positive; a
// diagnostic without a marker is a false positive, a marker without a
// diagnostic a false negative. Prints precision and recall per code, for marked
// claims and prose mode separately (a diagnostic is prose-mode when it comes
// from an implicit claim; a missed marker counts as prose-mode when its fixture
// lives under test/fixtures/prose/).
// Usage: npm run eval [-- --verbose] [-- --markdown]
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ClioWorkspace } from "../server/src/core/workspace.js";
import { createNodeHost, loadBundledFactFiles } from "../server/src/node/host.js";
import type { ClioDiagnostic } from "../server/src/core/types.js";
import { parseExpectations } from "../test/fixture-expectations.js";

const root = join(fileURLToPath(import.meta.url), "../..");
// The fixtures (run by `npm test` too, so they always pass) and a challenge corpus
// (bench/eval-corpus/) written blind in batches and only read by this report, so a
// miss there does not break the build. See docs/checks.md#accuracy.
const corpora = [
  { name: "fixtures", dirs: ["test/fixtures/checks", "test/fixtures/prose"] },
  { name: "challenge", dirs: ["bench/eval-corpus"] },
];
const verbose = process.argv.includes("--verbose");
const markdown = process.argv.includes("--markdown");

/** Workspaces as the fixture runner builds them: each paper alone (rooted at its folder), or a `*.workspace` folder together. */
function units(dir: string): Array<{ root: string; files: string[] }> {
  const out: Array<{ root: string; files: string[] }> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name.endsWith(".workspace")) {
          out.push({ root: p, files: readdirSync(p).filter((f) => /\.(md|qmd|Rmd)$/.test(f)).sort().map((f) => join(p, f)) });
        } else walk(p);
      } else if (/\.(md|qmd|Rmd)$/.test(name)) out.push({ root: d, files: [p] });
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

type Mode = "marked" | "prose";
interface Count {
  tp: number;
  fp: number;
  fn: number;
}

/** Counts keyed by "corpus\tmode\tcode". */
export function evaluate(): { counts: Map<string, Count>; misses: string[] } {
  const bundled = loadBundledFactFiles();
  const counts = new Map<string, Count>();
  const misses: string[] = [];
  for (const corpus of corpora) {
    const bump = (mode: Mode, code: string, k: keyof Count) => {
      const key = `${corpus.name}\t${mode}\t${code}`;
      const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0 };
      c[k]++;
      counts.set(key, c);
    };
    for (const unit of corpus.dirs.flatMap((d) => units(join(root, d)))) {
      const ws = new ClioWorkspace(createNodeHost(unit.root, bundled));
      const texts = new Map(unit.files.map((f) => [f, readFileSync(f, "utf8")]));
      for (const [f, text] of texts) ws.setDocument(f, text);
      const workspace = ws.workspaceDiagnostics();
      for (const [f, text] of texts) {
        const rel = relative(root, f);
        // A marker nobody matched counts as prose-mode when its paper is a prose one (by folder or name).
        const proseFixture = /(^|\/)prose[-/]/.test(rel);
        const produced: ClioDiagnostic[] = [...ws.documentDiagnostics(f), ...(workspace.get(f) ?? [])].filter((d) => d.uri === f);
        const expected = parseExpectations(text).expectations;
        const used = new Set<ClioDiagnostic>();
        for (const e of expected) {
          const hit = produced.find(
            (d) =>
              !used.has(d) &&
              d.code === e.code &&
              d.range.start.line === e.line &&
              d.range.start.character === e.start &&
              (d.range.end.line !== e.line || d.range.end.character === e.end) &&
              (!e.severity || d.severity === e.severity),
          );
          if (hit) {
            used.add(hit);
            bump(hit.implicit ? "prose" : "marked", e.code, "tp");
          } else {
            bump(proseFixture ? "prose" : "marked", e.code, "fn");
            misses.push(`FN ${rel}:${e.line + 1}:${e.start + 1} ${e.severity ? e.severity + ": " : ""}${e.code}`);
          }
        }
        for (const d of produced) {
          if (used.has(d)) continue;
          bump(d.implicit ? "prose" : "marked", d.code, "fp");
          misses.push(`FP ${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity}: ${d.code} — ${d.message}`);
        }
      }
    }
  }
  return { counts, misses };
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { counts, misses } = evaluate();
  const order = (k: string) => corpora.findIndex((c) => k.startsWith(`${c.name}\t`));
  const rows = [...counts].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
  const header = ["corpus", "mode", "code", "TP", "FP", "FN", "precision", "recall"];
  const line = (key: string[], c: Count) => [...key, `${c.tp}`, `${c.fp}`, `${c.fn}`, pct(c.tp, c.tp + c.fp), pct(c.tp, c.tp + c.fn)];
  const table: string[][] = [];
  for (const corpus of corpora) {
    for (const mode of ["marked", "prose"] as const) {
      const mine = rows.filter(([k]) => k.startsWith(`${corpus.name}\t${mode}\t`));
      for (const [key, c] of mine) table.push(line(key.split("\t"), c));
      const t = mine.reduce((s, [, c]) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
      if (mine.length) table.push(line([corpus.name, mode, "ALL"], t));
    }
  }
  if (markdown) {
    console.log(`| ${header.join(" | ")} |\n| ${header.map(() => "---").join(" | ")} |`);
    for (const r of table) console.log(`| ${r.join(" | ")} |`);
  } else {
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ");
    console.log(fmt(header));
    for (const r of table) console.log(fmt(r));
  }
  if (verbose || misses.length) {
    console.log(verbose ? "" : `\n${misses.length} mismatches (run with --verbose for details)`);
    if (verbose) for (const m of misses) console.log(m);
  }
}
