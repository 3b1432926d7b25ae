// The links a document check looks at: every explicit link of the document
// (also links outside claims) plus the implicit ones of prose-mode claims,
// each with the claim it belongs to, if any.
import type { Claim, EntityLink, ParsedDocument } from "../types.js";

export interface LinkInClaim {
  link: EntityLink;
  claim?: Claim;
}

// Several checks ask for the same list in one run.
const cache = new WeakMap<readonly Claim[], { doc: ParsedDocument; links: LinkInClaim[] }>();

export function linksWithClaims(doc: ParsedDocument, claims: readonly Claim[]): LinkInClaim[] {
  const hit = cache.get(claims);
  if (hit && hit.doc === doc) return hit.links;
  const links = collect(doc, claims);
  cache.set(claims, { doc, links });
  return links;
}

function collect(doc: ParsedDocument, claims: readonly Claim[]): LinkInClaim[] {
  const owner = new Map<EntityLink, Claim>();
  for (const c of claims) for (const l of c.links) owner.set(l, c);
  const out: LinkInClaim[] = [];
  const seen = new Set<number>();
  for (const link of doc.links) {
    seen.add(link.span.start);
    out.push({ link, claim: owner.get(link) });
  }
  for (const c of claims) {
    for (const link of c.links) if (!seen.has(link.span.start)) {
      seen.add(link.span.start);
      out.push({ link, claim: c });
    }
  }
  return out;
}

