// `clio facts …`: inspect, validate and extend the fact base.
//   stats            counts by type
//   audit            facts lacking provenance, recorded conflicts, events per seed work
//   validate [FILES] schema and semantic problems with file positions
//   import-wikidata FILE.json [-o FILE]   Wikidata entity JSON → a fact file
//   export-csl [-o FILE]                  bundled + workspace sources as CSL-JSON
import * as fs from "node:fs";
import * as path from "node:path";
import { ClioWorkspace, type WorkspaceHost } from "../core/workspace.js";
import { buildFactIndex } from "../core/facts/index.js";
import { auditFacts, factStats } from "../core/facts/audit.js";
import { importWikidata } from "../core/facts/wikidata.js";
import { sourcesToCsl } from "../core/bib/index.js";
import { createNodeHost, loadBundledFactFiles, readTextFile } from "../node/host.js";
import type { FactFileText, FactIndex, FactProblem } from "../core/types.js";

const USAGE = `usage: clio facts COMMAND [options]
  stats [--json]                      counts of entities, events, offices, sources… by type
  audit [--json]                      facts without provenance or locator, recorded conflicts, events per seed work
                                      (exit 1 when a fact lacks provenance)
  validate [FILES…] [--json]          check fact files (.yaml/.json) and bibliographies (.bib/.json);
                                      without FILES, the bundled base and the workspace's fact files
                                      (exit 1 on any error)
  import-wikidata FILE.json [-o OUT]  convert Wikidata entity JSON (dump lines or Special:EntityData)
                                      into a fact file (default: standard output)
  export-csl [-o OUT]                 write bundled and workspace sources as CSL-JSON, for
                                      pandoc --citeproc --bibliography OUT
options:
  --root DIR   workspace root holding clio.facts.yaml and .clio/*.yaml (default: current folder)
  --no-bundled leave the bundled fact base out`;

interface Options {
  json: boolean;
  out?: string;
  root: string;
  bundled: boolean;
  rest: string[];
}

export async function runFacts(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const opts = parseOptions(rest);
  if (typeof opts === "string") return usage(opts);
  switch (command) {
    case "stats":
      return stats(opts);
    case "audit":
      return audit(opts);
    case "validate":
      return validate(opts);
    case "import-wikidata":
      return importCommand(opts);
    case "export-csl":
      return exportCsl(opts);
    default:
      return usage(`unknown command "${command}"`);
  }
}

function parseOptions(args: string[]): Options | string {
  const opts: Options = { json: false, root: process.cwd(), bundled: true, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json" || a === "--format=json") opts.json = true;
    else if (a === "--format") {
      if (args[++i] !== "json") return "--format takes json";
      opts.json = true;
    } else if (a === "-o" || a === "--output") {
      opts.out = args[++i];
      if (opts.out === undefined) return "-o needs a file name";
    } else if (a.startsWith("--output=")) opts.out = a.slice(9);
    else if (a === "--root") {
      const root = args[++i];
      if (root === undefined) return "--root needs a folder";
      opts.root = path.resolve(root);
    } else if (a === "--no-bundled") opts.bundled = false;
    else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
    else opts.rest.push(a);
  }
  return opts;
}

function usage(message: string): number {
  process.stderr.write(`clio facts: ${message} (see clio facts --help)\n`);
  return 2;
}

const readText = readTextFile;

function bundledFactFiles(): FactFileText[] {
  return loadBundledFactFiles();
}

function host(opts: Options): WorkspaceHost {
  return createNodeHost(opts.root, opts.bundled ? bundledFactFiles() : []);
}

/** Bundled facts plus the workspace's fact files, loaded as the editor loads them. */
function loadIndex(opts: Options): FactIndex {
  return new ClioWorkspace(host(opts)).facts();
}

