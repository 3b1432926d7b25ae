// workspace/didChangeWatchedFiles: fact files and bibliographies reload live;
// papers changed on disk (not open in the editor) are re-indexed.
import { FileChangeType } from "vscode-languageserver/node";
import * as path from "node:path";
import type { ServerState } from "./state.js";
import type { DiagnosticsScheduler } from "./diagnostics.js";
import { toCorePath } from "./uris.js";
import { isPaper, readPaper, reindexPaperInSlices, serverIndexOptions } from "./indexer.js";

export function isFactFileName(file: string): boolean {
  const base = path.basename(file);
  return base === "clio.facts.yaml" || base === "clio.facts.yml" || (path.basename(path.dirname(file)) === ".clio" && /\.(ya?ml|json)$/i.test(base));
}

export function registerWatchedFiles(state: ServerState, scheduler: DiagnosticsScheduler): void {
  state.connection.onDidChangeWatchedFiles(
    state.guard("didChangeWatchedFiles", undefined, (params) => {
      let recheck = false;
      for (const change of params.changes) {
        const file = toCorePath(change.uri);
        if (isFactFileName(file) || state.ws.isFactFile(file)) {
          state.ws.invalidateFacts();
          recheck = true;
        } else if (/\.(bib|json)$/i.test(file)) {
          state.ws.invalidateBibliography(file);
          recheck = true;
        } else if (isPaper(file) && !state.documents.get(change.uri)) {
          const text = change.type === FileChangeType.Deleted ? undefined : readPaper(file);
          if (text === undefined) {
            state.ws.removeDocument(file);
            scheduler.forget(file);
          } else {
            reindexPaperInSlices(file, text, serverIndexOptions(state), () => {
              if (scheduler.checkAll) scheduler.schedule(file);
              scheduler.scheduleAll();
            });
          }
          recheck = true;
        }
      }
      if (recheck) scheduler.scheduleAll();
    }),
  );
}
