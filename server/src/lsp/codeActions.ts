// Quick fixes: the core attaches them to its diagnostics; they travel in the
// LSP diagnostic's `data`, so the editor hands back exactly what was published.
import { CodeActionKind, type CodeAction } from "vscode-languageserver/node";
import type { QuickFix } from "../core/types.js";
import type { ServerState } from "./state.js";
import { toCodeAction, type ClioDiagnosticData } from "./convert.js";

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction(
    state.guard("codeAction", [], (params): CodeAction[] => {
      const only = params.context.only;
      if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return [];
      const actions: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== "clio") continue;
        const fixes = (diagnostic.data as ClioDiagnosticData | undefined)?.fixes ?? [];
        for (const fix of fixes as QuickFix[]) actions.push(toCodeAction(fix, diagnostic, state.capabilities.documentChanges));
      }
      return actions;
    }),
  );
}
