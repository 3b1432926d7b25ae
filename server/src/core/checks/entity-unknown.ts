// entity-unknown: a link whose target matches no entity of the fact base.
import type { ClioDiagnostic, EntityLink, FactIndex, QuickFix } from "../types.js";
import { closestKeys } from "../fixes/citation-key.js";
import { replaceFix } from "../fixes/edit.js";
import type { DocumentCheck } from "./api.js";
import { linksWithClaims } from "./links.js";
import { eventOfLink } from "./events.js";
import { diagnostic, resolve } from "./util.js";
import { entityStubFix } from "../fixes/entity-stub.js";

export const entityUnknown: DocumentCheck = {
  codes: ["entity-unknown"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const { link, claim } of linksWithClaims(ctx.doc, claims)) {
      if (link.implicit || !link.target.trim()) continue;
      if (resolve(ctx.facts, link.target).length > 0) continue;
      // Events are linked by id or by name even when the entity lookup does not list them.
      if (eventOfLink(ctx.facts, link.target)) continue;
      const fixes: QuickFix[] = closestEntityFixes(ctx.facts, ctx.doc.uri, link);
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

const nameLists = new WeakMap<FactIndex, Map<string, string>>();
/** Closest names per target, per fact index: a book repeats the same unknown names many times. */
const closestCache = new WeakMap<FactIndex, Map<string, Array<{ key: string; distance: number }>>>();

/** "Did you mean": entities whose name forms are a few edits from the target ("Enver Hoxa" → Enver Hoxha). */
function closestEntityFixes(facts: FactIndex, uri: string, link: EntityLink): QuickFix[] {
  let names = nameLists.get(facts);
  if (!names) {
    names = new Map();
    for (const [name, ids] of facts.allNames()) if (ids.length === 1 && /\p{Lu}/u.test(name)) names.set(name, ids[0]);
    nameLists.set(facts, names);
  }
  let cache = closestCache.get(facts);
  if (!cache) closestCache.set(facts, (cache = new Map()));
  const target = link.target.trim();
  let closest = cache.get(target);
  if (!closest) {
    if (cache.size > 10_000) cache.clear();
    cache.set(target, (closest = closestKeys(target, names.keys(), 5)));
  }
  const seen = new Set<string>();
  const fixes: QuickFix[] = [];
  for (const { key: name } of closest) {
    const id = names.get(name)!;
    if (seen.has(id)) continue;
    seen.add(id);
    // Keep the words as written when they were shown text; otherwise write the matching name.
    const newText = link.shown !== undefined ? id : name;
    fixes.push(replaceFix(uri, link.targetRange, newText, `Link to ${facts.entities.get(id)?.name ?? name} (${id})`, false, fixes.length === 0));
  }
  return fixes.slice(0, 3);
}
