// Drives the real dist/server.cjs over stdio with the LSP protocol client, the way
// VS Code does, and times edit → diagnostics, hover and completion round trips.
import { spawn, type ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  CompletionRequest,
  ShutdownRequest,
  ExitNotification,
  TextDocumentSyncKind,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

export interface LspSession {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** Resolves with the next diagnostics for the URI whose version is at least `version` (or any, when the server sends none). */
  diagnosticsFor(uri: string, version: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  syncKind: number;
  stop(): Promise<void>;
}

export async function startServer(serverPath: string, rootDir: string, execArgv: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<LspSession> {
  const child = spawn(process.execPath, [...execArgv, serverPath, "--stdio"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters: Array<{ uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i];
      if (w.uri === p.uri && (p.version === undefined || p.version >= w.version)) {
        waiters.splice(i--, 1);
        w.resolve(p);
      }
    }
  });
  // Servers may ask the client for configuration or to register capabilities; answer like an empty client would.
  connection.onRequest("workspace/configuration", (params: any) => (params?.items ?? []).map(() => null));
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.listen();
  const rootUri = pathToFileURL(rootDir).href;
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: "bench" }],
    capabilities: {
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        hover: { contentFormat: ["markdown", "plaintext"] },
        completion: { completionItem: { snippetSupport: true } },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
    initializationOptions: {},
  } as any);
  await connection.sendNotification(InitializedNotification.type, {});
  const sync = (init.capabilities as any).textDocumentSync;
  const syncKind = typeof sync === "number" ? sync : (sync?.change ?? TextDocumentSyncKind.None);
  return {
    connection,
    child,
    syncKind,
    diagnosticsFor(uri, version, timeoutMs = 30000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; server stderr: ${stderr.slice(-500)}`)), timeoutMs);
        waiters.push({ uri, version, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // the server may already be gone
      }
      await new Promise((r) => setTimeout(r, 200));
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}

export function open(s: LspSession, uri: string, text: string, version = 1) {
  return s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version, text },
  });
}

/** Inserts `insert` at a position (incremental sync) or resends the whole text (full sync). */
export function change(s: LspSession, uri: string, version: number, line: number, character: number, insert: string, fullText: () => string) {
  const contentChanges =
    s.syncKind === TextDocumentSyncKind.Incremental
      ? [{ range: { start: { line, character }, end: { line, character } }, text: insert }]
      : [{ text: fullText() }];
  return s.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
}

export function hover(s: LspSession, uri: string, line: number, character: number) {
  return s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
}

export function complete(s: LspSession, uri: string, line: number, character: number) {
  return s.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
}
