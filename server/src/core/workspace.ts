// The core's facade: holds parsed documents, the fact base and bibliographies,
// and produces diagnostics. The CLI and the language server both drive it; it
// touches files only through the injected host.
import { posix as path } from "node:path";
import type {
  Claim,
  ClioDiagnostic,
  FactFileText,
  FactIndex,
  FactProblem,
  ParsedDocument,
  Range,
  Severity,
  SeveritySetting,
  Source,
} from "./types.js";
import { parseDocument, updateDocument, paragraphSlices, parseInSteps, finish } from "./parse/index.js";
import { PreviousResults, moveResult, paragraphView, type ParagraphResult } from "./paragraph-results.js";
import { buildFactIndexInSteps } from "./facts/index.js";
import { parseBibliography, parseBibliographyInSteps, type ParsedBibliography } from "./bib/index.js";
import { documentChecks, workspaceChecks } from "./checks/index.js";
import { DEFAULT_SEVERITY, type CheckContext } from "./checks/api.js";
import { findImplicitClaims } from "./prose/index.js";
import { parseYamlSource } from "./facts/yaml-source.js";
import { lineAt, rangeOf } from "./text.js";

export interface WorkspaceHost {
  /** Absolute workspace root (for clio.facts.yaml and .clio/*.yaml), if any. */
  root?: string;
  /** Reads a file by absolute path; undefined when missing or unreadable. */
  readFile(file: string): string | undefined;
  /** Lists file names (not paths) in a directory; [] when missing. */
  listDir?(dir: string): string[];
  /** The bundled fact files. */
  bundledFacts: FactFileText[];
}

export interface WorkspaceSettings {
  /** Prose mode override: undefined = auto (spec §6). */
  prose?: boolean;
  severity?: Record<string, SeveritySetting>;
  /** Extra fact files (absolute or relative to root). */
  factFiles?: string[];
  /**
   * false in an untrusted workspace (VS Code workspace trust): fact files and
   * bibliographies named by settings or front matter are read only when they lie
   * inside the workspace root; the document gets an `untrusted-path` warning for
   * each one refused. undefined or true: every path is read.
   */
  trusted?: boolean;
}

const LOWER: Record<Severity, Severity> = { error: "warning", warning: "information", information: "hint", hint: "hint" };

/** A document's per-paragraph results and what they were computed under. */
interface DocumentResults {
  doc: ParsedDocument;
  /** Facts, sources, prose mode…: when any differs, no result is reused. */
  context: readonly unknown[];
  paragraphs: ParagraphResult[];
  /** Explicit plus implicit claims, in document order. */
  claims: Claim[];
  /** Document-check diagnostics of every paragraph (before severities); undefined until asked for. */
  diagnostics?: ClioDiagnostic[];
  /** Left unfinished: its paragraphs serve only as previous results. */
  partial?: true;
}

/** Paragraphs checked between two pauses of a stepped run. */
const PARAGRAPHS_PER_STEP = 32;

const EMPTY: readonly never[] = [];

export class ClioWorkspace {
  private docs = new Map<string, ParsedDocument>();
  /** Per document, the latest per-paragraph results (possibly of an older version, to be reused). */
  private results = new Map<string, DocumentResults>();
  /** Diagnostics with a severity other than the one their check gave, by the check's object. */
  private severityChanged = new WeakMap<ClioDiagnostic, ClioDiagnostic>();
  private factIndex: FactIndex | undefined;
  private factFiles: string[] = [];
  /** Whether the last fact index read at least one workspace fact file (prose mode auto). */
  private readWorkspaceFacts = false;
  private bibCache = new Map<string, { text: string; sources: Map<string, Source>; problems: FactProblem[] }>();
  /** Bumped when a bibliography changes, so a stepped read of its previous text is not stored. */
  private bibGeneration = 0;
  /** Per workspace fact file, the last text that parsed: kept in use while the file is broken. */
  private lastGoodFacts = new Map<string, string>();
  /** Problems of broken fact files whose last good version is in use (not in the index, which saw the old text). */
  private keptFactProblems: FactProblem[] = [];
  /** Files loaded from their last good text: the index's problems for them point into that old text, so they are not shown. */
  private keptFactFiles = new Set<string>();
  /** Bumped by every build and invalidation, so a stepped build that was overtaken does not store its index. */
  private factGeneration = 0;

