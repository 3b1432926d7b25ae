// textDocument/completion → entities, source keys, role titles, event dates.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from "vscode-languageserver/node";
import { completionsAt, type CompletionKind } from "../core/features/index.js";
import type { ServerState } from "./state.js";

export const COMPLETION_TRIGGERS = ["[", "@", "{"];

const KIND: Record<CompletionKind, CompletionItemKind> = {
  entity: CompletionItemKind.Class,
  source: CompletionItemKind.Reference,
  title: CompletionItemKind.Keyword,
  date: CompletionItemKind.Event,
};

export function registerCompletion(state: ServerState): void {
  state.connection.onCompletion(
    state.guard("completion", [], (params): CompletionItem[] => {
      const doc = state.coreDocument(params.textDocument.uri);
      if (!doc) return [];
      return completionsAt(state.ws, doc.uri, params.position).map((c) => ({
        label: c.label,
        kind: KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
        filterText: c.filterText,
        sortText: c.sortText,
        insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range: c.range, newText: c.insertText },
      }));
    }),
  );
}
