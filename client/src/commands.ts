// Clio: Check Workspace · Clio: Show Facts for Entity… · Clio: Toggle Prose Mode.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  CHECK_WORKSPACE_REQUEST,
  ENTITIES_REQUEST,
  ENTITY_CARD_REQUEST,
  type CheckWorkspaceResult,
  type EntitySummary,
} from "../../server/src/lsp/protocol.js";
import type { ClioStatusBar } from "./status.js";

const PROSE_CYCLE = ["auto", "on", "off"] as const;

const FACTS_SCHEME = "clio-facts";

/** `client` resolves once the language server runs: commands issued earlier wait for it. */
export function registerCommands(context: vscode.ExtensionContext, client: Promise<LanguageClient>, status: ClioStatusBar): void {
  const cards = new Map<string, string>();
  const cardChanges = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    cardChanges,
    vscode.workspace.registerTextDocumentContentProvider(FACTS_SCHEME, {
      onDidChange: cardChanges.event,
      provideTextDocumentContent: (uri) => cards.get(uri.toString()) ?? "",
    }),
    vscode.commands.registerCommand("clio.checkWorkspace", async () => {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: "Clio: checking the workspace" },
        async () => (await client).sendRequest<CheckWorkspaceResult | null>(CHECK_WORKSPACE_REQUEST),
      );
      if (!result) return void vscode.window.showErrorMessage("Clio could not check the workspace; see the Clio output channel.");
      status.update(result);
      await vscode.commands.executeCommand("workbench.actions.view.problems");
      void vscode.window.showInformationMessage(
        `Clio checked ${result.files} papers: ${result.errors} errors, ${result.warnings} warnings, ${result.information} notes.`,
      );
      return result;
    }),

    vscode.commands.registerCommand("clio.showEntityFacts", async (id?: string) => {
      if (!id) {
        const entities = await (await client).sendRequest<EntitySummary[]>(ENTITIES_REQUEST);
        const picked = await vscode.window.showQuickPick(
          entities.map((e) => ({ label: e.name, description: e.type, detail: [e.detail, e.aliases.join(", ")].filter(Boolean).join(" · "), id: e.id })),
          { placeHolder: "Entity (type a name or alias)", matchOnDescription: true, matchOnDetail: true },
        );
        if (!picked) return;
        id = picked.id;
      }
      const card = await (await client).sendRequest<string | null>(ENTITY_CARD_REQUEST, { id });
      if (!card) return void vscode.window.showWarningMessage(`Clio knows no entity “${id}”.`);
      // A read-only document of its own scheme: not a paper, so Clio never checks it.
      const uri = vscode.Uri.from({ scheme: FACTS_SCHEME, path: `/${id}.md` });
      cards.set(uri.toString(), card);
      cardChanges.fire(uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      return card;
    }),

    vscode.commands.registerCommand("clio.toggleProse", async () => {
      const config = vscode.workspace.getConfiguration("clio");
      const current = config.get<string>("prose", "auto");
      const next = PROSE_CYCLE[(PROSE_CYCLE.indexOf(current as (typeof PROSE_CYCLE)[number]) + 1) % PROSE_CYCLE.length];
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await config.update("prose", next, target);
      void vscode.window.showInformationMessage(`Clio prose mode: ${next}`);
      return next;
    }),
  );
}
