// Quick fixes: the core attaches them to its diagnostics. They are not sent with
// the published diagnostics (they would double the size of every publish, issue 7):
// the server looks the diagnostic up again among the document's current results.
import { CodeActionKind, type CodeAction, type Diagnostic } from "vscode-languageserver/node";
import type { ClioDiagnostic, QuickFix } from "../core/types.js";
import type { ServerState } from "./state.js";
import { toCodeAction, type ClioDiagnosticData } from "./convert.js";
import { toCorePath } from "./uris.js";

const sameRange = (a: Diagnostic["range"], b: ClioDiagnostic["range"]) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction(
    state.guard("codeAction", [], (params): CodeAction[] => {
      const only = params.context.only;
      if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k))) return [];
      const ours = params.context.diagnostics.filter((d) => d.source === "clio");
      if (ours.length === 0) return [];
      let current: ClioDiagnostic[] | undefined;
      const fixesOf = (diagnostic: Diagnostic): QuickFix[] => {
        const sent = (diagnostic.data as ClioDiagnosticData | undefined)?.fixes;
        if (sent) return sent;
        if (!current) {
          const doc = state.coreDocument(params.textDocument.uri);
          current = doc ? state.ws.documentDiagnostics(toCorePath(params.textDocument.uri)) : [];
        }
        const found = current.find((c) => c.code === diagnostic.code && c.message === diagnostic.message && sameRange(diagnostic.range, c.range));
        return found?.fixes ?? [];
      };
      const actions: CodeAction[] = [];
      for (const diagnostic of ours) {
        for (const fix of fixesOf(diagnostic)) actions.push(toCodeAction(fix, diagnostic, state.capabilities.documentChanges));
      }
      return actions;
    }),
  );
}
