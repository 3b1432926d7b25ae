// Inline expectations for fixture papers: a marker line
//     <!-- ^^^^^^^^^ date-invalid -->
//     <!-- ^^^^ warning: name-anachronism -->
// expects a diagnostic whose range starts at the carets' column on the nearest
// preceding non-marker line (and ends at the last caret + 1 when the
// diagnostic ends on that same line). Used by test/fixtures.test.ts.
//
// Columns 0–4 cannot sit under `<!-- `, so a marker may name its start column
// after the code: `<!-- ^^^^^^^^^ date-invalid @0 -->` expects columns 0–9.
// Inside YAML front matter, where an HTML comment would break the YAML, markers
// are YAML comments: `#     ^^^^ warning: front-matter-invalid`.
import type { ClioDiagnostic, Severity } from "../server/src/core/types.js";

export interface Expectation {
  /** 0-based line the carets point at, and the 0-based line of the marker itself. */
  line: number;
  markerLine: number;
  start: number;
  end: number;
  code: string;
  severity?: Severity;
}

const MARKER = /^<!--( *)(\^+)\s+(?:(error|warning|information|hint):\s*)?([A-Za-z][\w-]*)(?:\s+@(\d+))?\s*-->\s*$/;
const YAML_MARKER = /^#( *)(\^+)\s+(?:(error|warning|information|hint):\s*)?([A-Za-z][\w-]*)(?:\s+@(\d+))?\s*$/;
/** A line that looks like a marker but does not parse is an authoring mistake, reported rather than ignored. */
const MARKERISH = /^<!--\s*\^/;
const YAML_MARKERISH = /^#\s*\^/;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

export function parseExpectations(text: string): { expectations: Expectation[]; errors: string[] } {
  const lines = splitLines(text);
  const expectations: Expectation[] = [];
  const errors: string[] = [];
  let target = -1;
  // Front matter: an opening `---` on the first line up to the closing `---` or `...`.
  let frontMatterEnd = -1;
  if (/^---\s*$/.test(lines[0] ?? "")) {
    frontMatterEnd = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  }
  lines.forEach((line, index) => {
    const inFrontMatter = index > 0 && index < frontMatterEnd;
    const m = (inFrontMatter ? YAML_MARKER : MARKER).exec(line);
    if (!m) {
      if ((inFrontMatter ? YAML_MARKERISH : MARKERISH).test(line)) errors.push(`line ${index + 1}: malformed marker: ${line}`);
      else target = index;
      return;
    }
    if (target < 0) {
      errors.push(`line ${index + 1}: marker with no line above it`);
      return;
    }
    const start = m[5] !== undefined ? Number(m[5]) : line.indexOf("^");
    expectations.push({
      line: target,
      markerLine: index,
      start,
      end: start + m[2].length,
      code: m[4],
      ...(m[3] ? { severity: m[3] as Severity } : {}),
    });
  });
  return { expectations, errors };
}

function matches(e: Expectation, d: ClioDiagnostic): boolean {
  if (d.code !== e.code) return false;
  if (d.range.start.line !== e.line || d.range.start.character !== e.start) return false;
  if (d.range.end.line === e.line && d.range.end.character !== e.end) return false;
  return e.severity === undefined || e.severity === d.severity;
}

/** A marker line for a produced diagnostic, ready to paste under its line. */
export function markerFor(d: ClioDiagnostic): string {
  const end = d.range.end.line === d.range.start.line ? d.range.end.character : d.range.start.character + 1;
  return markerText(d.range.start.character, Math.max(1, end - d.range.start.character), `${d.severity}: ${d.code}`);
}

function markerText(start: number, length: number, label: string): string {
  if (start < 5) return `<!-- ${"^".repeat(length)} ${label} @${start} -->`;
  return `<!-- ${" ".repeat(start - 5)}${"^".repeat(length)} ${label} -->`;
}

/** Compares produced diagnostics against the expectations; `report` is a readable diff when they differ. */
export function compareDiagnostics(
  name: string,
  text: string,
  expectations: readonly Expectation[],
  produced: readonly ClioDiagnostic[],
): { ok: boolean; report: string } {
  const unmatched = [...produced];
  const missing: Expectation[] = [];
  for (const e of expectations) {
    const i = unmatched.findIndex((d) => matches(e, d));
    if (i >= 0) unmatched.splice(i, 1);
    else missing.push(e);
  }
  if (missing.length === 0 && unmatched.length === 0) return { ok: true, report: "" };
  const lines = splitLines(text);
  const byLine = new Map<number, string[]>();
  const add = (line: number, entry: string) => {
    const list = byLine.get(line) ?? [];
    list.push(entry);
    byLine.set(line, list);
  };
  for (const e of missing) {
    // Drawn as the marker the author wrote: `<!-- ` is 5 columns wide.
    const marker = markerText(e.start, e.end - e.start, `${e.severity ? e.severity + ": " : ""}${e.code}`);
    add(e.line, `  expected, not produced:\n    ${marker}  (line ${e.line + 1}, columns ${e.start}–${e.end})`);
  }
  for (const d of unmatched) {
    add(
      d.range.start.line,
      `  produced, not expected:\n    ${markerFor(d)}  (${d.range.start.line + 1}:${d.range.start.character}–${d.range.end.line + 1}:${d.range.end.character}) ${d.message}`,
    );
  }
  const out = [`${name}: diagnostics differ from the markers`];
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    out.push(`line ${line + 1}:`, `    ${lines[line] ?? ""}`, ...byLine.get(line)!);
  }
  return { ok: false, report: out.join("\n") };
}
