// What every LSP feature file shares: the core workspace, the connection, the
// open documents, and `guard`, which keeps one failing request from taking the
// server down.
import type { Connection, TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { ClioWorkspace } from "../core/workspace.js";
import { toCorePath, toLspUri } from "./uris.js";

/** Characters above which a paper is parsed only in slices. */
const LARGE_DOCUMENT = 512 * 1024;

export interface ClientCapabilities {
  configuration: boolean;
  documentChanges: boolean;
  markdownHover: boolean;
}

export class ServerState {
  ws: ClioWorkspace;
  capabilities: ClientCapabilities = { configuration: false, documentChanges: false, markdownHover: true };
  root: string | undefined;
  /**
   * How long each request's handler took (ms), by request name: kept only when the
   * environment sets CLIO_TIMINGS, for the benchmark, which reads them through
   * `clio/timings` to tell the server's own time from the transport's.
   */
  readonly timings: Map<string, number[]> | undefined = process.env.CLIO_TIMINGS ? new Map() : undefined;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    ws: ClioWorkspace,
  ) {
    this.ws = ws;
  }

  /**
   * Core document for an LSP URI, making sure an open document's latest text is what
   * the core holds. A very large paper is not re-parsed here, in one go: the
   * diagnostics run brings it up to date in slices (lsp/diagnostics.ts), and until
   * then requests see the version before the last few keystrokes.
   */
  coreDocument(uri: string) {
    const path = toCorePath(uri);
    const open = this.documents.get(uri);
    const held = this.ws.getDocument(path);
    // Until the first sliced parse of a large paper is done, requests on it find nothing.
    if (open && open.getText().length > LARGE_DOCUMENT) return held;
    if (open && (!held || held.text !== open.getText())) {
      return this.ws.setDocument(path, open.getText(), open.version);
    }
    return held;
  }

  /** The URI the client uses for a core path (an open document keeps its own spelling). */
  lspUri(path: string): string {
    for (const doc of this.documents.all()) if (toCorePath(doc.uri) === path) return doc.uri;
    return toLspUri(path);
  }

  log(message: string): void {
    this.connection.console.log(`[clio] ${message}`);
  }

  /** Runs a handler; on failure logs it and answers with the fallback instead of crashing. */
  guard<P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
    return async (...args: P) => {
      const started = this.timings ? performance.now() : 0;
      try {
        return await handler(...args);
      } catch (err) {
        this.connection.console.error(`[clio] ${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        return fallback;
      } finally {
        if (this.timings) {
          const list = this.timings.get(name) ?? [];
          list.push(performance.now() - started);
          this.timings.set(name, list);
        }
      }
    };
  }
}
