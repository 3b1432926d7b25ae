// Small builders for quick fixes as pure edit descriptions.
import type { QuickFix, Range } from "../types.js";

export function replaceFix(uri: string, range: Range, newText: string, title: string, safe: boolean, preferred?: boolean): QuickFix {
  const fix: QuickFix = { title, edits: [{ uri, edits: [{ range, newText }] }], safe };
  if (preferred) fix.preferred = true;
  return fix;
}
