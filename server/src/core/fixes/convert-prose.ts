// Quick fix for a prose-mode claim: make it explicit markup — a date tag
// before the sentence and [[…]] around each recognised name. Never `safe`:
// the author should confirm what the date dates.
import type { Claim, ParsedDocument, QuickFix, TextEdit } from "../types.js";
import { rangeOf } from "../checks/util.js";

export function convertProseFix(doc: ParsedDocument, claim: Claim): QuickFix | undefined {
  if (!claim.implicit || !claim.dateTag.date) return undefined;
  const edits: TextEdit[] = [];
  const at = rangeOf(doc, { start: claim.span.start, end: claim.span.start });
  edits.push({ range: at, newText: `{${claim.dateTag.date.edtf}} ` });
  for (const link of claim.links) {
    const shown = doc.text.slice(link.span.start, link.span.end);
    // Keep the words as written; pin the entity id when the shown form is not the id itself.
    const inner = shown === link.target ? shown : `${link.target}|${shown}`;
    edits.push({ range: rangeOf(doc, link.span), newText: `[[${inner}]]` });
  }
  return { title: "Mark this sentence up as a Clio claim", edits: [{ uri: doc.uri, edits }], safe: false };
}