function write(opts: Options, text: string): number {
  if (opts.out === undefined || opts.out === "-") {
    process.stdout.write(text);
    return 0;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    fs.writeFileSync(opts.out, text);
    return 0;
  } catch (err) {
    process.stderr.write(`clio facts: cannot write ${opts.out}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

function formatProblem(p: FactProblem): string {
  return `${display(p.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]`;
}

// ---------------------------------------------------------------- stats

function stats(opts: Options): number {
  const s = factStats(loadIndex(opts));
  if (opts.json) return write(opts, `${JSON.stringify(s, null, 2)}\n`);
  const lines: string[] = [];
  const section = (title: string, counts: Record<string, number>) => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    lines.push(`${title}: ${total}`);
    for (const [k, n] of Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`  ${k.padEnd(24)} ${n}`);
  };
  section("entities", s.entities);
  section("events", s.events);
  lines.push(`offices: ${s.offices}`, `name periods: ${s.namePeriods}`, `titles: ${s.titles}`, `event types: ${s.eventTypes}`);
  section("sources", s.sources);
  section("sources by origin", s.sourcesByOrigin);
  lines.push(`recorded conflicts: ${s.conflicts}`, `problems: ${s.problems}${s.problems ? " (run `clio facts validate`)" : ""}`);
  return write(opts, `${lines.join("\n")}\n`);
}

// ---------------------------------------------------------------- audit

function audit(opts: Options): number {
  const a = auditFacts(loadIndex(opts));
  if (opts.json) {
    const json = {
      unsourced: a.unsourced,
      conflicts: a.conflicts,
      seeds: a.seeds.map((s) => ({ key: s.key, seedFile: s.seedFile, facts: s.facts, events: s.events.map((e) => ({ id: e.id, date: e.date, name: e.name })) })),
    };
    const code = write(opts, `${JSON.stringify(json, null, 2)}\n`);
    return code || (a.unsourced.length ? 1 : 0);
  }
  const lines: string[] = [];
  lines.push(`facts without provenance: ${a.unsourced.length}`);
  for (const u of a.unsourced) lines.push(`  ${display(u.file)}:${u.line}: ${u.what}`);
  lines.push("", `recorded conflicts: ${a.conflicts.length}`);
  for (const c of a.conflicts) {
    lines.push(`  ${c.about}  (${c.sources.map((s) => (s.locator ? `${s.key}, ${s.locator}` : s.key)).join("; ")})  ${display(c.file)}:${c.line}`);
    if (c.note) lines.push(`    ${c.note}`);
  }
  for (const s of a.seeds) {
    lines.push("", `${s.key} (${s.seedFile}): ${s.events.length} event(s), ${s.facts} fact(s) citing it directly`);
    for (const e of s.events) lines.push(`  ${e.date.padEnd(24)} ${e.id}`);
  }
  const code = write(opts, `${lines.join("\n")}\n`);
  return code || (a.unsourced.length ? 1 : 0);
}

// ---------------------------------------------------------------- validate

function validate(opts: Options): number {
  let problems: readonly FactProblem[];
  if (opts.rest.length === 0) problems = loadIndex(opts).problems;
  else {
    // Named files load after the bundled base (so their references resolve) and are the only ones reported.
    const files: FactFileText[] = [];
    for (const f of opts.rest) {
      const text = readText(f);
      if (text === undefined) {
        process.stderr.write(`clio facts: cannot read ${f}\n`);
        return 2;
      }
      files.push({ file: path.resolve(f), text, origin: "workspace" });
    }
    const named = new Set(files.map((f) => f.file));
    const bundled = opts.bundled ? bundledFactFiles().filter((f) => !named.has(f.file)) : [];
    problems = buildFactIndex([...bundled, ...files]).problems.filter((p) => named.has(p.file));
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  if (opts.json) {
    const json = problems.map((p) => ({ file: p.file, range: p.range, severity: p.severity, code: p.code, message: p.message }));
    const code = write(opts, `${JSON.stringify(json, null, 2)}\n`);
    return code || (errors ? 1 : 0);
  }
  const text = problems.map(formatProblem).join("\n");
  const summary = `${problems.length} problem(s), ${errors} error(s)`;
  const code = write(opts, text ? `${text}\n${summary}\n` : `${summary}\n`);
  return code || (errors ? 1 : 0);
}

// ---------------------------------------------------------------- import-wikidata

function importCommand(opts: Options): number {
  if (opts.rest.length !== 1) return usage("import-wikidata takes one FILE.json");
  const input = opts.rest[0];
  const text = input === "-" ? readStdin() : readText(input);
  if (text === undefined) {
    process.stderr.write(`clio facts: cannot read ${input}\n`);
    return 2;
  }
  const r = importWikidata(text);
  if (r.error) {
    process.stderr.write(`clio facts: ${input}: ${r.error}\n`);
    return 2;
  }
  for (const w of r.warnings) process.stderr.write(`clio facts: ${input}: ${w}\n`);
  const code = write(opts, r.yaml);
  if (code === 0 && opts.out) process.stderr.write(`clio facts: wrote ${r.entities} entit${r.entities === 1 ? "y" : "ies"} to ${opts.out}\n`);
  return code;
}

function readStdin(): string | undefined {
  try {
    return fs.readFileSync(0, "utf8");
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- export-csl

function exportCsl(opts: Options): number {
  const index = loadIndex(opts);
  return write(opts, `${JSON.stringify(sourcesToCsl(index.sources.values()), null, 2)}\n`);
}
