// `clio/timeline`: the timeline data of a document or of the workspace, for the
// editor's timeline view. Paths in the core become LSP URIs on the way out.
import type { Connection } from "vscode-languageserver/node";
import * as path from "node:path";
import type { ClioWorkspace } from "../core/workspace.js";
import type { ParsedDocument } from "../core/types.js";
import { buildTimeline } from "../core/export/timeline-data.js";
import { TIMELINE_REQUEST, type TimelineData, type TimelineParams } from "../core/export/timeline-model.js";
import { toCorePath, toLspUri } from "./uris.js";

/**
 * Registers the request. `syncDocument` makes the core hold an open document's
 * latest text before the timeline is built (ServerState.coreDocument does that).
 */
export function registerTimelineRequest(
  connection: Connection,
  getWorkspace: () => ClioWorkspace,
  syncDocument?: (lspUri: string) => ParsedDocument | undefined,
): void {
  connection.onRequest(TIMELINE_REQUEST, (params: TimelineParams): TimelineData | null => {
    try {
      return timelineFor(getWorkspace(), params, syncDocument);
    } catch (err) {
      connection.console.error(`[clio] timeline failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return null;
    }
  });
}

export function timelineFor(
  ws: ClioWorkspace,
  params: TimelineParams,
  syncDocument?: (lspUri: string) => ParsedDocument | undefined,
): TimelineData | null {
  const scope = params.scope === "workspace" ? "workspace" : "document";
  if (params.uri) syncDocument?.(params.uri);
  let uris: string[];
  let title: string | undefined;
  if (scope === "document") {
    if (!params.uri) return null;
    const file = toCorePath(params.uri);
    if (!ws.getDocument(file)) return null;
    uris = [file];
  } else {
    uris = [...ws.documents()].map((d) => d.uri).sort();
    title = ws.host.root ? path.basename(ws.host.root) : undefined;
  }
  const data = buildTimeline(ws, { uris, scope, title });
  for (const doc of data.documents) doc.uri = toLspUri(doc.uri);
  for (const claim of data.claims) claim.uri = data.documents[claim.document].uri;
  return data;
}
