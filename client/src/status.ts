// Status bar item: fact-base size and the number of Clio problems, fed by the
// server's clio/status notification. Clicking it opens the Problems view.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { STATUS_NOTIFICATION, type ClioStatus } from "../../server/src/lsp/protocol.js";

export class ClioStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private subscription: vscode.Disposable | undefined;
  last: ClioStatus | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem("clio.status", vscode.StatusBarAlignment.Left, 10);
    this.item.name = "Clio";
    this.item.text = "$(loading~spin) Clio";
    this.item.tooltip = "Clio is starting…";
    this.item.command = "workbench.actions.view.problems";
    this.item.show();
  }

  /** Follows the server's status notifications; may be called before the client has started. */
  listen(client: LanguageClient): void {
    this.subscription = client.onNotification(STATUS_NOTIFICATION, (status: ClioStatus) => this.update(status));
  }

  failed(err: unknown): void {
    this.item.text = "$(error) Clio: not running";
    this.item.tooltip = `The Clio language server could not be started: ${err instanceof Error ? err.message : String(err)}. See the Clio output channel.`;
  }

  update(status: ClioStatus): void {
    this.last = status;
    const problems = status.errors + status.warnings;
    if (status.entities === undefined) {
      this.item.text = `$(warning) Clio: no fact base`;
      this.item.tooltip = status.problem ?? "The fact base could not be loaded.";
      return;
    }
    this.item.text = `$(history) Clio: ${status.entities} facts · ${problems ? `${problems} problem${problems === 1 ? "" : "s"}` : "no problems"}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**Clio fact base:** ${status.entities} entities, ${status.events ?? 0} events, ${status.sources ?? 0} sources\n\n`);
    md.appendMarkdown(`**Problems:** ${status.errors} errors, ${status.warnings} warnings, ${status.information} notes in ${status.documents} papers\n\n`);
    md.appendMarkdown("Click to open the Problems view.");
    this.item.tooltip = md;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.item.dispose();
  }
}
