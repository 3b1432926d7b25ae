// Clio's language server: a thin adapter from LSP to the protocol-free core.
// Entry point of dist/server.cjs; the transport (--stdio, --node-ipc) comes from argv.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ClioWorkspace } from "../core/workspace.js";
import { ServerState } from "./state.js";
import { createServerHost, loadBundledFacts } from "./host.js";
import { toCorePath } from "./uris.js";
import { DiagnosticsScheduler } from "./diagnostics.js";
import { registerHover } from "./hover.js";
import { registerCompletion, COMPLETION_TRIGGERS } from "./completion.js";
import { registerNavigation } from "./navigation.js";
import { registerSymbols } from "./symbols.js";
import { registerCodeActions } from "./codeActions.js";
import { registerRename } from "./rename.js";
import { registerWatchedFiles } from "./watched.js";
import { registerRequests } from "./requests.js";
import { registerTimelineRequest } from "./timeline.js";
import { refreshSettings, toWorkspaceSettings, type ClioConfiguration } from "./settings.js";
import { indexPapersInSteps, readPaper, reindexPaperInSlices, runInSlices, serverIndexOptions } from "./indexer.js";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const bundledFacts = loadBundledFacts();
const state = new ServerState(connection, documents, new ClioWorkspace(createServerHost(undefined, bundledFacts)));
const scheduler = new DiagnosticsScheduler(state);

// Never die on a stray error: log it and keep serving.
process.on("uncaughtException", (err) => connection.console.error(`[clio] uncaught: ${err.stack ?? err.message}`));
process.on("unhandledRejection", (err) => connection.console.error(`[clio] unhandled rejection: ${String(err)}`));

connection.onInitialize((params): InitializeResult => {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  const root = folder ? toCorePath(folder) : undefined;
  const options = params.initializationOptions as { settings?: ClioConfiguration; trusted?: boolean } | undefined;
  state.root = root;
  state.ws = new ClioWorkspace(createServerHost(root, bundledFacts), {
    ...toWorkspaceSettings(options?.settings),
    trusted: options?.trusted !== false,
  });
  const caps = params.capabilities;
  state.capabilities = {
    configuration: !!caps.workspace?.configuration,
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges && !!caps.workspace.workspaceEdit.resourceOperations?.includes("create"),
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes("markdown") ?? true,
  };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: ["quickfix"] },
      renameProvider: { prepareProvider: true },
    },
    serverInfo: { name: "clio-language-server", version: "0.1.0" },
  };
});

connection.onInitialized(
  state.guard("initialized", undefined, async () => {
    if (state.capabilities.configuration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "clio" }).catch(() => undefined);
      await refreshSettings(state).catch((err) => state.log(`settings: ${String(err)}`));
    }
    indexWorkspace();
  }),
);

/** Reads and parses the workspace's closed papers in 20 ms slices, so early requests are not held up. */
function indexWorkspace(): void {
  const root = state.root;
  if (!root) return scheduler.scheduleAll(0);
  const started = Date.now();
  const steps = indexPapersInSteps(root, serverIndexOptions(state));
  runInSlices(steps, (found, err) => {
    if (err) state.log(`indexing failed: ${String(err)}`);
    else state.log(`indexed ${found} papers in ${Date.now() - started} ms`);
    scheduler.scheduleAll(0);
  });
}

connection.onDidChangeConfiguration(
  state.guard("didChangeConfiguration", undefined, async (change) => {
    const settings = (change.settings as { clio?: ClioConfiguration } | undefined)?.clio;
    await refreshSettings(state, settings);
    scheduler.scheduleAll();
  }),
);

// The user granted workspace trust: fact files and bibliographies outside the folder may now be read.
connection.onNotification(
  "clio/workspaceTrusted",
  state.guard("workspaceTrusted", undefined, () => {
    state.ws.settings = { ...state.ws.settings, trusted: true };
    state.ws.invalidateFacts();
    scheduler.scheduleAll();
  }),
);

documents.onDidOpen((e) => {
  state.guard("didOpen", undefined, () => {
    state.coreDocument(e.document.uri);
    scheduler.schedule(toCorePath(e.document.uri), 0);
  })();
});
documents.onDidChangeContent((e) => scheduler.schedule(toCorePath(e.document.uri)));
documents.onDidClose((e) => {
  state.guard("didClose", undefined, () => {
    const file = toCorePath(e.document.uri);
    // A closed paper stays known from disk, so references and date-conflict still see it.
    const text = e.document.uri.startsWith("file:") ? readPaper(file) : undefined;
    if (text !== undefined) reindexPaperInSlices(file, text, serverIndexOptions(state), () => scheduler.scheduleAll());
    else state.ws.removeDocument(file);
    if (!scheduler.checkAll) scheduler.forget(file);
    scheduler.scheduleAll();
  })();
});

registerHover(state);
registerCompletion(state);
registerNavigation(state);
registerSymbols(state);
registerCodeActions(state);
registerRename(state);
registerWatchedFiles(state, scheduler);
registerRequests(state, scheduler);
registerTimelineRequest(connection, () => state.ws, (uri) => state.coreDocument(uri));

documents.listen(connection);
connection.listen();
