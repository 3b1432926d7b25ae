// Rename of an entity link's target across the workspace, only where it keeps the meaning.
import { ResponseError, ErrorCodes, type Range, type WorkspaceEdit } from "vscode-languageserver/node";
import { prepareRenameAt, renameAt } from "../core/features/index.js";
import type { ServerState } from "./state.js";
import { toWorkspaceEdit } from "./convert.js";

export function registerRename(state: ServerState): void {
  state.connection.onPrepareRename(
    state.guard("prepareRename", null, (params): { range: Range; placeholder: string } | ResponseError<void> | null => {
      const doc = state.coreDocument(params.textDocument.uri);
      if (!doc) return null;
      const r = prepareRenameAt(state.ws, doc.uri, params.position);
      return "error" in r ? new ResponseError(ErrorCodes.InvalidRequest, r.error) : r;
    }),
  );
  state.connection.onRenameRequest(
    state.guard("rename", null, (params): WorkspaceEdit | ResponseError<void> | null => {
      for (const open of state.documents.all()) state.coreDocument(open.uri);
      const doc = state.coreDocument(params.textDocument.uri);
      if (!doc) return null;
      const r = renameAt(state.ws, doc.uri, params.position, params.newName);
      if ("error" in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return toWorkspaceEdit(r.edits, false);
    }),
  );
}
