// citation-unknown: a citation key that neither the document's bibliographies
// nor the fact base knows. Fixes offer the closest known keys.
import type { ClioDiagnostic } from "../types.js";
import type { CheckContext, DocumentCheck } from "./api.js";
import { diagnostic } from "./util.js";
import { citationKeyFixes, KeyIndex } from "../fixes/citation-key.js";

export const citationUnknown: DocumentCheck = {
  codes: ["citation-unknown"],
  check(ctx) {
    const out: ClioDiagnostic[] = [];
    let known: KeyIndex | undefined;
    for (const citation of ctx.doc.citations) {
      for (const item of citation.items) {
        if (ctx.source(item.key)) continue;
        known ??= knownKeys(ctx);
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

// The checks run once per paragraph with the same source lookup: list the keys once per lookup,
// and keep the previous list (with its remembered answers) while the keys stay the same.
const byLookup = new WeakMap<CheckContext["sourceKeys"], KeyIndex>();
let latest: { signature: string; index: KeyIndex } | undefined;

function knownKeys(ctx: CheckContext): KeyIndex {
  let index = byLookup.get(ctx.sourceKeys);
  if (!index) {
    const keys = [...ctx.sourceKeys()];
    const signature = keys.join("\n");
    if (latest?.signature !== signature) latest = { signature, index: new KeyIndex(keys) };
    index = latest.index;
    byLookup.set(ctx.sourceKeys, index);
  }
  return index;
}