  constructor(
    readonly host: WorkspaceHost,
    public settings: WorkspaceSettings = {},
  ) {}

  // ------------------------------------------------------------ documents

  setDocument(uri: string, text: string, version?: number): ParsedDocument {
    // Re-parses only the blocks that changed; the result equals a full parse.
    const previous = this.docs.get(uri);
    const doc = previous ? updateDocument(previous, text, version) : parseDocument(uri, text, version);
    this.adopt(doc);
    return doc;
  }

  /** setDocument in steps (see parseInSteps); the document is replaced only when the last step is done. */
  *setDocumentInSteps(uri: string, text: string, version?: number): Generator<void, ParsedDocument> {
    const doc = yield* parseInSteps(uri, text, version, this.docs.get(uri));
    this.adopt(doc);
    return doc;
  }

  private adopt(doc: ParsedDocument): void {
    this.docs.set(doc.uri, doc);
    if (doc.frontMatter?.clio?.facts.length) this.invalidateFacts();
  }

  removeDocument(uri: string): void {
    this.docs.delete(uri);
    this.results.delete(uri);
  }

  getDocument(uri: string): ParsedDocument | undefined {
    return this.docs.get(uri);
  }

  documents(): IterableIterator<ParsedDocument> {
    return this.docs.values();
  }

  // ------------------------------------------------------------ facts

  /** Workspace fact files in load order: clio.facts.yaml, .clio/*.yaml, settings, front-matter files. */
  factFilePaths(): string[] {
    const files: string[] = [];
    const root = this.host.root;
    if (root) {
      files.push(path.join(root, "clio.facts.yaml"));
      const dir = path.join(root, ".clio");
      for (const name of (this.host.listDir?.(dir) ?? []).sort()) {
        if (/\.(ya?ml|json)$/i.test(name)) files.push(path.join(dir, name));
      }
    }
    for (const f of this.settings.factFiles ?? []) {
      const file = root && !path.isAbsolute(f) ? path.join(root, f) : f;
      if (this.mayRead(file)) files.push(file);
    }
    for (const doc of this.docs.values()) {
      for (const f of doc.frontMatter?.clio?.facts ?? []) {
        const file = path.resolve(path.dirname(doc.uri), f);
        if (this.mayRead(file)) files.push(file);
      }
    }
    return [...new Set(files)];
  }

  /**
   * Whether a fact file or bibliography may be read: always in a trusted workspace;
   * in an untrusted one only inside the root. Paths are normalised lexically (no
   * symlinks are followed: the core has no file system), so `a/../../x` is outside.
   */
  mayRead(file: string): boolean {
    if (this.settings.trusted !== false) return true;
    const root = this.host.root;
    if (!root) return false;
    const rel = path.relative(path.resolve(root), path.resolve(file));
    return rel === "" || (rel !== ".." && !rel.startsWith("../") && !path.isAbsolute(rel));
  }

  /** Paths the document names (front matter facts and bibliographies) that an untrusted workspace refuses, as diagnostics. */
  private refusedPaths(doc: ParsedDocument): ClioDiagnostic[] {
    const fm = doc.frontMatter;
    if (this.settings.trusted !== false || !fm) return [];
    const out: ClioDiagnostic[] = [];
    const named = [...(fm.clio?.facts ?? []).map((f) => ["fact file", f] as const), ...fm.bibliography.map((b) => ["bibliography", b] as const)];
    for (const [kind, written] of named) {
      if (this.mayRead(path.resolve(path.dirname(doc.uri), written))) continue;
      const at = doc.text.indexOf(written, fm.span.start);
      const range =
        at >= 0 && at + written.length <= fm.span.end ? rangeFromOffsets(doc, at, at + written.length) : fm.range;
      out.push({
        uri: doc.uri,
        range,
        severity: "warning",
        code: "untrusted-path",
        message: `Clio did not read the ${kind} "${written}": it lies outside the workspace folder, and this workspace is not trusted.`,
        source: "clio",
      });
    }
    return out;
  }

