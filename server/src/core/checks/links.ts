// The links a document check looks at: every explicit link of the document
// (also links outside claims) plus the implicit ones of prose-mode claims,
// each with the claim it belongs to, if any.
import type { Claim, EntityLink, ParsedDocument } from "../types.js";

export interface LinkInClaim {
  link: EntityLink;
  claim?: Claim;
}

export function linksWithClaims(doc: ParsedDocument, claims: readonly Claim[]): LinkInClaim[] {
  const owner = new Map<EntityLink, Claim>();
  for (const c of claims) for (const l of c.links) owner.set(l, c);
  const out: LinkInClaim[] = [];
  const seen = new Set<number>();
  for (const link of doc.links) {
    seen.add(link.span.start);
    out.push({ link, claim: owner.get(link) ?? claimAt(claims, link.span.start) });
  }
  for (const c of claims) {
    for (const link of c.links) if (!seen.has(link.span.start)) {
      seen.add(link.span.start);
      out.push({ link, claim: c });
    }
  }
  return out;
}

function claimAt(claims: readonly Claim[], offset: number): Claim | undefined {
  return claims.find((c) => !c.implicit && c.span.start <= offset && offset < c.span.end);
}
