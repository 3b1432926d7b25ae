// Small helpers shared by the editor features: offsets ↔ positions computed from
// the document text itself (so features never depend on a parser detail), name
// normalisation for matching, and Markdown escaping for hover cards.
import type { ParsedDocument, Position, Range, Span } from "../types.js";
import { lineStarts as coreLineStarts } from "../text.js";

const lineStartCache = new WeakMap<ParsedDocument, number[]>();

function lineStarts(doc: ParsedDocument): number[] {
  let starts = lineStartCache.get(doc);
  if (!starts) {
    // LSP lines end at \n, \r\n or a lone \r (core/text.ts); counting \n alone put
    // completion ranges outside the line after a lone \r (found by the fuzzer, issue 7).
    starts = coreLineStarts(doc.text);
    lineStartCache.set(doc, starts);
  }
  return starts;
}

export function offsetAt(doc: ParsedDocument, pos: Position): number {
  const starts = lineStarts(doc);
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return doc.text.length;
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : doc.text.length;
  return Math.min(starts[pos.line] + Math.max(0, pos.character), lineEnd);
}

export function positionAt(doc: ParsedDocument, offset: number): Position {
  const starts = lineStarts(doc);
  const clamped = Math.max(0, Math.min(offset, doc.text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= clamped) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: clamped - starts[lo] };
}

export function rangeOf(doc: ParsedDocument, span: Span): Range {
  return { start: positionAt(doc, span.start), end: positionAt(doc, span.end) };
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset < span.end;
}

/** Case- and diacritic-insensitive form used for matching names typed by the user. */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[‐-―]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Escapes user or fact-base text so Markdown renders it literally. */
export function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, "\\$1");
}
