// The clio/timeline request: LSP URIs in and out, document and workspace scope.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Connection } from "vscode-languageserver/node";
import { ClioWorkspace, type WorkspaceHost } from "../../server/src/core/workspace.js";
import { registerTimelineRequest, timelineFor } from "../../server/src/lsp/timeline.js";
import { TIMELINE_REQUEST, type TimelineData, type TimelineParams } from "../../server/src/core/export/timeline-model.js";

function workspace(): ClioWorkspace {
  const host: WorkspaceHost = { root: "/ws", bundledFacts: [], readFile: () => undefined, listDir: () => [] };
  const ws = new ClioWorkspace(host);
  ws.setDocument("/ws/a.md", "{1961-12} [[Albania]] left.\n");
  ws.setDocument("/ws/b.md", "{1964} [[China]] stayed.\n\n{1965} [[China]] stayed on.\n");
  return ws;
}

test("timeline request: document scope answers for that document with file URIs", () => {
  const data = timelineFor(workspace(), { scope: "document", uri: "file:///ws/a.md" })!;
  assert.equal(data.claims.length, 1);
  assert.equal(data.documents[0].uri, "file:///ws/a.md");
  assert.equal(data.claims[0].uri, "file:///ws/a.md");
  assert.equal(timelineFor(workspace(), { scope: "document", uri: "file:///ws/unknown.md" }), null);
  assert.equal(timelineFor(workspace(), { scope: "document" }), null);
});

test("timeline request: workspace scope takes every document, titled by the root folder", () => {
  const data = timelineFor(workspace(), { scope: "workspace" })!;
  assert.equal(data.scope, "workspace");
  assert.equal(data.title, "ws");
  assert.deepEqual(data.documents.map((d) => d.uri), ["file:///ws/a.md", "file:///ws/b.md"]);
  assert.equal(data.claims.length, 3);
});

test("timeline request: registered on the connection, syncs the open document first, never throws", async () => {
  const handlers = new Map<string, (p: TimelineParams) => TimelineData | null>();
  const errors: string[] = [];
  const connection = {
    onRequest: (name: string, handler: (p: TimelineParams) => TimelineData | null) => handlers.set(name, handler),
    console: { error: (m: string) => errors.push(m) },
  } as unknown as Connection;
  const ws = workspace();
  const synced: string[] = [];
  registerTimelineRequest(connection, () => ws, (uri) => {
    synced.push(uri);
    return ws.setDocument("/ws/a.md", "{1961-12} [[Albania]] left.\n\n{1962} [[Albania]] waited.\n");
  });
  const handler = handlers.get(TIMELINE_REQUEST)!;
  const data = handler({ scope: "document", uri: "file:///ws/a.md" })!;
  assert.deepEqual(synced, ["file:///ws/a.md"]);
  assert.equal(data.claims.length, 2); // the synced (edited) text, not the old one

  let broken = false;
  registerTimelineRequest(connection, () => {
    broken = true;
    throw new Error("no workspace yet");
  });
  assert.equal(handlers.get(TIMELINE_REQUEST)!({ scope: "workspace" }), null);
  assert.ok(broken);
  assert.match(errors[0], /timeline failed: .*no workspace yet/);
});
