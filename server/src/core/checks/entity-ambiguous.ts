// entity-ambiguous: a link target that matches several entities; one fix per candidate pins the id.
import type { ClioDiagnostic, QuickFix } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { linksWithClaims } from "./links.js";
import { diagnostic, rangeOf, resolveLink } from "./util.js";
import { replaceFix } from "../fixes/edit.js";

export const entityAmbiguous: DocumentCheck = {
  codes: ["entity-ambiguous"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const { link, claim } of linksWithClaims(ctx.doc, claims)) {
      if (link.implicit) continue;
      const found = resolveLink(ctx.facts, link);
      if (found.length < 2) continue;
      const list = found.map((e) => `${e.name} (${e.id}, ${e.type}${e.description ? `: ${e.description}` : ""})`).join("; ");
      // Replace the link's inside so the text still reads as before: [[id|name used]].
      const inner = rangeOf(ctx.doc, { start: link.span.start + 2, end: link.span.end - 2 });
      const fixes: QuickFix[] = found.map((e) =>
        replaceFix(ctx.doc.uri, inner, `${e.id}|${link.nameUsed}`, `Link to ${e.name} (${e.id})`, false),
      );
      out.push(
        diagnostic(ctx.doc, "entity-ambiguous", "warning", link.targetRange, `"${link.target.trim()}" matches ${found.length} entities: ${list}. Link the id to choose one.`, {
          fixes,
          implicit: claim?.implicit || undefined,
        }),
      );
    }
    return out;
  },
};
