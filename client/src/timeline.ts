// "Clio: Show Timeline": a webview with the claims of the current paper (or the
// workspace) on a time axis. The server computes the data (clio/timeline); the
// bundled front end (dist/timeline-view.js) draws it; clicks come back here and
// reveal the claim in its editor.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { TIMELINE_CSS } from "../../server/src/core/export/timeline-style.js";
import { TIMELINE_REQUEST, type TimelineData, type TimelineParams, type TimelineScope } from "../../server/src/core/export/timeline-model.js";

const PAPER_LANGUAGES = new Set(["markdown", "quarto", "rmd", "rmarkdown"]);
const REFRESH_DELAY_MS = 350;

type FromView =
  | { type: "ready"; scope?: TimelineScope }
  | { type: "scope"; scope: TimelineScope }
  | { type: "reveal"; uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };

export function registerTimeline(context: vscode.ExtensionContext, client: Promise<LanguageClient>): void {
  let view: TimelineView | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand("clio.showTimeline", () => {
      if (view) view.panel.reveal(undefined, true);
      else {
        view = new TimelineView(context, client);
        view.panel.onDidDispose(() => (view = undefined));
      }
    }),
  );
}

function isPaper(doc: vscode.TextDocument): boolean {
  return PAPER_LANGUAGES.has(doc.languageId) || /\.(md|qmd|rmd|markdown)$/i.test(doc.uri.path);
}

class TimelineView {
  readonly panel: vscode.WebviewPanel;
  private scope: TimelineScope = "document";
  private paper: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: Promise<LanguageClient>,
  ) {
    const active = vscode.window.activeTextEditor?.document;
    this.paper = active && isPaper(active) ? active.uri : vscode.workspace.textDocuments.find(isPaper)?.uri;
    const dist = vscode.Uri.joinPath(context.extensionUri, "dist");
    this.panel = vscode.window.createWebviewPanel("clio.timeline", "Clio Timeline", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [dist],
    });
    this.panel.webview.html = this.html(this.panel.webview, vscode.Uri.joinPath(dist, "timeline-view.js"));
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m: FromView) => void this.onMessage(m)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || !isPaper(editor.document) || editor.document.uri.toString() === this.paper?.toString()) return;
        this.paper = editor.document.uri;
        if (this.scope === "document") this.schedule(0);
      }),
      // Follow edits live: the server has the new text by the time the debounced request arrives (LSP keeps order).
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!isPaper(e.document) || e.contentChanges.length === 0) return;
        if (this.scope === "workspace" || e.document.uri.toString() === this.paper?.toString()) this.schedule(REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (/\.(ya?ml|json|bib)$/i.test(doc.uri.path)) this.schedule(REFRESH_DELAY_MS);
      }),
      this.panel.onDidChangeViewState(() => {
        if (this.panel.visible) this.schedule(0);
      }),
    );
    this.panel.onDidDispose(() => {
      clearTimeout(this.timer);
      for (const d of this.disposables) d.dispose();
    });
  }

  private async onMessage(message: FromView): Promise<void> {
    if (message.type === "ready" || message.type === "scope") {
      if (message.scope === "workspace" || message.scope === "document") this.scope = message.scope;
      this.schedule(0);
    } else if (message.type === "reveal") {
      await this.reveal(message.uri, message.range);
    }
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const ticket = ++this.sequence;
    const params: TimelineParams = { scope: this.scope, uri: this.paper?.toString() };
    if (this.scope === "document" && !params.uri) {
      void this.panel.webview.postMessage({ type: "error", message: "Open a Markdown or Quarto paper to see its timeline." });
      return;
    }
    try {
      const data = await (await this.client).sendRequest<TimelineData | null>(TIMELINE_REQUEST, params);
      if (ticket !== this.sequence) return; // a newer request is on its way
      if (!data) {
        void this.panel.webview.postMessage({ type: "error", message: "Clio does not know this document yet; try again in a moment." });
        return;
      }
      this.panel.title = this.scope === "workspace" ? "Clio Timeline — workspace" : `Clio Timeline — ${data.title}`;
      void this.panel.webview.postMessage({ type: "data", data, scope: this.scope });
    } catch (err) {
      if (ticket !== this.sequence) return;
      void this.panel.webview.postMessage({ type: "error", message: `The timeline could not be computed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private async reveal(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
    try {
      const target = vscode.Uri.parse(uri);
      const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
      const doc = visible?.document ?? (await vscode.workspace.openTextDocument(target));
      const editor = await vscode.window.showTextDocument(doc, {
        viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
        selection,
        preserveFocus: false,
      });
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (err) {
      void vscode.window.showWarningMessage(`Clio: cannot open the claim: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private html(webview: vscode.Webview, script: vscode.Uri): string {
    // Web Crypto (a global in Node 20): node:crypto would cost ~4 ms of activation to load.
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
    const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource} 'nonce-${nonce}'; img-src ${webview.cspSource} data:`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${TIMELINE_CSS}</style>
<title>Clio Timeline</title>
</head>
<body>
<div id="clio-timeline" data-lanes="actor" data-scope="${this.scope}"></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(script)}"></script>
</body>
</html>`;
  }
}
