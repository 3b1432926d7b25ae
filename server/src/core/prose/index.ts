// STUB — replaced by prose mode (issue 4).
import type { Claim, FactIndex, ParsedDocument } from "../types.js";
export function findImplicitClaims(_doc: ParsedDocument, _facts: FactIndex): Claim[] {
  return [];
}
