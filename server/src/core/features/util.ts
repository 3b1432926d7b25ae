// Small helpers shared by the editor features: offsets ↔ positions over the
// document's line table (core/text.ts), name normalisation for matching, and
// Markdown escaping for hover cards.
import type { ParsedDocument, Position, Range, Span } from "../types.js";
import * as text from "../text.js";

export function offsetAt(doc: ParsedDocument, pos: Position): number {
  return text.offsetAt(doc.lineStarts, pos, doc.text.length);
}

export function positionAt(doc: ParsedDocument, offset: number): Position {
  let clamped = Math.max(0, Math.min(offset, doc.text.length));
  // An offset between \r and \n is no LSP position: move it before the line break (fuzzer, issue 7).
  if (clamped > 0 && doc.text.charCodeAt(clamped) === 10 && doc.text.charCodeAt(clamped - 1) === 13) clamped--;
  return text.positionAt(doc.lineStarts, clamped);
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
