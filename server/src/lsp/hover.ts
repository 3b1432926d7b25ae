// textDocument/hover → the core's hover cards.
import { MarkupKind, type Hover } from "vscode-languageserver/node";
import { hoverAt } from "../core/features/index.js";
import type { ServerState } from "./state.js";

export function registerHover(state: ServerState): void {
  state.connection.onHover(
    state.guard("hover", null, (params): Hover | null => {
      const doc = state.coreDocument(params.textDocument.uri);
      if (!doc) return null;
      const card = hoverAt(state.ws, doc.uri, params.position);
      if (!card) return null;
      return {
        contents: state.capabilities.markdownHover ? { kind: MarkupKind.Markdown, value: card.markdown } : { kind: MarkupKind.PlainText, value: card.markdown },
        range: card.range,
      };
    }),
  );
}
