// Startup index of the workspace's papers, so workspace checks (date-conflict)
// and references see closed files. Bounded: skips node_modules and hidden
// folders, stops at MAX_FILES, ignores very large files. Done in steps, in
// time-limited slices, so that a book of large chapters does not hold the
// server up (issue 7).
import * as fs from "node:fs";
import * as path from "node:path";
import type { ServerState } from "./state.js";
import { toCorePath } from "./uris.js";
import type { ClioWorkspace } from "../core/workspace.js";
import { finish } from "../core/parse/index.js";

export const PAPER_EXTENSIONS = /\.(md|markdown|qmd|rmd)$/i;
const SKIP_DIRS = new Set(["node_modules", "_site", "_book", "_freeze", "site-packages", "dist", "out"]);
export const MAX_FILES = 2000;
const MAX_BYTES = 2_000_000;
const MAX_DEPTH = 12;

export function isPaper(file: string): boolean {
  return PAPER_EXTENSIONS.test(file);
}

/** Paper paths under root, breadth first, within the bounds. */
export function findPapers(root: string): string[] {
  return finish(findPapersInSteps(root));
}

/** findPapers in steps: a pause after every folder read. */
export function* findPapersInSteps(root: string): Generator<void, string[]> {
  const out: string[] = [];
  const queue: Array<[string, number]> = [[root, 0]];
  while (queue.length && out.length < MAX_FILES) {
    const [dir, depth] = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && depth < MAX_DEPTH) queue.push([full, depth + 1]);
      } else if (entry.isFile() && isPaper(entry.name)) {
        try {
          if (fs.statSync(full).size <= MAX_BYTES) out.push(full);
        } catch {
          // vanished meanwhile
        }
        if (out.length >= MAX_FILES) break;
      }
    }
    yield;
  }
  return out;
}

export function readPaper(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.size <= MAX_BYTES ? fs.readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

export interface IndexOptions {
  /** The workspace to fill (asked again at every step: the server may replace it). */
  workspace: () => ClioWorkspace;
  /** Whether the editor has the paper open: then its buffer, not the file, is what counts. */
  isOpen: (file: string) => boolean;
  onError: (file: string, err: unknown) => void;
}

/**
 * Finds the papers under root and parses each into the workspace with the
 * stepped parse, so that no single file is parsed in one go. Returns how many
 * papers were found. A paper that is open in the editor, or that the workspace
 * got meanwhile (opened, or re-read after a change on disk), is left as it is:
 * its buffer or that newer read wins over this one.
 */
export function* indexPapersInSteps(root: string, options: IndexOptions): Generator<void, number> {
  const files = yield* findPapersInSteps(root);
  for (const file of files) {
    const taken = () => options.isOpen(file) || options.workspace().getDocument(file) !== undefined;
    if (taken()) continue;
    const text = readPaper(file);
    yield;
    if (text === undefined) continue;
    const ws = options.workspace();
    const parse = ws.setDocumentInSteps(file, text);
    try {
      // The last step stores the document, so the check before each step keeps a newer one.
      while (!taken() && ws === options.workspace()) {
        if (parse.next().done) {
          // Deleted on disk while it was being parsed: the watcher's removal came first and must stand.
          if (!fs.existsSync(file) && ws.getDocument(file)?.text === text) ws.removeDocument(file);
          break;
        }
        yield;
      }
    } catch (err) {
      options.onError(file, err);
    } finally {
      parse.return(undefined as never);
    }
  }
  return files.length;
}

/** How the server fills its workspace from disk: an open paper is the editor's, errors go to the log. */
export function serverIndexOptions(state: ServerState): IndexOptions {
  return {
    workspace: () => state.ws,
    isOpen: (file) => state.documents.all().some((d) => toCorePath(d.uri) === file),
    onError: (file, err) => state.log(`indexing failed at ${file}: ${String(err)}`),
  };
}

/** The latest re-read of each paper: an older parse still running gives way to it. */
const latestRead = new Map<string, object>();

/**
 * Parses one closed paper read from disk again (changed on disk, or just closed in
 * the editor) into the workspace in slices, then calls `done`. The editor's buffer
 * wins if the paper is opened meanwhile, and a later re-read of the same paper
 * wins over this one. A branch switch that changes thirty chapters thus never
 * parses one of them in one go.
 */
export function reindexPaperInSlices(file: string, text: string, options: IndexOptions, done: () => void): void {
  const token = {};
  latestRead.set(file, token);
  const ws = options.workspace();
  function* steps(): Generator<void, void> {
    const parse = ws.setDocumentInSteps(file, text);
    try {
      // The last step stores the document, so checking before each step keeps a newer one.
      while (latestRead.get(file) === token && !options.isOpen(file) && ws === options.workspace()) {
        if (parse.next().done) break;
        yield;
      }
    } catch (err) {
      options.onError(file, err);
    } finally {
      parse.return(undefined as never);
      if (latestRead.get(file) === token) latestRead.delete(file);
    }
  }
  runInSlices(steps(), () => done());
}

/** Longest stretch of indexing before the event loop gets its turn. */
export const INDEX_SLICE_MS = 20;

/** Runs a stepped computation in slices of about sliceMs, giving the event loop back in between; then `done`. */
export function runInSlices<T>(steps: Generator<void, T>, done: (result: T | undefined, err?: unknown) => void, sliceMs = INDEX_SLICE_MS): void {
  const slice = () => {
    const started = performance.now();
    let next: IteratorResult<void, T> | undefined;
    try {
      do {
        next = steps.next();
      } while (!next.done && performance.now() - started < sliceMs);
    } catch (err) {
      return done(undefined, err);
    }
    if (next.done) done(next.value);
    else setImmediate(slice);
  };
  slice();
}
