// entity-unknown: a link whose target matches no entity of the fact base.
import type { ClioDiagnostic, EntityLink, FactIndex, QuickFix } from "../types.js";
import { KeyIndex } from "../fixes/citation-key.js";
import { replaceFix } from "../fixes/edit.js";
import type { CheckContext, DocumentCheck } from "./api.js";
import { linksWithClaims } from "./links.js";
import { eventOfLink } from "./events.js";
import { diagnostic, resolveLink } from "./util.js";
import { entityStubFix } from "../fixes/entity-stub.js";

export const entityUnknown: DocumentCheck = {
  codes: ["entity-unknown"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const { link, claim } of linksWithClaims(ctx.doc, claims)) {
      if (link.implicit || !link.target.trim()) continue;
      if (resolveLink(ctx.facts, link).length > 0) continue;
      // Events are linked by id or by name even when the entity lookup does not list them.
      if (eventOfLink(ctx.facts, link.target)) continue;
      const fixes: QuickFix[] = closestEntityFixes(ctx.facts, ctx.doc.uri, link);
      if (ctx.workspaceFactFile) {
        const cited = claim?.citations[0]?.items[0];
        const fix = entityStubFix(
          ctx.workspaceFactFile,
          link.target.trim(),
          factFileText(ctx, ctx.workspaceFactFile),
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

/** The fact file's text, read once per check context (one run over every paragraph), not once per unknown link. */
const readCache = new WeakMap<NonNullable<CheckContext["readFile"]>, Map<string, string | undefined>>();
function factFileText(ctx: CheckContext, file: string): string | undefined {
  if (!ctx.readFile) return undefined;
  let files = readCache.get(ctx.readFile);
  if (!files) readCache.set(ctx.readFile, (files = new Map()));
  if (!files.has(file)) files.set(file, ctx.readFile(file));
  return files.get(file);
}

/** Single-entity name forms with a capital, per fact index, prepared for "closest name" questions (answers remembered per target). */
const nameLists = new WeakMap<FactIndex, { ids: Map<string, string>; index: KeyIndex }>();

/** "Did you mean": entities whose name forms are a few edits from the target ("Enver Hoxa" → Enver Hoxha). */
function closestEntityFixes(facts: FactIndex, uri: string, link: EntityLink): QuickFix[] {
  let names = nameLists.get(facts);
  if (!names) {
    const ids = new Map<string, string>();
    for (const [name, list] of facts.allNames()) if (list.length === 1 && /\p{Lu}/u.test(name)) ids.set(name, list[0]);
    names = { ids, index: new KeyIndex(ids.keys()) };
    nameLists.set(facts, names);
  }
  const closest = names.index.closest(link.target.trim(), 5);
  const seen = new Set<string>();
  const fixes: QuickFix[] = [];
  for (const { key: name } of closest) {
    const id = names.ids.get(name)!;
    if (seen.has(id)) continue;
    seen.add(id);
    // Keep the words as written when they were shown text; otherwise write the matching name.
    const newText = link.shown !== undefined ? id : name;
    fixes.push(replaceFix(uri, link.targetRange, newText, `Link to ${facts.entities.get(id)?.name ?? name} (${id})`, false, fixes.length === 0));
  }
  return fixes.slice(0, 3);
}
