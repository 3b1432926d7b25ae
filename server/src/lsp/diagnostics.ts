// Publishes diagnostics: debounced per change, computed off the keystroke path,
// abandoned when a newer change arrives. Document checks run for open papers
// (and for every indexed paper after "Check Workspace"); workspace checks
// (date-conflict) and fact-file problems cover closed files too.
import type { Diagnostic } from "vscode-languageserver/node";
import type { ClioDiagnostic } from "../core/types.js";
import type { ServerState } from "./state.js";
import { toLspDiagnostic } from "./convert.js";
import { toCorePath } from "./uris.js";
import { STATUS_NOTIFICATION, type ClioStatus } from "./protocol.js";

const DEBOUNCE_MS = 150;

/**
 * VS Code keeps at most 1,000 diagnostics per file from one source (errors first,
 * then warnings, information, hints) and drops the rest in the extension host.
 * Sending more only costs serialisation time on every keystroke (issue 7), so the
 * server makes the same choice itself and says how many it left out.
 */
export const MAX_PUBLISHED_PER_FILE = 1000;

/** Longest stretch of parsing or checking before requests get their turn. */
const SLICE_MS = 20;
const SUPERSEDED = Symbol("superseded");

export class DiagnosticsScheduler {
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** Last document-check results per core path. */
  private documentResults = new Map<string, ClioDiagnostic[]>();
  /** What was last published per LSP URI, to skip unchanged files and clear stale ones. */
  private published = new Map<string, ClioDiagnostic[]>();
  /** After "Check Workspace", closed papers get their document checks too. */
  checkAll = false;
  lastStatus: ClioStatus = { errors: 0, warnings: 0, information: 0, documents: 0 };
  private idle: Array<() => void> = [];

  constructor(private readonly state: ServerState) {}

  /** Marks a document (core path) for re-checking soon. */
  schedule(path: string, delay = DEBOUNCE_MS): void {
    this.dirty.add(path);
    this.arm(delay);
  }

  /** Re-checks everything (facts, settings or bibliographies changed). */
  scheduleAll(delay = DEBOUNCE_MS): void {
    for (const path of this.documentResults.keys()) this.dirty.add(path);
    for (const doc of this.state.documents.all()) this.dirty.add(toCorePath(doc.uri));
    if (this.checkAll) for (const doc of this.state.ws.documents()) this.dirty.add(doc.uri);
    this.arm(delay);
  }

  forget(path: string): void {
    this.documentResults.delete(path);
    this.arm(DEBOUNCE_MS);
  }

  /** Resolves when no run is pending (used by Check Workspace to answer with the results). */
  whenIdle(): Promise<void> {
    if (!this.timer && this.dirty.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private arm(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    // A newer change supersedes a run in progress: it checks the generation between documents.
    this.generation++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run().catch((err) => this.state.connection.console.error(`[clio] diagnostics failed: ${err instanceof Error ? err.stack : String(err)}`));
    }, delay);
  }

  private shouldCheck(path: string): boolean {
    if (this.checkAll) return true;
    return this.state.documents.all().some((d) => toCorePath(d.uri) === path);
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    const { ws } = this.state;
    const work = [...this.dirty];
    this.dirty.clear();
    const requeue = () => {
      for (const rest of work) this.dirty.add(rest);
    };
    for (const path of work) {
      if (generation !== this.generation) return requeue();
      const open = this.state.documents.all().find((d) => toCorePath(d.uri) === path);
      if (open) {
        const text = open.getText();
        const held = ws.getDocument(path);
        if (!held || held.text !== text) {
          const parsed = await this.inSlices(`parsing ${path}`, ws.setDocumentInSteps(path, text, open.version), generation);
          if (parsed === SUPERSEDED) return requeue();
        }
      }
      if (!ws.getDocument(path) || !this.shouldCheck(path)) {
        this.documentResults.delete(path);
        continue;
      }
      const found = await this.inSlices(`checking ${path}`, ws.documentDiagnosticsInSteps(path), generation);
      if (found === SUPERSEDED) return requeue();
      this.documentResults.set(path, found ?? []);
      // Let requests (hover, completion) in between documents.
      await new Promise((r) => setImmediate(r));
    }
    if (generation !== this.generation) return;
    const byUri = await this.inSlices("workspace checks", ws.workspaceDiagnosticsInSteps(), generation);
    if (byUri === SUPERSEDED) return requeue();
    const workspace = byUri ? [...byUri.values()].flat() : [];
    // Problems of the bundled fact base are ours to fix, not the historian's: only workspace fact files get them.
    const bundled = new Set(ws.host.bundledFacts.map((f) => f.file));
    const facts = this.safely("fact files", () => ws.factDiagnostics().filter((d) => !bundled.has(d.uri)));
    const publishing = performance.now();
    this.publish([...[...this.documentResults.values()].flat(), ...workspace, ...facts]);
    this.record("publish", performance.now() - publishing);
    this.sendStatus();
    const waiting = this.idle;
    this.idle = [];
    if (!this.timer && this.dirty.size === 0) for (const resolve of waiting) resolve();
    else this.idle.push(...waiting);
  }

