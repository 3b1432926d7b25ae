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
  Severity,
  SeveritySetting,
  Source,
} from "./types.js";
import { parseDocument, updateDocument } from "./parse/index.js";
import { buildFactIndex } from "./facts/index.js";
import { parseBibliography } from "./bib/index.js";
import { documentChecks, workspaceChecks } from "./checks/index.js";
import { DEFAULT_SEVERITY, type CheckContext } from "./checks/api.js";
import { findImplicitClaims } from "./prose/index.js";

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
}

const LOWER: Record<Severity, Severity> = { error: "warning", warning: "information", information: "hint", hint: "hint" };

export class ClioWorkspace {
  private docs = new Map<string, ParsedDocument>();
  private implicit = new Map<string, Claim[]>();
  private factIndex: FactIndex | undefined;
  private factFiles: string[] = [];
  private bibCache = new Map<string, { text: string; sources: Map<string, Source>; problems: FactProblem[] }>();

  constructor(
    readonly host: WorkspaceHost,
    public settings: WorkspaceSettings = {},
  ) {}

  // ------------------------------------------------------------ documents

  setDocument(uri: string, text: string, version?: number): ParsedDocument {
    // Re-parses only the blocks that changed; the result equals a full parse.
    const previous = this.docs.get(uri);
    const doc = previous ? updateDocument(previous, text, version) : parseDocument(uri, text, version);
    this.docs.set(uri, doc);
    this.implicit.delete(uri);
    if (doc.frontMatter?.clio?.facts.length) this.factIndex = undefined;
    return doc;
  }

  removeDocument(uri: string): void {
    this.docs.delete(uri);
    this.implicit.delete(uri);
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
    for (const f of this.settings.factFiles ?? []) files.push(root && !path.isAbsolute(f) ? path.join(root, f) : f);
    for (const doc of this.docs.values()) {
      for (const f of doc.frontMatter?.clio?.facts ?? []) files.push(path.resolve(path.dirname(doc.uri), f));
    }
    return [...new Set(files)];
  }

  facts(): FactIndex {
    if (!this.factIndex) {
      this.factFiles = this.factFilePaths();
      const texts: FactFileText[] = [...this.host.bundledFacts];
      for (const file of this.factFiles) {
        const text = this.host.readFile(file);
        if (text !== undefined) texts.push({ file, text, origin: "workspace" });
      }
      this.factIndex = buildFactIndex(texts);
      this.implicit.clear();
    }
    return this.factIndex;
  }

  /** Drops the fact index so the next request rebuilds it (a fact file changed). */
  invalidateFacts(): void {
    this.factIndex = undefined;
    this.implicit.clear();
  }

  /** Drops a cached bibliography (the file changed). */
  invalidateBibliography(file: string): void {
    this.bibCache.delete(file);
  }

  isFactFile(file: string): boolean {
    return this.factFilePaths().includes(file);
  }

  /** Whether the workspace has Clio facts of its own (prose mode auto, spec §6). */
  hasWorkspaceFacts(): boolean {
    this.facts();
    return this.factFiles.some((f) => this.host.readFile(f) !== undefined);
  }

  // ------------------------------------------------------------ bibliographies

  bibliographyPaths(doc: ParsedDocument): string[] {
    return (doc.frontMatter?.bibliography ?? []).map((b) => path.resolve(path.dirname(doc.uri), b));
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
    } else {
      const parsed = parseBibliography(file, text);
      entry = { text, sources: new Map(parsed.sources.map((s) => [s.key, s])), problems: parsed.problems };
    }
    this.bibCache.set(file, entry);
    return entry;
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

  /** Explicit claims plus, in prose mode, the implicit ones (cached until the text or facts change). */
  claims(doc: ParsedDocument): Claim[] {
    if (!this.proseEnabled(doc)) return doc.claims;
    let implicit = this.implicit.get(doc.uri);
    if (!implicit) {
      implicit = findImplicitClaims(doc, this.facts());
      this.implicit.set(doc.uri, implicit);
    }
    return implicit.length ? [...doc.claims, ...implicit] : doc.claims;
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
    const doc = this.docs.get(uri);
    if (!doc) return [];
    const ctx = this.context(doc);
    const claims = this.claims(doc);
    const out: ClioDiagnostic[] = [...doc.diagnostics];
    for (const check of documentChecks) {
      try {
        out.push(...check.check(ctx, claims));
      } catch (err) {
        // One faulty check must not take the others (or the server) down.
        out.push(internalError(uri, check.codes.join(", "), err));
      }
    }
    for (const file of this.bibliographyPaths(doc)) {
      for (const p of this.bibliography(file).problems) out.push(problemToDiagnostic(p));
    }
    return this.applySeverity(doc, out);
  }

  /** Workspace-wide diagnostics (date-conflict), keyed by document. */
  workspaceDiagnostics(): Map<string, ClioDiagnostic[]> {
    const byUri = new Map<string, ClioDiagnostic[]>();
    const docs = [...this.docs.values()].map((doc) => ({ doc, claims: this.claims(doc) }));
    const facts = this.facts();
    for (const check of workspaceChecks) {
      let found: ClioDiagnostic[];
      try {
        found = check.checkWorkspace(docs, facts);
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
      byUri.set(uri, doc ? this.applySeverity(doc, list) : list);
    }
    return byUri;
  }

  /** Everything for one document: its own checks plus its share of the workspace checks. */
  diagnostics(uri: string): ClioDiagnostic[] {
    return [...this.documentDiagnostics(uri), ...(this.workspaceDiagnostics().get(uri) ?? [])];
  }

  /** Problems in the loaded fact files, as diagnostics on those files. */
  factDiagnostics(): ClioDiagnostic[] {
    return this.facts().problems.map(problemToDiagnostic);
  }

  /** Severity from the code's default, lowered for implicit claims, then overridden by settings and front matter. */
  private applySeverity(doc: ParsedDocument, list: ClioDiagnostic[]): ClioDiagnostic[] {
    const overrides = { ...(this.settings.severity ?? {}), ...(doc.frontMatter?.clio?.severity ?? {}) };
    const out: ClioDiagnostic[] = [];
    for (const d of list) {
      const override = overrides[d.code];
      if (override === "off") continue;
      // Checks emit the default severity, or one lower where dates overlap only through uncertainty.
      let severity = override ?? d.severity ?? DEFAULT_SEVERITY[d.code];
      if (d.implicit && !override) severity = LOWER[severity];
      out.push(severity === d.severity ? d : { ...d, severity });
    }
    return out;
  }
}

export function problemToDiagnostic(p: FactProblem): ClioDiagnostic {
  return { uri: p.file, range: p.range, severity: p.severity, code: p.code, message: p.message, source: "clio" };
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
