// `clio check [paths…] [--format pretty|json] [--fix] [--exit-zero]` (spec §7).
// Every paper of the run is loaded before any diagnostics are computed, so the
// workspace-wide checks (date-conflict) see them all.
import * as fs from "node:fs";
import { ClioWorkspace, problemToDiagnostic } from "../core/workspace.js";
import { parseBibliography } from "../core/bib/index.js";
import { tryApplyEdits } from "../core/fixes/apply.js";
import type { ClioDiagnostic, QuickFix, TextEdit } from "../core/types.js";
import { createNodeHost } from "../node/host.js";
import { offsetAt } from "../core/text.js";
import { collectInputs, findWorkspaceRoot } from "./paths.js";
import { formatPretty, sortDiagnostics, toJson } from "./format.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Colour the pretty output (a TTY without NO_COLOR). */
  colour: boolean;
}

export function processIo(): CliIo {
  const colour =
    process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0"
      ? true
      : !!process.stdout.isTTY && process.env.NO_COLOR === undefined && process.env.TERM !== "dumb";
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    colour,
  };
}

export const CHECK_USAGE = `usage: clio check [PATHS…] [options]
  PATHS            papers (.md .markdown .qmd .Rmd), folders (walked for papers), globs
                   ("papers/**/*.md"), fact files (.yaml) and bibliographies (.bib, CSL .json);
                   default: the current folder
  --format FORMAT  pretty (default) or json (spec §7: 0-based LSP ranges)
  --fix            apply the safe quick fixes, write the files, report what remains
  --exit-zero      exit 0 even when errors are found (exit 2 still signals bad usage)
  -h, --help       this text
exit status: 1 if any error, else 0; 2 for bad usage or unreadable input`;

interface CheckOptions {
  format: "pretty" | "json";
  fix: boolean;
  exitZero: boolean;
  paths: string[];
}

function parseArgs(args: readonly string[]): CheckOptions | { help: true } | { error: string } {
  const options: CheckOptions = { format: "pretty", fix: false, exitZero: false, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-h" || arg === "--help") return { help: true };
    let format: string | undefined;
    if (arg === "--format" || arg === "-f") {
      format = args[++i];
      if (format === undefined) return { error: `${arg} needs a value: pretty or json` };
    } else if (arg.startsWith("--format=")) {
      format = arg.slice("--format=".length);
    } else if (arg === "--fix") {
      options.fix = true;
      continue;
    } else if (arg === "--exit-zero") {
      options.exitZero = true;
      continue;
    } else if (arg === "--") {
      options.paths.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith("-") && arg !== "-") {
      return { error: `unknown option ${arg}` };
    } else {
      options.paths.push(arg);
      continue;
    }
    if (format !== "pretty" && format !== "json") return { error: `unknown format "${format}" (use pretty or json)` };
    options.format = format;
  }
  return options;
}

