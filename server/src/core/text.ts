// Offsets ↔ positions. Offsets and characters are UTF-16 code units (JS string
// indices), as LSP expects; lines end at \n, \r\n or a lone \r.
import type { Position, Range, Span } from "./types.js";

/** Offsets where each line starts; always begins with 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Position of an offset (clamped into the text) by binary search over line starts. */
export function positionAt(starts: readonly number[], offset: number): Position {
  if (offset <= 0) return { line: 0, character: 0 };
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** Offset of a position; a character past the line's end clamps to the start of the next line, a line past the end to the text's end. */
export function offsetAt(starts: readonly number[], position: Position, textLength?: number): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return textLength ?? starts[starts.length - 1];
  const start = starts[position.line];
  const next = position.line + 1 < starts.length ? starts[position.line + 1] : textLength ?? Infinity;
  return Math.max(start, Math.min(start + Math.max(0, position.character), next));
}

export function rangeOf(starts: readonly number[], span: Span): Range {
  return { start: positionAt(starts, span.start), end: positionAt(starts, span.end) };
}
