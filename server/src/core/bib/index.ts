// Bibliographies named in front matter, as Pandoc reads them: BibTeX/BibLaTeX
// (`.bib`, Better BibTeX exports included), CSL-JSON (`.json`) and CSL-YAML
// (`.yaml`). Every entry becomes a Source; every problem keeps its file position.
import { parse as parseBibtex, type Creator, type Entry } from "@retorquere/bibtex-parser";
import type { FactProblem, Range, Severity, Source } from "../types.js";
import { parseEdtf } from "../dates/index.js";
import { lineStarts, positionAt as basePositionAt } from "../text.js";
import { lineStarts as lspLineStarts } from "../text.js";
import { parseYamlSource, type PathPart, type SourceFile } from "../facts/yaml-source.js";
import { parsePageRange } from "../facts/load.js";
import { cslDateToEdtf } from "./csl.js";

export { cslDateToEdtf, sourcesToCsl } from "./csl.js";

export type BibliographyFormat = "bibtex" | "csl-json" | "csl-yaml";

export function detectBibliographyFormat(file: string, text: string): BibliographyFormat {
  const lower = file.toLowerCase();
  if (/\.(bib|bibtex|biblatex)$/.test(lower)) return "bibtex";
  if (/\.json$/.test(lower)) return "csl-json";
  if (/\.ya?ml$/.test(lower)) return "csl-yaml";
  const first = text.trimStart()[0];
  if (first === "[" || first === "{") return "csl-json";
  return "bibtex";
}

export type ParsedBibliography = { sources: Source[]; problems: FactProblem[] };

