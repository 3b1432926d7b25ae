// Turning the command line's paths into files: folders are walked for papers,
// globs (`*`, `?`, `**`, `[abc]`, `{a,b}`) are matched here because Node 20
// has no fs.globSync. Hidden folders and node_modules are skipped unless a
// pattern names them.
import * as fs from "node:fs";
import * as path from "node:path";

export const PAPER = /\.(md|markdown|qmd|rmd)$/i;
export const FACT_FILE = /\.ya?ml$/i;
export const BIBLIOGRAPHY = /\.(bib|json)$/i;

export type InputKind = "paper" | "facts" | "bibliography";

export function kindOf(file: string): InputKind | undefined {
  if (PAPER.test(file)) return "paper";
  if (FACT_FILE.test(file)) return "facts";
  if (BIBLIOGRAPHY.test(file)) return "bibliography";
  return undefined;
}

function skipDirectory(name: string): boolean {
  return name === "node_modules" || name.startsWith(".");
}

/** Papers under a folder, recursively, in name order. */
export function walkPapers(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDirectory(entry.name)) walkPapers(full, out);
    } else if (PAPER.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** One path segment's glob as an anchored regular expression (no backtracking hazards: `*` is `[^/]*`). */
export function segmentToRegExp(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = segment.indexOf("]", i + 1);
      if (close < 0) source += "\\[";
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\");
        source += `[${body}]`;
        i = close;
      }
    } else if (c === "{") {
      const close = segment.indexOf("}", i + 1);
      if (close < 0) source += "\\{";
      else {
        const options = segment.slice(i + 1, close).split(",").map((o) => o.replace(/[.+^$()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]"));
        source += `(?:${options.join("|")})`;
        i = close;
      }
    } else source += c.replace(/[.+^$()|\\\]}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Files matching a glob relative to `cwd` (or absolute), sorted. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const normalised = pattern.split(path.sep).join("/");
  const absolute = path.isAbsolute(normalised);
  const segments = normalised.split("/").filter((s, i) => s !== "" || i === 0);
  let base = absolute ? path.parse(path.resolve(normalised)).root : cwd;
  if (absolute && segments[0] === "") segments.shift();
  // Leading literal segments just move the base.
  while (segments.length > 1 && !isGlob(segments[0]) && segments[0] !== "**") {
    base = path.join(base, segments.shift()!);
  }
  const results = new Set<string>();
  const matchers = segments.map((s) => (s === "**" ? "**" : segmentToRegExp(s)));
  const visit = (dir: string, index: number) => {
    if (index >= matchers.length) return;
    const matcher = matchers[index];
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (matcher === "**") {
      // `**` matches zero folders here, or one more and stays.
      visit(dir, index + 1);
      for (const entry of entries) {
        if (entry.isDirectory() && !skipDirectory(entry.name)) visit(path.join(dir, entry.name), index);
      }
      return;
    }
    const last = index === matchers.length - 1;
    const explicitDot = segments[index].startsWith(".");
    for (const entry of entries) {
      if (!matcher.test(entry.name)) continue;
      if (entry.name.startsWith(".") && !explicitDot) continue;
      const full = path.join(dir, entry.name);
      if (last) {
        if (entry.isFile()) results.add(full);
        else if (entry.isDirectory()) walkPapers(full).forEach((f) => results.add(f));
      } else if (entry.isDirectory() && (!skipDirectory(entry.name) || explicitDot)) {
        visit(full, index + 1);
      }
    }
  };
  visit(base, 0);
  return [...results].sort();
}

export interface CollectedInputs {
  papers: string[];
  factFiles: string[];
  bibliographies: string[];
  /** Inputs that name nothing readable, with why. */
  problems: string[];
}

/** Sorts the command line's paths into papers, fact files and bibliographies (absolute, de-duplicated). */
export function collectInputs(inputs: readonly string[], cwd: string): CollectedInputs {
  const out: CollectedInputs = { papers: [], factFiles: [], bibliographies: [], problems: [] };
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean) => {
    if (seen.has(file)) return;
    const kind = kindOf(file);
    if (!kind) {
      if (explicit) out.problems.push(`${file}: not a paper (.md .markdown .qmd .Rmd), fact file (.yaml) or bibliography (.bib .json)`);
      return;
    }
    seen.add(file);
    if (kind === "paper") out.papers.push(file);
    else if (kind === "facts") out.factFiles.push(file);
    else out.bibliographies.push(file);
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      walkPapers(abs).forEach((f) => add(f, false));
    } else if (stat?.isFile()) {
      add(abs, true);
    } else if (isGlob(input)) {
      const matched = expandGlob(input, cwd);
      if (matched.length === 0) out.problems.push(`${input}: no files match`);
      matched.forEach((f) => add(f, false));
    } else {
      out.problems.push(`${input}: no such file or folder`);
    }
  }
  return out;
}

/** The workspace root for a run: the nearest ancestor of `first` holding clio.facts.yaml or .clio/, else `cwd`. */
export function findWorkspaceRoot(first: string | undefined, cwd: string): string {
  if (first) {
    let dir = path.resolve(cwd, first);
    try {
      if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
    } catch {
      dir = path.dirname(dir);
    }
    for (;;) {
      if (fs.existsSync(path.join(dir, "clio.facts.yaml")) || fs.existsSync(path.join(dir, ".clio"))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return cwd;
}
