// The only part of the extension that needs vscode-languageclient. It is bundled
// on its own (dist/lsp-client.cjs) because loading that library costs ~40 ms:
// extension.ts requires this file after activate() has returned, so activation
// stays fast and the editor UI (commands, status bar) is there at once.
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

export type { LanguageClient };

/** Papers Clio reads: Markdown, Quarto and R Markdown, whatever language mode the editor gives them. */
export const PAPER_SELECTOR = [
  { scheme: "file", language: "markdown" },
  { scheme: "file", language: "quarto" },
  { scheme: "file", language: "rmd" },
  { scheme: "file", pattern: "**/*.{qmd,Rmd,rmd}" },
  { scheme: "untitled", language: "markdown" },
];

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  fileEvents: vscode.FileSystemWatcher[],
): LanguageClient {
  const serverModule = context.asAbsolutePath("dist/server.cjs");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: PAPER_SELECTOR,
    synchronize: { configurationSection: "clio", fileEvents },
    // Untrusted workspaces: the server reads no fact file or bibliography outside the folder.
    initializationOptions: { settings: vscode.workspace.getConfiguration("clio"), trusted: vscode.workspace.isTrusted },
    diagnosticCollectionName: "clio",
    // Shared with extension.ts, which logs to it before the client exists.
    outputChannel,
  };
  return new LanguageClient("clio", "Clio", serverOptions, clientOptions);
}