/** Same diagnostic reported twice (a bibliography shared by two papers) is printed once. */
function dedupe(list: ClioDiagnostic[]): ClioDiagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.uri}\0${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collectDiagnostics(ws: ClioWorkspace, papers: readonly string[], extra: readonly ClioDiagnostic[], bundledFiles: ReadonlySet<string>): ClioDiagnostic[] {
  const out: ClioDiagnostic[] = [...extra];
  for (const file of papers) out.push(...ws.documentDiagnostics(file));
  for (const list of ws.workspaceDiagnostics().values()) out.push(...list);
  // Problems in the user's fact files (not the bundled base, which has its own tests).
  for (const d of ws.factDiagnostics()) if (!bundledFiles.has(d.uri)) out.push(d);
  return sortDiagnostics(dedupe(out));
}

function preferredSafeFix(d: ClioDiagnostic): QuickFix | undefined {
  const safe = (d.fixes ?? []).filter((f) => f.safe);
  return safe.find((f) => f.preferred) ?? safe[0];
}

/** Applies each diagnostic's safe fix to the papers of the run; a fix that overlaps one already taken waits for the next run. */
function applySafeFixes(ws: ClioWorkspace, papers: readonly string[], diagnostics: readonly ClioDiagnostic[], io: CliIo): number | undefined {
  const paperSet = new Set(papers);
  const accepted = new Map<string, Array<{ start: number; end: number; edit: TextEdit }>>();
  for (const d of diagnostics) {
    const fix = preferredSafeFix(d);
    if (!fix) continue;
    // A fix touching files outside the run (or creating files) is left to the editor.
    if (fix.edits.some((fe) => !paperSet.has(fe.uri) || fe.create)) continue;
    const planned: Array<{ uri: string; start: number; end: number; edit: TextEdit }> = [];
    for (const fe of fix.edits) {
      const doc = ws.getDocument(fe.uri);
      if (!doc) continue;
      for (const edit of fe.edits) {
        const start = offsetAt(doc.lineStarts, edit.range.start, doc.text.length);
        const end = offsetAt(doc.lineStarts, edit.range.end, doc.text.length);
        planned.push({ uri: fe.uri, start, end, edit });
      }
    }
    const clashes = planned.some((p) =>
      (accepted.get(p.uri) ?? []).some((a) => p.start < a.end && a.start < p.end) ||
      planned.some((q) => q !== p && q.uri === p.uri && p.start < q.end && q.start < p.end),
    );
    if (clashes) continue;
    for (const p of planned) {
      const list = accepted.get(p.uri) ?? [];
      list.push({ start: p.start, end: p.end, edit: p.edit });
      accepted.set(p.uri, list);
    }
  }
  for (const [file, edits] of accepted) {
    const doc = ws.getDocument(file)!;
    const result = tryApplyEdits(doc.text, edits.map((e) => e.edit));
    if ("error" in result) {
      io.stderr(`clio: cannot fix ${file}: ${result.error}\n`);
      continue;
    }
    try {
      fs.writeFileSync(file, result.text, "utf8");
    } catch (err) {
      io.stderr(`clio: cannot write ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    ws.setDocument(file, result.text);
  }
  return undefined;
}

export async function runCheck(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseArgs(args);
  if ("help" in parsed) {
    io.stdout(`${CHECK_USAGE}\n`);
    return 0;
  }
  if ("error" in parsed) {
    io.stderr(`clio check: ${parsed.error}\n${CHECK_USAGE}\n`);
    return 2;
  }
  const paths = parsed.paths.length ? parsed.paths : ["."];
  const inputs = collectInputs(paths, io.cwd);
  if (inputs.problems.length) {
    io.stderr(inputs.problems.map((p) => `clio check: ${p}\n`).join(""));
    return 2;
  }
  if (inputs.papers.length + inputs.factFiles.length + inputs.bibliographies.length === 0) {
    io.stderr(`clio check: no papers, fact files or bibliographies found in ${paths.join(", ")}\n`);
    return 2;
  }

  const root = findWorkspaceRoot(paths[0], io.cwd);
  const host = createNodeHost(root);
  const bundledFiles = new Set(host.bundledFacts.map((f) => f.file));
  const ws = new ClioWorkspace(host, { factFiles: inputs.factFiles });
  for (const file of inputs.papers) {
    const text = host.readFile(file);
    if (text === undefined) {
      io.stderr(`clio check: cannot read ${file}\n`);
      return 2;
    }
    // Bad input (issue 7): a NUL byte means a binary file, not a paper; bytes that are
    // not UTF-8 decode as U+FFFD, which we say rather than check silently.
    if (text.includes("\u0000")) {
      io.stderr(`clio check: ${file} is a binary file, not a text paper; not checked\n`);
      return 2;
    }
    if (text.includes("\uFFFD")) io.stderr(`clio check: warning: ${file} is not valid UTF-8; undecodable bytes are read as \uFFFD (save the file as UTF-8)\n`);
    ws.setDocument(file, text);
  }
  for (const file of inputs.factFiles) {
    if (host.readFile(file) === undefined) {
      io.stderr(`clio check: cannot read ${file}\n`);
      return 2;
    }
  }
  const extra: ClioDiagnostic[] = [];
  for (const file of inputs.bibliographies) {
    const text = host.readFile(file);
    if (text === undefined) {
      io.stderr(`clio check: cannot read ${file}\n`);
      return 2;
    }
    for (const p of parseBibliography(file, text).problems) extra.push(problemToDiagnostic(p));
  }

  let diagnostics = collectDiagnostics(ws, inputs.papers, extra, bundledFiles);
  if (parsed.fix) {
    const failed = applySafeFixes(ws, inputs.papers, diagnostics, io);
    if (failed !== undefined) return failed;
    diagnostics = collectDiagnostics(ws, inputs.papers, extra, bundledFiles);
  }

  if (parsed.format === "json") io.stdout(`${JSON.stringify(toJson(diagnostics, io.cwd), null, 2)}\n`);
  else io.stdout(formatPretty(diagnostics, io.cwd, io.colour));
  const hasError = diagnostics.some((d) => d.severity === "error");
  return hasError && !parsed.exitZero ? 1 : 0;
}
