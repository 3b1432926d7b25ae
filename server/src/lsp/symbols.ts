// Document symbols (claims in date order) and workspace symbols (fact-base entities and events).
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from "vscode-languageserver/node";
import { documentSymbols, workspaceSymbols } from "../core/features/index.js";
import type { ServerState } from "./state.js";
import { toLspUri } from "./uris.js";

const ENTITY_KIND: Record<string, SymbolKind> = {
  person: SymbolKind.Object,
  state: SymbolKind.Namespace,
  party: SymbolKind.Package,
  organisation: SymbolKind.Module,
  place: SymbolKind.Field,
  event: SymbolKind.Event,
};

export function registerSymbols(state: ServerState): void {
  state.connection.onDocumentSymbol(
    state.guard("documentSymbol", [], (params): DocumentSymbol[] => {
      const doc = state.coreDocument(params.textDocument.uri);
      if (!doc) return [];
      return documentSymbols(state.ws, doc.uri).map((s) => ({
        name: s.name || "claim",
        detail: s.detail,
        kind: SymbolKind.Event,
        range: s.range,
        selectionRange: s.selectionRange,
      }));
    }),
  );
  state.connection.onWorkspaceSymbol(
    state.guard("workspaceSymbol", [], (params): SymbolInformation[] =>
      workspaceSymbols(state.ws, params.query).map((s) => ({
        name: s.name,
        kind: s.kind === "event" ? SymbolKind.Event : ENTITY_KIND[s.entityType ?? ""] ?? SymbolKind.Object,
        containerName: s.containerName,
        location: { uri: toLspUri(s.uri), range: s.range },
      })),
    ),
  );
}