  facts(): FactIndex {
    return this.factIndex ?? finish(this.factsInSteps());
  }

  /** facts() in steps, a pause after each fact file: the server rebuilds the index whenever one is saved. */
  *factsInSteps(): Generator<void, FactIndex> {
    if (this.factIndex) return this.factIndex;
    const generation = ++this.factGeneration;
    const factFiles = this.factFilePaths();
    const texts: FactFileText[] = [...this.host.bundledFacts];
    const keptProblems: FactProblem[] = [];
    const keptFiles = new Set<string>();
    for (const file of factFiles) {
      const text = this.host.readFile(file);
      if (text !== undefined) texts.push({ file, text: this.usableFactText(file, text, keptProblems, keptFiles), origin: "workspace" });
    }
    const index = yield* buildFactIndexInSteps(texts);
    // Invalidated, or built by a request, while this build paused: the newer one stands.
    if (generation !== this.factGeneration || this.factIndex) return this.factIndex ?? index;
    this.factFiles = factFiles;
    this.keptFactProblems = keptProblems;
    this.keptFactFiles = keptFiles;
    this.readWorkspaceFacts = texts.length > this.host.bundledFacts.length;
    this.factIndex = index;
    return index;
  }

  /**
   * The text to load for a workspace fact file: the file itself, or, while it cannot
   * be parsed at all, the last version that could (its facts stay in use and the
   * parse errors are reported with a note). A file that never parsed loads as is.
   */
  private usableFactText(file: string, text: string, keptProblems: FactProblem[], keptFiles: Set<string>): string {
    if (this.lastGoodFacts.get(file) === text) return text;
    const source = parseYamlSource(file, text);
    const value = source.value;
    const broken = source.errors.length > 0 || (value !== null && value !== undefined && (typeof value !== "object" || Array.isArray(value)));
    if (!broken) {
      this.lastGoodFacts.set(file, text);
      return text;
    }
    const good = this.lastGoodFacts.get(file);
    if (good === undefined) return text;
    keptFiles.add(file);
    const errors = source.errors.length ? source.errors : [{ message: "the file is not a mapping of fact lists", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    for (const e of errors) {
      keptProblems.push({
        file,
        range: e.range,
        severity: "error",
        code: "fact-file-invalid",
        message: `Fact file cannot be parsed: ${e.message}. Clio keeps using the last version of this file that loaded until it is fixed.`,
      });
    }
    return good;
  }

  /** Drops the fact index so the next request rebuilds it (a fact file changed). */
  invalidateFacts(): void {
    this.factIndex = undefined;
    this.factGeneration++;
  }

  /** Drops a cached bibliography (the file changed). */
  invalidateBibliography(file: string): void {
    this.bibCache.delete(file);
    this.bibGeneration++;
  }

  isFactFile(file: string): boolean {
    return this.factFilePaths().includes(file);
  }

  /** Whether the workspace has Clio facts of its own (prose mode auto, spec §6). */
  hasWorkspaceFacts(): boolean {
    // Known from the index build: a fact file that appears or goes away invalidates the index (no disk read per keystroke).
    this.facts();
    return this.readWorkspaceFacts;
  }

  // ------------------------------------------------------------ bibliographies

  bibliographyPaths(doc: ParsedDocument): string[] {
    return (doc.frontMatter?.bibliography ?? []).map((b) => path.resolve(path.dirname(doc.uri), b)).filter((f) => this.mayRead(f));
  }

  private bibliography(file: string): { sources: Map<string, Source>; problems: FactProblem[] } {
    const cached = this.bibCache.get(file);
    if (cached) return cached;
    const text = this.host.readFile(file);
    let entry: { text: string; sources: Map<string, Source>; problems: FactProblem[] };
    if (text === undefined) {
      entry = {
        text: "",
        sources: new Map<string, Source>(),
        problems: [
          {
            file,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: "error" as const,
            code: "bibliography-invalid" as const,
            message: `Bibliography ${file} cannot be read.`,
          },
        ],
      };
    } else entry = bibliographyEntry(text, parseBibliography(file, text));
    this.bibCache.set(file, entry);
    return entry;
  }

  /** Reads the document's bibliographies not yet read, in steps: a large library takes seconds (issue 7). */
  private *loadBibliographies(doc: ParsedDocument): Generator<void, void> {
    for (const file of this.bibliographyPaths(doc)) {
      if (this.bibCache.has(file)) continue;
      const text = this.host.readFile(file);
      if (text === undefined) continue; // bibliography() reports it
      const generation = this.bibGeneration;
      const parsed = yield* parseBibliographyInSteps(file, text);
      if (generation === this.bibGeneration && !this.bibCache.has(file)) this.bibCache.set(file, bibliographyEntry(text, parsed));
    }
  }

  /** Source lookup for a document: its bibliographies first, then the fact base. */
  sourceLookup(doc: ParsedDocument): Pick<CheckContext, "source" | "sourceKeys"> {
    const bibs = this.bibliographyPaths(doc).map((f) => this.bibliography(f).sources);
    const facts = this.facts();
    return {
      source: (key) => {
        for (const b of bibs) {
          const s = b.get(key);
          if (s) return s;
        }
        return facts.source(key);
      },
      sourceKeys: function* () {
        for (const b of bibs) yield* b.keys();
        yield* facts.sources.keys();
      },
    };
  }

  // ------------------------------------------------------------ claims and diagnostics

  proseEnabled(doc: ParsedDocument): boolean {
    const fm = doc.frontMatter?.clio?.prose;
    if (fm !== undefined) return fm;
    if (this.settings.prose !== undefined) return this.settings.prose;
    return doc.frontMatter?.clio !== undefined || doc.dateTags.length > 0 || doc.links.length > 0 || this.hasWorkspaceFacts();
  }

  /** Explicit claims plus, in prose mode, the implicit ones, in document order (kept until the text or facts change). */
  claims(doc: ParsedDocument): Claim[] {
    if (!this.proseEnabled(doc)) return doc.claims;
    return finish(this.paragraphResults(doc, false)).claims;
  }

  /** What the per-paragraph results depend on besides the paragraph's own text. */
  private resultContext(doc: ParsedDocument): unknown[] {
    const root = this.host.root;
    return [
      this.facts(),
      this.proseEnabled(doc),
      root,
      this.settings.trusted,
      ...this.bibliographyPaths(doc).map((f) => this.bibliography(f)),
    ];
  }

  /**
   * Implicit claims and (when asked) check diagnostics per paragraph, reusing the
   * previous run's result for every paragraph whose text is unchanged.
   */
  private *paragraphResults(doc: ParsedDocument, withDiagnostics: boolean): Generator<void, DocumentResults> {
    yield* this.factsInSteps();
    yield* this.loadBibliographies(doc);
    const context = this.resultContext(doc);
    const held = this.results.get(doc.uri);
    const sameContext = held !== undefined && held.context.length === context.length && held.context.every((x, i) => x === context[i]);
    if (held && sameContext && !held.partial && held.doc === doc && (held.diagnostics || !withDiagnostics)) return held;
    const slices = paragraphSlices(doc);
    const facts = this.facts();
    const prose = context[1] as boolean;
    if (!slices) {
      // A document model built by hand (tests): the whole document is one unit.
      const implicit = prose ? findImplicitClaims(doc, facts) : [];
      const claims = implicit.length ? [...doc.claims, ...implicit] : doc.claims;
      const results: DocumentResults = { doc, context, paragraphs: [], claims };
      if (withDiagnostics) results.diagnostics = this.runChecks(this.context(doc), claims);
      this.results.set(doc.uri, results);
      return results;
    }
    const previous = held && sameContext ? new PreviousResults(held.paragraphs) : undefined;
    const ctx = withDiagnostics ? this.context(doc) : undefined;
    const paragraphs: ParagraphResult[] = [];
    // Claims list contract (features/locate.ts): every explicit claim, then the implicit ones, each in document order.
    const implicit: Claim[] = [];
    const diagnostics: ClioDiagnostic[] = [];
    let nextIndex = doc.claims.length;
    let internalErrors = 0;
    let done = false;
    try {
    for (let i = 0; i < slices.length; i++) {
      if (i % PARAGRAPHS_PER_STEP === PARAGRAPHS_PER_STEP - 1) yield;
      const slice = slices[i];
      const span = doc.paragraphs[i];
      const line = lineAt(doc.lineStarts, span.start);
      const column = span.start - doc.lineStarts[line];
      const prev = previous?.take(slice.key, column);
      let view: ParsedDocument | undefined;
      let result: ParagraphResult;
      if (prev) {
        const citations = prev.implicit.length ? doc.citations.slice(slice.citations[0], slice.citations[1]) : EMPTY;
        result = moveResult(prev, doc, citations, span.start, line, i);
      } else {
        view = paragraphView(doc, slice, span);
        const found = prose ? findImplicitClaims(view, facts) : [];
        for (const c of found) c.paragraph = i;
        result = { key: slice.key, start: span.start, line, column, implicit: found };
      }
      for (const c of result.implicit) {
        c.index = nextIndex++;
        implicit.push(c);
      }
      if (ctx && !result.diagnostics) {
        view ??= paragraphView(doc, slice, span);
        // As in the whole list: explicit claims first, then implicit ones.
        const found = this.runChecks({ ...ctx, doc: view }, result.implicit.length ? [...view.claims, ...result.implicit] : view.claims);
        // A check that fails on every paragraph is reported once, not once per paragraph.
        result.diagnostics = found.filter((d) => d.code !== "internal-error" || internalErrors++ === 0);
      }
      if (result.diagnostics) for (const d of result.diagnostics) diagnostics.push(d);
      paragraphs.push(result);
    }
    done = true;
    } finally {
      // Abandoned half way (a newer edit arrived): keep what was computed, and what was not yet
      // reused, as the previous results of the next run.
      if (!done) this.results.set(doc.uri, { doc, context, paragraphs: [...paragraphs, ...(previous?.remaining() ?? [])], claims: doc.claims, partial: true });
    }
    const claims = implicit.length ? [...doc.claims, ...implicit] : doc.claims;
    const results: DocumentResults = { doc, context, paragraphs, claims };
    if (ctx) results.diagnostics = diagnostics;
    this.results.set(doc.uri, results);
    return results;
  }

  private runChecks(ctx: CheckContext, claims: readonly Claim[]): ClioDiagnostic[] {
    const out: ClioDiagnostic[] = [];
    for (const check of documentChecks) {
      try {
        for (const d of check.check(ctx, claims)) out.push(d);
      } catch (err) {
        // One faulty check must not take the others (or the server) down.
        out.push(internalError(ctx.doc.uri, check.codes.join(", "), err));
      }
    }
    return out;
  }

  private context(doc: ParsedDocument): CheckContext {
    const root = this.host.root;
    return {
      doc,
      facts: this.facts(),
      ...this.sourceLookup(doc),
      workspaceFactFile: root ? path.join(root, "clio.facts.yaml") : undefined,
      readFile: (f) => this.host.readFile(f),
    };
  }

  /** Diagnostics of one document, without the workspace-wide checks. */
  documentDiagnostics(uri: string): ClioDiagnostic[] {
    return finish(this.documentDiagnosticsInSteps(uri));
  }

  /** documentDiagnostics in steps, pausing every few dozen paragraphs (see parseInSteps). */
  *documentDiagnosticsInSteps(uri: string): Generator<void, ClioDiagnostic[]> {
    const doc = this.docs.get(uri);
    if (!doc) return [];
    const results = yield* this.paragraphResults(doc, true);
    const out: ClioDiagnostic[] = [...doc.diagnostics];
    for (const d of results.diagnostics ?? EMPTY) out.push(d);
    yield;
    for (const file of this.bibliographyPaths(doc)) {
      for (const p of this.bibliography(file).problems) out.push(problemToDiagnostic(p));
    }
    out.push(...this.refusedPaths(doc));
    return yield* this.applySeverity(doc, out);
  }

  /** Workspace-wide diagnostics (date-conflict), keyed by document. */
  workspaceDiagnostics(): Map<string, ClioDiagnostic[]> {
    return finish(this.workspaceDiagnosticsInSteps());
  }

  /** workspaceDiagnostics in steps (see parseInSteps). */
  *workspaceDiagnosticsInSteps(): Generator<void, Map<string, ClioDiagnostic[]>> {
    const byUri = new Map<string, ClioDiagnostic[]>();
    yield* this.factsInSteps();
    // Prose-mode claims of papers not yet checked (the start-up index) are found in steps too.
    const docs: Array<{ doc: ParsedDocument; claims: Claim[] }> = [];
    for (const doc of [...this.docs.values()]) {
      docs.push({ doc, claims: this.proseEnabled(doc) ? (yield* this.paragraphResults(doc, false)).claims : doc.claims });
      yield;
    }
    const facts = this.facts();
    for (const check of workspaceChecks) {
      let found: ClioDiagnostic[];
      try {
        found = yield* check.checkWorkspace(docs, facts);
      } catch (err) {
        found = [internalError(docs[0]?.doc.uri ?? "", check.codes.join(", "), err)];
      }
      for (const d of found) {
        const list = byUri.get(d.uri) ?? [];
        list.push(d);
        byUri.set(d.uri, list);
      }
    }
    for (const [uri, list] of byUri) {
      const doc = this.docs.get(uri);
      byUri.set(uri, doc ? yield* this.applySeverity(doc, list) : list);
    }
    return byUri;
  }

  /** Everything for one document: its own checks plus its share of the workspace checks. */
  diagnostics(uri: string): ClioDiagnostic[] {
    return [...this.documentDiagnostics(uri), ...(this.workspaceDiagnostics().get(uri) ?? [])];
  }

  /** Problems in the loaded fact files, as diagnostics on those files. */
  factDiagnostics(): ClioDiagnostic[] {
    const problems = this.facts().problems.filter((p) => !this.keptFactFiles.has(p.file));
    return [...problems, ...this.keptFactProblems].map(problemToDiagnostic);
  }

  /** Severity from the code's default, lowered for implicit claims, then overridden by settings and front matter. */
  private *applySeverity(doc: ParsedDocument, list: ClioDiagnostic[]): Generator<void, ClioDiagnostic[]> {
    const overrides = { ...(this.settings.severity ?? {}), ...(doc.frontMatter?.clio?.severity ?? {}) };
    const out: ClioDiagnostic[] = [];
    for (let i = 0; i < list.length; i++) {
      if (i % 8192 === 8191) yield;
      const d = list[i];
      const override = overrides[d.code];
      if (override === "off") continue;
      // Checks emit the default severity, or one lower where dates overlap only through uncertainty.
      let severity = override ?? d.severity ?? DEFAULT_SEVERITY[d.code];
      if (d.implicit && !override) severity = LOWER[severity];
      if (severity === d.severity) {
        out.push(d);
        continue;
      }
      // The same object for the same input, so unchanged paragraphs stay identical downstream.
      let changed = this.severityChanged.get(d);
      if (changed?.severity !== severity) this.severityChanged.set(d, (changed = { ...d, severity }));
      out.push(changed);
    }
    return out;
  }
}

function rangeFromOffsets(doc: ParsedDocument, start: number, end: number): Range {
  return rangeOf(doc.lineStarts, { start, end });
}

/** One diagnostic object per problem, so an unchanged problem stays the same object between runs. */
const problemDiagnostics = new WeakMap<FactProblem, ClioDiagnostic>();
export function problemToDiagnostic(p: FactProblem): ClioDiagnostic {
  let d = problemDiagnostics.get(p);
  if (!d) problemDiagnostics.set(p, (d = { uri: p.file, range: p.range, severity: p.severity, code: p.code, message: p.message, source: "clio" }));
  return d;
}

function internalError(uri: string, codes: string, err: unknown): ClioDiagnostic {
  return {
    uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: "hint",
    code: "internal-error",
    message: `Clio could not run the check for ${codes}: ${err instanceof Error ? err.message : String(err)}`,
    source: "clio",
  };
}

function bibliographyEntry(text: string, parsed: ParsedBibliography): { text: string; sources: Map<string, Source>; problems: FactProblem[] } {
  return { text, sources: new Map(parsed.sources.map((s) => [s.key, s])), problems: parsed.problems };
}
