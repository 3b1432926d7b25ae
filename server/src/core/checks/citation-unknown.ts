// citation-unknown: a citation key that neither the document's bibliographies
// nor the fact base knows. Fixes offer the closest known keys.
import type { ClioDiagnostic } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { diagnostic } from "./util.js";
import { citationKeyFixes } from "../fixes/citation-key.js";

export const citationUnknown: DocumentCheck = {
  codes: ["citation-unknown"],
  check(ctx) {
    const out: ClioDiagnostic[] = [];
    let known: string[] | undefined;
    for (const citation of ctx.doc.citations) {
      for (const item of citation.items) {
        if (ctx.source(item.key)) continue;
        known ??= [...new Set(ctx.sourceKeys())];
        out.push(
          diagnostic(ctx.doc, "citation-unknown", "error", item.keyRange, `@${item.key} is not a known source: it is in no bibliography of this document and not in the fact base.`, {
            fixes: citationKeyFixes(ctx.doc.uri, item.keyRange, item.key, known),
          }),
        );
      }
    }
    return out;
  },
};
