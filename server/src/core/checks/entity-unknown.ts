// entity-unknown: a link whose target matches no entity of the fact base.
import type { ClioDiagnostic } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { linksWithClaims } from "./links.js";
import { diagnostic, resolve } from "./util.js";
import { entityStubFix } from "../fixes/entity-stub.js";

export const entityUnknown: DocumentCheck = {
  codes: ["entity-unknown"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const { link, claim } of linksWithClaims(ctx.doc, claims)) {
      if (link.implicit || !link.target.trim()) continue;
      if (resolve(ctx.facts, link.target).length > 0) continue;
      if (ctx.facts.events.has(link.target.trim())) continue;
      const fixes = [];
      if (ctx.workspaceFactFile) {
        const cited = claim?.citations[0]?.items[0];
        const fix = entityStubFix(
          ctx.workspaceFactFile,
          link.target.trim(),
          ctx.readFile?.(ctx.workspaceFactFile),
          cited ? { key: cited.key, locator: cited.locator ? `${cited.locator.label === "page" ? "p. " : ""}${cited.locator.value}` : undefined } : undefined,
        );
        if (fix) fixes.push(fix);
      }
      out.push(
        diagnostic(ctx.doc, "entity-unknown", "warning", link.targetRange, `"${link.target.trim()}" is not an entity of the fact base (no id, name or alias matches).`, {
          fixes,
          implicit: claim?.implicit || undefined,
        }),
      );
    }
    return out;
  },
};
