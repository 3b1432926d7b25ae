// Applies text edits (LSP-style ranges) to a text. Edits are applied as if
// simultaneously against the original text; overlapping edits are rejected,
// never merged, because merging would guess at the authors' intent.
import type { TextEdit } from "../types.js";
import { lineStarts, offsetAt } from "../text.js";

export class OverlappingEditsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "OverlappingEditsError";
  }
}

/** The edited text, or why the edits cannot be applied. */
export function tryApplyEdits(text: string, edits: readonly TextEdit[]): { text: string } | { error: string } {
  const starts = lineStarts(text);
  const located = edits
    .map((edit, order) => ({
      start: offsetAt(starts, edit.range.start, text.length),
      end: offsetAt(starts, edit.range.end, text.length),
      newText: edit.newText,
      order,
    }))
    // Stable: inserts at the same offset keep their given order.
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (const e of located) {
    if (e.end < e.start) return { error: `an edit ends (offset ${e.end}) before it starts (offset ${e.start})` };
  }
  for (let i = 1; i < located.length; i++) {
    if (located[i].start < located[i - 1].end) {
      return { error: `edits overlap at offsets ${located[i - 1].start}–${located[i - 1].end} and ${located[i].start}–${located[i].end}` };
    }
  }
  const parts: string[] = [];
  let at = 0;
  for (const e of located) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join("") };
}

/** Applies sorted or unsorted, non-overlapping edits; throws OverlappingEditsError for overlapping ones. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const result = tryApplyEdits(text, edits);
  if ("error" in result) throw new OverlappingEditsError(result.error);
  return result.text;
}
