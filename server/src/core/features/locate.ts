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
  // Explicit claims come first in the list, so they win over implicit ones. Both runs
  // are in document order: binary search keeps hover O(log n) on a book (issue 7).
  const explicit = firstImplicit(claims);
  return claimIn(claims, 0, explicit, offset) ?? claimIn(claims, explicit, claims.length, offset);
}

/** Index of the first implicit claim (implicit ones follow the explicit ones), or the length. */
function firstImplicit(claims: readonly Claim[]): number {
  let lo = 0;
  let hi = claims.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (claims[mid].implicit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first claim of claims[from..to) (document order) whose span holds the offset, ends inclusive. */
function claimIn(claims: readonly Claim[], from: number, to: number, offset: number): Claim | undefined {
  let lo = from;
  let hi = to - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (claims[mid].span.start <= offset) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (i < 0 || offset > claims[i].span.end) return undefined;
  while (i > from && claims[i - 1].span.end >= offset) i--; // the first match, as a linear scan would find
  return claims[i];
}

/** Index of the last of items[0..count) (in document order) whose span starts at or before the offset, or -1. */
function lastStartingAtOrBefore<T>(items: readonly T[], count: number, offset: number, span: (t: T) => Span): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (span(items[mid]).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The item containing the offset: binary search in the document-ordered list, then the (few) implicit extras. */
function containing<T>(ordered: readonly T[], extras: readonly T[], offset: number, span: (t: T) => Span): T | undefined {
  const i = lastStartingAtOrBefore(ordered, ordered.length, offset, span);
  // Spans of one kind do not overlap; look one back in case two share a start.
  for (let k = i; k >= 0 && k >= i - 1; k--) if (contains(span(ordered[k]), offset)) return ordered[k];
  return extras.find((t) => contains(span(t), offset));
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

export function constructAt(doc: ParsedDocument, claims: readonly Claim[], facts: FactIndex | undefined, offset: number): Construct | undefined {
  const claim = claimAt(claims, offset);
  // Implicit constructs belong to the implicit claim around the cursor (found by binary search).
  const implicitClaim = claimIn(claims, firstImplicit(claims), claims.length, offset);
  const implicit = implicitClaim ? [implicitClaim] : [];
  const tag = containing(doc.dateTags, implicit.map((c) => c.dateTag), offset, (t) => t.span);
  if (tag) return { kind: "date", tag, range: tag.range, claim: claimAt(claims, tag.span.start) ?? claim };
  const citation = containing(doc.citations, [], offset, (c) => c.span);
  if (citation) {
    // Prefer the item under the cursor; elsewhere inside the brackets, the nearest item before it.
    const item = citation.items.find((i) => contains(i.span, offset)) ??
      [...citation.items].reverse().find((i) => i.span.start <= offset) ?? citation.items[0];
    if (item) return { kind: "citation", item, citation, range: rangeOf(doc, item.span), claim };
  }
  const implicitLinks = implicit.flatMap((c) => c.links);
  const link = containing(doc.links, implicitLinks, offset, (l) => l.span);
  if (link) return { kind: "entity", link, range: link.range, claim };
  if (facts) {
    // Only links starting near the cursor can have a role title under it (titles are short).
    const from = lastStartingAtOrBefore(doc.links, doc.links.length, offset - 200, (l) => l.span) + 1;
    const to = lastStartingAtOrBefore(doc.links, doc.links.length, offset + 300, (l) => l.span);
    const nearby = [...doc.links.slice(Math.max(0, from - 1), to + 1), ...implicitLinks];
    for (const link of nearby) {
      if (link.before.span.end < offset - 200 || link.before.span.start > offset) continue;
      const role = roleTitleBefore(doc, link, facts);
      if (role && contains(role.span, offset)) {
        return { kind: "title", title: role.title, span: role.span, range: rangeOf(doc, role.span), link, claim };
      }
    }
  }
  return undefined;
}
