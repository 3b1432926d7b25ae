// Finds the Clio construct under a cursor: a date tag, an entity link, a
// citation key or a role title. Only the construct's own characters count, so
// hovering elsewhere on a wrapped line finds nothing.
import type { Citation, CitationItem, Claim, DateTag, EntityLink, FactIndex, ParsedDocument, Range, Span, Title } from "../types.js";
import { contains, normalise, rangeOf } from "./util.js";

export type Construct =
  | { kind: "date"; tag: DateTag; range: Range; claim?: Claim }
  | { kind: "entity"; link: EntityLink; range: Range; claim?: Claim }
  | { kind: "citation"; item: CitationItem; citation: Citation; range: Range; claim?: Claim }
  | { kind: "title"; title: Title; span: Span; range: Range; link: EntityLink; claim?: Claim };

export function claimAt(claims: readonly Claim[], offset: number): Claim | undefined {
  // Explicit claims come first in the list, so they win over implicit ones.
  return claims.find((c) => offset >= c.span.start && offset <= c.span.end);
}

/** Title names of the fact base, normalised, longest first (so "Defence Minister" beats "Minister"). */
const titleCache = new WeakMap<FactIndex, Array<[string, string]>>();
function titleNames(facts: FactIndex): Array<[string, string]> {
  let list = titleCache.get(facts);
  if (!list) {
    list = [...facts.allTitleNames()].map(([name, id]) => [normalise(name), id] as [string, string]);
    list.sort((a, b) => b[0].length - a[0].length);
    titleCache.set(facts, list);
  }
  return list;
}

/** The role title standing immediately before a link, with its span, if the fact base knows it. */
export function roleTitleBefore(doc: ParsedDocument, link: EntityLink, facts: FactIndex): { title: Title; span: Span } | undefined {
  const before = link.before;
  if (!before || !before.text) return undefined;
  const trimmed = before.text.replace(/\s+$/, "");
  if (!trimmed) return undefined;
  const lowered = normalise(trimmed);
  for (const [name, id] of titleNames(facts)) {
    if (!name || !lowered.endsWith(name)) continue;
    // Must start at a word boundary.
    const startInLowered = lowered.length - name.length;
    if (startInLowered > 0 && /[\p{L}\p{N}]/u.test(lowered[startInLowered - 1])) continue;
    const title = facts.titles.get(id);
    if (!title) continue;
    // Map back to the original text: count words from the end.
    const words = name.split(" ").length;
    const match = trimmed.match(new RegExp(`(?:\\S+\\s+){${words - 1}}\\S+$`, "u"));
    if (!match || match.index === undefined) continue;
    const start = before.span.start + match.index;
    const span = { start, end: start + match[0].length };
    if (doc.text.slice(span.start, span.end) !== match[0]) continue;
    return { title, span };
  }
  return undefined;
}

function allLinks(doc: ParsedDocument, claims: readonly Claim[]): EntityLink[] {
  const links = [...doc.links];
  for (const c of claims) if (c.implicit) links.push(...c.links);
  return links;
}

function allTags(doc: ParsedDocument, claims: readonly Claim[]): DateTag[] {
  const tags = [...doc.dateTags];
  for (const c of claims) if (c.implicit) tags.push(c.dateTag);
  return tags;
}

export function constructAt(doc: ParsedDocument, claims: readonly Claim[], facts: FactIndex | undefined, offset: number): Construct | undefined {
  const claim = claimAt(claims, offset);
  for (const tag of allTags(doc, claims)) {
    if (contains(tag.span, offset)) return { kind: "date", tag, range: tag.range, claim: claimAt(claims, tag.span.start) ?? claim };
  }
  for (const citation of doc.citations) {
    if (!contains(citation.span, offset)) continue;
    // Prefer the item under the cursor; elsewhere inside the brackets, the nearest item before it.
    const item = citation.items.find((i) => contains(i.span, offset)) ??
      [...citation.items].reverse().find((i) => i.span.start <= offset) ?? citation.items[0];
    if (item) return { kind: "citation", item, citation, range: rangeOf(doc, item.span), claim };
  }
  const links = allLinks(doc, claims);
  for (const link of links) {
    if (contains(link.span, offset)) return { kind: "entity", link, range: link.range, claim };
  }
  if (facts) {
    for (const link of links) {
      if (link.before.span.end < offset - 200 || link.before.span.start > offset) continue;
      const role = roleTitleBefore(doc, link, facts);
      if (role && contains(role.span, offset)) {
        return { kind: "title", title: role.title, span: role.span, range: rangeOf(doc, role.span), link, claim };
      }
    }
  }
  return undefined;
}
