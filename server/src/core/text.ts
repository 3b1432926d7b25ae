// Offsets ↔ positions. Offsets and characters are UTF-16 code units (JS string
// indices), as LSP expects; lines end at \n, \r\n or a lone \r.
import type { Position, Range, Span } from "./types.js";

/** Offsets where each line starts; always begins with 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // indexOf jumps from break to break far faster than a loop over every character (issue 7).
  let lf = text.indexOf("\n");
  let cr = text.indexOf("\r");
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      starts.push(next);
      cr = text.indexOf("\r", next);
      if (lf >= 0 && lf < next) lf = text.indexOf("\n", next);
    } else {
      starts.push(lf + 1);
      lf = text.indexOf("\n", lf + 1);
    }
  }
  return starts;
}

// Callers ask for positions mostly in document order, so the line of the last
// answer (or the one after it) is usually right; it is checked, never trusted.
let lastLine = 0;

/** Position of an offset (clamped into the text) by binary search over line starts. */
export function positionAt(starts: readonly number[], offset: number): Position {
  if (offset <= 0) return { line: 0, character: 0 };
  const count = starts.length;
  for (let line = lastLine; line <= lastLine + 1 && line < count; line++) {
    if (starts[line] <= offset && (line + 1 === count || offset < starts[line + 1])) {
      lastLine = line;
      return { line, character: offset - starts[line] };
    }
  }
  const line = lineAt(starts, offset);
  lastLine = line;
  return { line, character: offset - starts[line] };
}

/** 0-based line of an offset, by binary search over line starts. */
export function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Offset of a position; a character past the line's end clamps to the start of the next line, a line past the end to the text's end. */
export function offsetAt(starts: readonly number[], position: Position, textLength?: number): number {
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return textLength ?? starts[starts.length - 1];
  const start = starts[position.line];
  const next = position.line + 1 < starts.length ? starts[position.line + 1] : textLength ?? Infinity;
  return Math.max(start, Math.min(start + Math.max(0, position.character), next));
}

/** Whether a UTF-16 code unit matches the regex class `\s` (white space and line terminators). */
export function isWhiteSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function rangeOf(starts: readonly number[], span: Span): Range {
  return { start: positionAt(starts, span.start), end: positionAt(starts, span.end) };
}
