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
const corpora = ["test/fixtures/checks", "test/fixtures/prose"].map((d) => join(root, d));
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

export function evaluate(): { counts: Map<string, Count>; misses: string[] } {
  const bundled = loadBundledFactFiles();
  const counts = new Map<string, Count>();
  const misses: string[] = [];
  const bump = (mode: Mode, code: string, k: keyof Count) => {
    const key = `${mode}\t${code}`;
    const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(key, c);
  };
  for (const corpus of corpora) {
    for (const unit of units(corpus)) {
      const ws = new ClioWorkspace(createNodeHost(unit.root, bundled));
      const texts = new Map(unit.files.map((f) => [f, readFileSync(f, "utf8")]));
      for (const [f, text] of texts) ws.setDocument(f, text);
      const workspace = ws.workspaceDiagnostics();
      for (const [f, text] of texts) {
        const rel = relative(root, f);
        const proseFixture = rel.startsWith("test/fixtures/prose/");
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
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
  const header = ["mode", "code", "TP", "FP", "FN", "precision", "recall"];
  const table: string[][] = rows.map(([key, c]) => [...key.split("\t"), `${c.tp}`, `${c.fp}`, `${c.fn}`, pct(c.tp, c.tp + c.fp), pct(c.tp, c.tp + c.fn)]);
  for (const mode of ["marked", "prose"] as const) {
    const t = rows.filter(([k]) => k.startsWith(mode)).reduce((s, [, c]) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    table.push([mode, "ALL", `${t.tp}`, `${t.fp}`, `${t.fn}`, pct(t.tp, t.tp + t.fp), pct(t.tp, t.tp + t.fn)]);
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