  /**
   * Runs a stepped computation, giving the event loop back whenever a slice has
   * taken SLICE_MS, so requests are answered while a large paper is parsed and
   * checked. Stops (SUPERSEDED) when a newer change arrives; undefined on failure.
   */
  private async inSlices<T>(what: string, steps: Generator<void, T>, generation: number): Promise<T | typeof SUPERSEDED | undefined> {
    let sliceStart = performance.now();
    // Slices are timed by kind (parsing, checking, workspace checks) for the benchmark.
    const kind = `slice: ${what.split(" ")[0]}`;
    try {
      for (;;) {
        const next = steps.next();
        if (next.done) {
          this.record(kind, performance.now() - sliceStart);
          return next.value;
        }
        if (performance.now() - sliceStart < SLICE_MS) continue;
        this.record(kind, performance.now() - sliceStart);
        await new Promise((r) => setImmediate(r));
        if (generation !== this.generation) {
          steps.return(undefined as T);
          return SUPERSEDED;
        }
        sliceStart = performance.now();
      }
    } catch (err) {
      this.state.connection.console.error(`[clio] ${what} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Keeps a duration when the benchmark asked for timings (ServerState.timings). */
  private record(name: string, ms: number): void {
    const timings = this.state.timings;
    if (!timings) return;
    const list = timings.get(name) ?? [];
    list.push(ms);
    timings.set(name, list);
  }

  private safely(what: string, compute: () => ClioDiagnostic[]): ClioDiagnostic[] {
    try {
      return compute();
    } catch (err) {
      this.state.connection.console.error(`[clio] ${what} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return [];
    }
  }

  private publish(all: ClioDiagnostic[]): void {
    const byUri = new Map<string, ClioDiagnostic[]>();
    const lspUris = new Map<string, string>();
    const lspUri = (path: string) => {
      let uri = lspUris.get(path);
      if (uri === undefined) lspUris.set(path, (uri = this.state.lspUri(path)));
      return uri;
    };
    // Every checked paper gets a publish, an empty one included, so the client knows it was checked.
    for (const path of this.documentResults.keys()) byUri.set(lspUri(path), []);
    for (const d of all) {
      const uri = lspUri(d.uri);
      const list = byUri.get(uri) ?? [];
      list.push(d);
      byUri.set(uri, list);
    }
    let errors = 0;
    let warnings = 0;
    let information = 0;
    for (const [uri, all] of byUri) {
      const full = dedupe(all);
      for (const d of full) {
        if (d.severity === "error") errors++;
        else if (d.severity === "warning") warnings++;
        else if (d.severity === "information") information++;
      }
      const list = this.limited(uri, full);
      // Unchanged paragraphs keep their diagnostic objects (core/paragraph-results.ts), so an
      // identity comparison finds an unchanged file without serialising it.
      const before = this.published.get(uri);
      if (before && before.length === list.length && before.every((d, i) => d === list[i])) continue;
      this.published.set(uri, list);
      const version = this.state.documents.get(uri)?.version;
      void this.state.connection.sendDiagnostics({ uri, version, diagnostics: list.map(lspDiagnostic) });
    }
    for (const uri of [...this.published.keys()]) {
      if (byUri.has(uri)) continue;
      this.published.delete(uri);
      void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.lastStatus = { ...this.lastStatus, errors, warnings, information };
  }

  /** Summary diagnostics by file, reused while the number left out stays the same (identity checks above). */
  private omittedNotes = new Map<string, ClioDiagnostic>();

  /** At most MAX_PUBLISHED_PER_FILE diagnostics, the most severe first, plus a note of how many were left out. */
  private limited(uri: string, list: ClioDiagnostic[]): ClioDiagnostic[] {
    if (list.length <= MAX_PUBLISHED_PER_FILE) {
      this.omittedNotes.delete(uri);
      return list;
    }
    const kept: ClioDiagnostic[] = [];
    for (const severity of ["error", "warning", "information", "hint"] as const) {
      for (const d of list) {
        if (d.severity !== severity) continue;
        if (kept.length === MAX_PUBLISHED_PER_FILE) break;
        kept.push(d);
      }
    }
    const omitted = list.length - kept.length;
    let note = this.omittedNotes.get(uri);
    if (!note || !note.message.startsWith(`${omitted.toLocaleString("en")} `)) {
      note = {
        uri: kept[0].uri,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: "information",
        code: "problems-omitted",
        source: "clio",
        message: `${omitted.toLocaleString("en")} more problems in this file are not shown: the editor shows at most ${MAX_PUBLISHED_PER_FILE.toLocaleString("en")} per file, the most severe first. \`clio check\` on the file lists them all.`,
      };
      this.omittedNotes.set(uri, note);
    }
    kept.push(note);
    return kept;
  }

  private sendStatus(): void {
    const { ws } = this.state;
    let documents = 0;
    for (const _ of ws.documents()) documents++;
    const status: ClioStatus = { ...this.lastStatus, documents };
    try {
      const facts = ws.facts();
      status.entities = facts.entities.size;
      status.events = facts.events.size;
      status.sources = facts.sources.size;
      status.problem = undefined;
    } catch (err) {
      status.problem = `fact base unavailable: ${err instanceof Error ? err.message : String(err)}`;
    }
    this.lastStatus = status;
    void this.state.connection.sendNotification(STATUS_NOTIFICATION, status);
  }
}

/** LSP form of each core diagnostic, converted once: most survive an edit unchanged. */
const converted = new WeakMap<ClioDiagnostic, Diagnostic>();
function lspDiagnostic(d: ClioDiagnostic): Diagnostic {
  let out = converted.get(d);
  if (!out) converted.set(d, (out = toLspDiagnostic(d)));
  return out;
}

/** Problems of shared files: several papers can report the same one. */
const FILE_CODES = new Set(["bibliography-invalid", "fact-file-invalid"]);

/** The same diagnostic can arrive twice (a bibliography problem seen from two papers). */
function dedupe(list: ClioDiagnostic[]): ClioDiagnostic[] {
  if (!list.some((d) => FILE_CODES.has(d.code))) return list;
  const seen = new Set<string>();
  return list.filter((d) => {
    if (!FILE_CODES.has(d.code)) return true;
    const key = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
