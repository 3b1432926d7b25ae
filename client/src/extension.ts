// Clio's VS Code extension: starts the language server over IPC and adds the
// VS Code-only pieces (commands, status bar, file watchers, timeline view).
//
// Activation only registers those pieces; the language client (a bundle of its
// own, dist/lsp-client.cjs) is loaded and started just after activate() returns.
// Everything that talks to the server awaits the `client` promise.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { registerTimeline } from "./timeline.js";
import { ClioStatusBar } from "./status.js";
import { registerCommands } from "./commands.js";

let client: Promise<LanguageClient> | undefined;
let deactivated = false;

export interface ClioApi {
  /** The started language client; rejects if the server could not be started. */
  client: Promise<LanguageClient>;
}

export function activate(context: vscode.ExtensionContext): ClioApi {
  deactivated = false;
  const output = vscode.window.createOutputChannel("Clio", { log: true });
  const status = new ClioStatusBar();
  const watchers = [
    "**/clio.facts.{yaml,yml}",
    "**/.clio/*.{yaml,yml,json}",
    "**/*.bib",
    "**/*.json",
    "**/*.{md,qmd,Rmd,rmd,markdown}",
  ].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(output, status, ...watchers);

  const ready = startClient(context, output, watchers, status);
  client = ready;
  ready.catch((err: unknown) => {
    if (deactivated) return;
    status.failed(err);
    output.error("Clio: the language server could not be started", err);
  });
  registerCommands(context, ready, status);
  context.subscriptions.push(
    // Harmless if the client starts after this: it then reads isTrusted === true at start-up too.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void ready.then((c) => c.sendNotification("clio/workspaceTrusted"), () => undefined)),
  );
  try {
    registerTimeline(context, ready);
  } catch (err) {
    // The timeline is an extra; the editor features must start without it.
    output.error("Clio: the timeline view could not be registered", err);
    void vscode.window.showErrorMessage("Clio: the timeline view could not be registered; see the Clio output channel.");
  }
  return { client: ready };
}

async function startClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  watchers: vscode.FileSystemWatcher[],
  status: ClioStatusBar,
): Promise<LanguageClient> {
  // A macrotask, not a microtask: VS Code records the activation as finished
  // before the client library is loaded.
  await new Promise((resolve) => setImmediate(resolve));
  if (deactivated) throw new Error("Clio was deactivated before its language server started.");
  // Resolved next to dist/extension.cjs at run time; the build keeps it out of this bundle.
  const { createLanguageClient } = require("./lsp-client.cjs") as typeof import("./language-client.js");
  const started = createLanguageClient(context, output, watchers);
  status.listen(started);
  await started.start();
  return started;
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  const pending = client;
  client = undefined;
  const started = await pending?.catch(() => undefined);
  await started?.stop();
}
