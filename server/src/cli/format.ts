// Printing diagnostics: eslint-like lines for people, spec §7 JSON for tools.
import * as path from "node:path";
import type { ClioDiagnostic, Severity } from "../core/types.js";

export interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Severity;
  code: string;
  message: string;
}

/** A path as the user would type it: relative to the cwd when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function sortDiagnostics(list: ClioDiagnostic[]): ClioDiagnostic[] {
  return list.sort(
    (a, b) =>
      (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      ORDER[a.severity] - ORDER[b.severity] ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** Spec §7, field for field; 0-based LSP positions. */
export function toJson(list: readonly ClioDiagnostic[], cwd: string): JsonDiagnostic[] {
  return list.map((d) => ({
    file: displayPath(d.uri, cwd),
    range: {
      start: { line: d.range.start.line, character: d.range.start.character },
      end: { line: d.range.end.line, character: d.range.end.character },
    },
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
}

const COLOURS: Record<Severity, string> = { error: "\x1b[31m", warning: "\x1b[33m", information: "\x1b[36m", hint: "\x1b[2m" };
const RESET = "\x1b[0m";
const DIM = "\x1b[2m";
const BOLD = "\x1b[1m";

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `file:line:col  severity  code  message` lines (1-based line and column) and a summary line. */
export function formatPretty(list: readonly ClioDiagnostic[], cwd: string, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of list) {
    counts[d.severity]++;
    const where = `${displayPath(d.uri, cwd)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    lines.push(`${where}  ${paint(COLOURS[d.severity], d.severity.padEnd(11))}  ${paint(DIM, d.code)}  ${d.message}`);
  }
  if (list.length === 0) {
    lines.push(paint(BOLD, "No problems."));
  } else {
    const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
    if (counts.information) parts.push(`${counts.information} information`);
    if (counts.hint) parts.push(plural(counts.hint, "hint"));
    const summary = `✖ ${plural(list.length, "problem")} (${parts.join(", ")})`;
    lines.push("", paint(counts.error ? `${BOLD}${COLOURS.error}` : BOLD, summary));
  }
  return `${lines.join("\n")}\n`;
}
