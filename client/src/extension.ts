// Clio's VS Code extension: starts the language server over IPC and adds the
// VS Code-only pieces (commands, status bar, file watchers, timeline view).
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { registerTimeline } from "./timeline.js";
import { ClioStatusBar } from "./status.js";
import { registerCommands } from "./commands.js";

let client: LanguageClient | undefined;

/** Papers Clio reads: Markdown, Quarto and R Markdown, whatever language mode the editor gives them. */
export const PAPER_SELECTOR = [
  { scheme: "file", language: "markdown" },
  { scheme: "file", language: "quarto" },
  { scheme: "file", language: "rmd" },
  { scheme: "file", pattern: "**/*.{qmd,Rmd,rmd}" },
  { scheme: "untitled", language: "markdown" },
];

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverModule = context.asAbsolutePath("dist/server.cjs");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const watchers = [
    "**/clio.facts.{yaml,yml}",
    "**/.clio/*.{yaml,yml,json}",
    "**/*.bib",
    "**/*.json",
    "**/*.{md,qmd,Rmd,rmd,markdown}",
  ].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: PAPER_SELECTOR,
    synchronize: { configurationSection: "clio", fileEvents: watchers },
    // Untrusted workspaces: the server reads no fact file or bibliography outside the folder.
    initializationOptions: { settings: vscode.workspace.getConfiguration("clio"), trusted: vscode.workspace.isTrusted },
    diagnosticCollectionName: "clio",
  };
  client = new LanguageClient("clio", "Clio", serverOptions, clientOptions);
  const status = new ClioStatusBar(client);
  context.subscriptions.push(status);
  registerCommands(context, client, status);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification("clio/workspaceTrusted")),
  );
  try {
    registerTimeline(context, client);
  } catch (err) {
    // The timeline is an extra; the editor features must start without it.
    client.error("Clio: the timeline view could not be registered", err);
  }
  await client.start();
  status.listen();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
