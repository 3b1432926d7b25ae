// Drives the real built language server (dist/server.cjs) over stdio, the way
// an editor does: a temp workspace folder, initialize, open documents, then
// requests. Waits on conditions (published diagnostics), never fixed sleeps.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SERVER = join(root, "dist", "server.cjs");

export interface Session {
  connection: ProtocolConnection;
  folder: string;
  uri(file: string): string;
  /** Opens a document with the given text (or the file's text written at setup). */
  open(file: string, text: string, languageId?: string): Promise<void>;
  change(file: string, text: string): Promise<void>;
  /** Resolves with the first published diagnostics for the file that satisfy the predicate. */
  diagnostics(file: string, until?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  notifications: Array<{ method: string; params: unknown }>;
  waitForNotification(method: string, until?: (params: any) => boolean, timeoutMs?: number): Promise<any>;
  logs: string[];
  /** Changes what workspace/configuration answers and tells the server. */
  configure(value: unknown): Promise<void>;
  stop(): Promise<void>;
}

export async function startSession(
  files: Record<string, string>,
  configuration: unknown = null,
  initializationOptions?: object,
  env: NodeJS.ProcessEnv = {},
): Promise<Session> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run node scripts/build.mjs first`);
  const folder = mkdtempSync(join(tmpdir(), "clio-lsp-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  const child: ChildProcess = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
  const logs: string[] = [];
  child.stderr!.on("data", (d) => logs.push(String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, Diagnostic[]>();
  const diagnosticWaiters: Array<() => void> = [];
  const notifications: Array<{ method: string; params: unknown }> = [];
  const notificationWaiters: Array<() => void> = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p.diagnostics);
    for (const w of diagnosticWaiters.splice(0)) w();
  });
  connection.onNotification("window/logMessage", (p: { message: string }) => {
    logs.push(p.message);
  });
  for (const method of ["clio/status"]) {
    connection.onNotification(method, (params: unknown) => {
      notifications.push({ method, params });
      for (const w of notificationWaiters.splice(0)) w();
    });
  }
  let current = configuration;
  connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => current));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();

  const uri = (file: string) => pathToFileURL(join(folder, file)).href;
  const versions = new Map<string, number>();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "test" }],
    initializationOptions,
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } },
      textDocument: { hover: { contentFormat: ["markdown", "plaintext"] }, publishDiagnostics: { relatedInformation: true } },
    },
  });
  await connection.sendNotification("initialized", {});

  async function waitFor<T>(check: () => T | undefined, register: (w: () => void) => void, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server log:\n${logs.join("").slice(-3000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        register(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  return {
    connection,
    folder,
    uri,
    notifications,
    logs,
    async open(file, text, languageId = "markdown") {
      versions.set(file, 1);
      await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(file), languageId, version: 1, text } });
    },
    async change(file, text) {
      const version = (versions.get(file) ?? 1) + 1;
      versions.set(file, version);
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
    },
    diagnostics(file, until = () => true, timeoutMs = 15000) {
      return waitFor(
        () => {
          const d = published.get(uri(file));
          return d && until(d) ? d : undefined;
        },
        (w) => diagnosticWaiters.push(w),
        `diagnostics of ${file}`,
        timeoutMs,
      );
    },
    waitForNotification(method, until = () => true, timeoutMs = 15000) {
      return waitFor(
        () => [...notifications].reverse().find((n) => n.method === method && until(n.params))?.params,
        (w) => notificationWaiters.push(w),
        `notification ${method}`,
        timeoutMs,
      );
    },
    async configure(value) {
      current = value;
      await connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    },
    async stop() {
      try {
        await connection.sendRequest("shutdown");
        await connection.sendNotification("exit");
      } catch {
        // already gone
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function hoverText(hover: any): string {
  if (!hover) return "";
  const c = hover.contents;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
  return c.value;
}

/** Position of the n-th occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found`);
  }
  index += delta;
  const before = text.slice(0, index);
  const line = before.split("\n").length - 1;
  return { line, character: index - (before.lastIndexOf("\n") + 1) };
}
