// Go to definition and find references.
import type { Location } from "vscode-languageserver/node";
import { definitionAt, referencesAt, type Location as CoreLocation } from "../core/features/index.js";
import type { ServerState } from "./state.js";
import { toLspUri } from "./uris.js";

function toLocation(l: CoreLocation): Location {
  return { uri: toLspUri(l.uri), range: l.range };
}

export function registerNavigation(state: ServerState): void {
  state.connection.onDefinition(
    state.guard("definition", [], (params): Location[] => {
      const doc = state.coreDocument(params.textDocument.uri);
      return doc ? definitionAt(state.ws, doc.uri, params.position).map(toLocation) : [];
    }),
  );
  state.connection.onReferences(
    state.guard("references", [], (params): Location[] => {
      const doc = state.coreDocument(params.textDocument.uri);
      // Other open papers may have unparsed edits; bring them up to date first.
      for (const open of state.documents.all()) state.coreDocument(open.uri);
      return doc ? referencesAt(state.ws, doc.uri, params.position, params.context.includeDeclaration).map(toLocation) : [];
    }),
  );
}