export function parseBibliography(file: string, text: string): ParsedBibliography {
  const steps = parseBibliographyInSteps(file, text);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same reading in steps: a BibTeX file is given to the library a few entries
 * at a time (it reads ~1–5 ms per entry), so a language server can answer requests
 * while a large library loads (issue 7).
 */
export function* parseBibliographyInSteps(file: string, text: string): Generator<void, ParsedBibliography> {
  try {
    const format = detectBibliographyFormat(file, text);
    return format === "bibtex" ? yield* parseBibtexFile(file, text) : parseCslFile(file, text, format);
  } catch (err) {
    // The parsers are third-party; whatever they throw becomes a problem, never an exception.
    return {
      sources: [],
      problems: [bibProblem(file, rangeAtOffsets(text, 0, 0), `Bibliography cannot be read: ${err instanceof Error ? err.message : String(err)}`)],
    };
  }
}

function bibProblem(file: string, range: Range, message: string, severity: Severity = "error"): FactProblem {
  return { file, range, severity, code: "bibliography-invalid", message };
}

// ---------------------------------------------------------------- positions

// Lines end at \n, \r\n or a lone \r, as LSP counts them (core/text.ts); the fuzzer
// found a lone \r putting problem ranges outside the file (issue 7).
/** Position of an offset, kept off the line terminator (an offset on the \r of \r\n is the line's end). */
function positionAt(text: string, starts: number[], offset: number): { line: number; character: number } {
  const p = basePositionAt(starts, Math.min(Math.max(0, offset), text.length));
  let end = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  while (end > starts[p.line] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return { line: p.line, character: Math.min(p.character, end - starts[p.line]) };
}
function rangeAtOffsets(text: string, start: number, end: number, starts = lineStarts(text)): Range {
  return { start: positionAt(text, starts, start), end: positionAt(text, starts, Math.max(start, end)) };
}

// ---------------------------------------------------------------- BibTeX

const BIBTEX_TYPES: Record<string, string> = {
  article: "article-journal",
  book: "book",
  mvbook: "book",
  inbook: "chapter",
  incollection: "chapter",
  inproceedings: "paper-conference",
  conference: "paper-conference",
  proceedings: "book",
  collection: "book",
  thesis: "thesis",
  phdthesis: "thesis",
  mastersthesis: "thesis",
  report: "report",
  techreport: "report",
  online: "webpage",
  www: "webpage",
  manual: "report",
  unpublished: "manuscript",
  misc: "document",
  letter: "personal_communication",
  newspaper: "article-newspaper",
  periodical: "periodical",
};

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const BIBTEX_OPTIONS = {
  sentenceCase: false,
  english: false,
  // Unknown TeX commands are kept as written rather than failing the whole file.
  unsupported: (_node: unknown, tex: string) => tex,
  // Pandoc inherits fields from a `crossref` parent; so do we.
  applyCrossRef: true,
} as const;

/** Entries given to the BibTeX library at once when a file is read in steps. */
const ENTRIES_PER_STEP = 8;

/**
 * Offsets where the file can be cut into pieces the library reads alone: every
 * `@` outside braces. Undefined when entries reach into each other — @string
 * macros, @preamble, crossref parents, parenthesised entries — or nothing to cut.
 */
function entryStarts(text: string): number[] | undefined {
  if (/@\s*(string|preamble)\s*[{(]|@\s*\w+\s*\(|crossref\s*=/i.test(text)) return undefined;
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (c === 64 && depth === 0) starts.push(i);
  }
  return starts.length > ENTRIES_PER_STEP ? starts : undefined;
}

/** One piece of the file as the library read it: `text` starts at file offset `base`. */
interface LibraryPiece {
  library: ReturnType<typeof parseBibtex>;
  base: number;
  text: string;
}

function* readPieces(text: string): Generator<void, LibraryPiece[]> {
  const cuts = entryStarts(text);
  if (!cuts) return [{ library: parseBibtex(text, BIBTEX_OPTIONS), base: 0, text }];
  const pieces: LibraryPiece[] = [];
  for (let i = 0; i < cuts.length; i += ENTRIES_PER_STEP) {
    // From the start of the piece's first line, what lies before its `@` blanked, so the
    // library's line and column numbers count from a line start of the file.
    const at = cuts[i];
    let base = at;
    while (base > 0 && text.charCodeAt(base - 1) !== 10 && text.charCodeAt(base - 1) !== 13) base--;
    const end = i + ENTRIES_PER_STEP < cuts.length ? cuts[i + ENTRIES_PER_STEP] : text.length;
    const piece = " ".repeat(at - base) + text.slice(at, end);
    pieces.push({ library: parseBibtex(piece, BIBTEX_OPTIONS), base, text: piece });
    yield;
  }
  return pieces;
}

/** Line feeds before an offset: how the library counts lines. */
function newlinesBefore(text: string, offset: number): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at >= 0 && at < offset; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

function* parseBibtexFile(file: string, text: string): Generator<void, ParsedBibliography> {
  const starts = lineStarts(text);
  const pieces = yield* readPieces(text);
  const problems: FactProblem[] = [];
  const sources: Source[] = [];
  const seen = new Map<string, number>();
  let cursor = 0;
  const locate = (input: string): [number, number] => {
    if (!input) return [cursor, cursor];
    let at = text.indexOf(input, cursor);
    if (at < 0) at = text.indexOf(input);
    if (at < 0) return [cursor, cursor];
    cursor = at + input.length;
    return [at, at + input.length];
  };
  for (const { library, base, text: pieceText } of pieces) {
    for (const err of library.errors) {
      const at = err.input ? text.indexOf(err.input) : -1;
      const lineCol = /at line (\d+), column (\d+)/.exec(err.error);
      let range: Range;
      if (at >= 0) range = rangeAtOffsets(text, at, at + entryHeaderLength(err.input ?? ""), starts);
      else if (lineCol) {
        // The BibTeX library counts lines by \n only: go through the offset to LSP lines.
        const line = Number(lineCol[1]) - 1;
        let lineStart = 0;
        for (let i = 0; i < line; i++) {
          const nl = pieceText.indexOf("\n", lineStart);
          if (nl < 0) {
            lineStart = pieceText.length;
            break;
          }
          lineStart = nl + 1;
        }
        const offset = base + Math.min(pieceText.length, lineStart + Math.max(0, Number(lineCol[2]) - 1));
        range = rangeAtOffsets(text, offset, offset, starts);
      } else range = rangeAtOffsets(text, base, base, starts);
      // The library numbers lines within the piece it read; the message names the file's line.
      const message = base > 0 ? err.error.replace(/at line (\d+)/, (_, n: string) => `at line ${Number(n) + newlinesBefore(text, base)}`) : err.error;
      problems.push(bibProblem(file, range, `BibTeX entry cannot be parsed: ${message}`));
    }
  }
  for (const entry of pieces.flatMap((p) => p.library.entries)) {
    // Entries the parser gave up on come back empty; their error is already reported.
    if (!entry.input && Object.keys(entry.fields).length === 0) continue;
    const [start, end] = locate(entry.input);
    const range = rangeAtOffsets(text, start, start + entryHeaderLength(entry.input || `@${entry.type}{${entry.key}`), starts);
    if (!entry.key) {
      problems.push(bibProblem(file, range, `BibTeX @${entry.type} entry has no citation key.`));
      continue;
    }
    const line = seen.get(entry.key);
    if (line !== undefined) {
      problems.push(bibProblem(file, range, `Duplicate citation key "${entry.key}" (first defined on line ${line + 1}).`));
      continue;
    }
    seen.set(entry.key, range.start.line);
    const source = bibtexEntryToSource(entry);
    source.origin = { file, range: rangeAtOffsets(text, start, end, starts) };
    if (source.issued !== undefined) {
      const parsed = parseEdtf(source.issued);
      if ("date" in parsed) source.issuedDate = parsed.date;
      else problems.push(bibProblem(file, range, `Entry "${entry.key}" has an unreadable date "${source.issued}": ${parsed.error}.`, "warning"));
    }
    sources.push(source);
  }
  return { sources, problems };
}

/** The `@type{key,` head of an entry: a short range that points at the entry without covering it all. */
function entryHeaderLength(input: string): number {
  const comma = input.indexOf(",");
  const newline = input.indexOf("\n");
  const ends = [comma >= 0 ? comma + 1 : -1, newline >= 0 ? newline : -1].filter((n) => n > 0);
  return ends.length ? Math.min(...ends) : input.length;
}

function creators(list: Creator[] | undefined): Source["author"] {
  if (!list?.length) return undefined;
  return list.map((c) => {
    if (c.lastName) {
      const family = [c.useprefix && c.prefix ? c.prefix : undefined, c.lastName].filter(Boolean).join(" ");
      const given = [c.firstName, !c.useprefix && c.prefix ? c.prefix : undefined].filter(Boolean).join(" ");
      return given ? { family, given } : { family };
    }
    return { literal: c.name ?? "" };
  });
}

function joinList(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join("; ") : v;
}

function bibtexIssued(fields: Entry["fields"]): string | undefined {
  const date = fields.date?.trim();
  if (date) return date;
  const year = fields.year?.trim();
  if (!year) return undefined;
  const monthRaw = fields.month?.trim().toLowerCase();
  const month = monthRaw ? (MONTHS[monthRaw.slice(0, 3)] ?? (/^\d{1,2}$/.test(monthRaw) ? Number(monthRaw) : undefined)) : undefined;
  return month && month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, "0")}` : year;
}

/** The TeX converter leaves accents decomposed (e + U+0308); store the composed form users type. */
function composed<T>(value: T): T {
  if (typeof value === "string") return value.normalize("NFC") as T;
  if (Array.isArray(value)) return value.map(composed) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, composed(v)])) as T;
  }
  return value;
}

function bibtexEntryToSource(entry: Entry): Source {
  const f = composed(entry.fields);
  const type = f.entrysubtype === "newspaper" && entry.type === "article" ? "article-newspaper" : (BIBTEX_TYPES[entry.type.toLowerCase()] ?? "document");
  const source: Source = { key: entry.key, type, sources: [], origin: { file: "" }, from: "bibliography" };
  const set = <K extends keyof Source>(k: K, v: Source[K] | undefined) => {
    if (v !== undefined && v !== "") source[k] = v;
  };
  set("title", f.title);
  set("author", creators(f.author));
  set("editor", creators(f.editor));
  set("container-title", f.journaltitle ?? f.journal ?? f.booktitle);
  set("publisher", joinList(f.publisher));
  set("publisher-place", joinList(f.location ?? (f.address as unknown as string | string[] | undefined)));
  set("issued", bibtexIssued(f));
  set("page", f.pages);
  if (source.page) source.pageRange = parsePageRange(source.page);
  set("volume", f.volume);
  set("issue", f.number ?? f.issue);
  set("URL", f.url);
  const extra = source as unknown as Record<string, unknown>;
  if (f.shorttitle) extra["title-short"] = f.shorttitle;
  if (f.doi) extra.DOI = f.doi;
  if (f.langid ?? f.language) extra.language = f.langid ?? f.language;
  return source;
}

// ---------------------------------------------------------------- CSL-JSON / CSL-YAML

const CSL_STRING_FIELDS = [
  "title", "container-title", "publisher", "publisher-place", "page", "volume", "issue",
  "archive", "archive_location", "URL",
] as const;

function parseCslFile(file: string, text: string, format: BibliographyFormat): { sources: Source[]; problems: FactProblem[] } {
  const src = parseYamlSource(file, text);
  const problems: FactProblem[] = src.errors.map((e) => bibProblem(file, e.range, `Bibliography cannot be parsed: ${e.message}`));
  const sources: Source[] = [];
  if (src.errors.length) return { sources, problems };
  let items: unknown = src.value;
  let base: PathPart[] = [];
  if (items && typeof items === "object" && !Array.isArray(items) && Array.isArray((items as Record<string, unknown>).references)) {
    items = (items as Record<string, unknown>).references;
    base = ["references"];
  }
  if (!Array.isArray(items)) {
    problems.push(bibProblem(file, src.rangeAt([]), format === "csl-json" ? "A CSL-JSON bibliography must be a list of items." : "A CSL-YAML bibliography must have a `references:` list."));
    return { sources, problems };
  }
  const seen = new Set<string>();
  items.forEach((raw, i) => {
    const path = [...base, i];
    const item = cslItemToSource(raw, src, path, file, problems);
    if (!item) return;
    if (seen.has(item.key)) {
      problems.push(bibProblem(file, src.rangeAt([...path, "id"]), `Duplicate citation key "${item.key}".`));
      return;
    }
    seen.add(item.key);
    sources.push(item);
  });
  return { sources, problems };
}

function cslItemToSource(raw: unknown, src: SourceFile, path: PathPart[], file: string, problems: FactProblem[]): Source | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    problems.push(bibProblem(file, src.rangeAt(path), "A bibliography item must be a mapping."));
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const key = typeof r.id === "string" || typeof r.id === "number" ? String(r.id) : undefined;
  if (!key) {
    problems.push(bibProblem(file, src.rangeAt(path), 'A bibliography item lacks its "id" (the citation key).'));
    return undefined;
  }
  const source: Source = {
    ...(r as object),
    key,
    type: typeof r.type === "string" ? r.type : "document",
    sources: [],
    origin: { file, range: src.rangeAt(path) },
    from: "bibliography",
  } as Source;
  const out = source as unknown as Record<string, unknown>;
  delete out.id;
  for (const f of CSL_STRING_FIELDS) {
    if (typeof r[f] === "number") out[f] = String(r[f]);
  }
  if (r.issued !== undefined) {
    const edtf = cslDateToEdtf(r.issued);
    if (edtf) {
      source.issued = edtf;
      const parsed = parseEdtf(edtf);
      if ("date" in parsed) source.issuedDate = parsed.date;
      else problems.push(bibProblem(file, src.rangeAt([...path, "issued"]), `Item "${key}" has an unreadable date: ${parsed.error}.`, "warning"));
    } else {
      delete out.issued;
      problems.push(bibProblem(file, src.rangeAt([...path, "issued"]), `Item "${key}" has an unreadable "issued" date.`, "warning"));
    }
  }
  if (typeof source.page === "string") source.pageRange = parsePageRange(source.page);
  return source;
}
