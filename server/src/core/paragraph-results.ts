// Per-paragraph results — prose-mode claims and document-check diagnostics —
// kept across edits. Every check looks at one paragraph at a time, so a
// paragraph whose text is unchanged since the last run (under the same facts,
// sources and settings) keeps its results, moved to where it now stands; an
// edit re-checks only the paragraphs it touched (issue 7).
import type { Citation, Claim, ClioDiagnostic, EntityLink, ParsedDocument, Range, Span } from "./types.js";
import type { ParagraphSlice } from "./parse/index.js";
import { recordMove } from "./moved.js";

/** What one paragraph produced, with the place it stood when computed. */
export interface ParagraphResult {
  key: object;
  /** Offset and line of the paragraph's start, and its column (part of its identity). */
  start: number;
  line: number;
  column: number;
  implicit: Claim[];
  /** Undefined until the document checks ran on it. */
  diagnostics?: ClioDiagnostic[];
}

/** The document restricted to one paragraph: its own items, the whole text and line table. */
export function paragraphView(doc: ParsedDocument, slice: ParagraphSlice, span: Span): ParsedDocument {
  return {
    uri: doc.uri,
    text: doc.text,
    version: doc.version,
    lineStarts: doc.lineStarts,
    frontMatter: doc.frontMatter,
    dateTags: doc.dateTags.slice(slice.dateTags[0], slice.dateTags[1]),
    links: doc.links.slice(slice.links[0], slice.links[1]),
    citations: doc.citations.slice(slice.citations[0], slice.citations[1]),
    claims: doc.claims.slice(slice.claims[0], slice.claims[1]),
    diagnostics: [],
    excluded: doc.excluded.slice(slice.excluded[0], slice.excluded[1]),
    paragraphs: [span],
  };
}

/** Results of the previous run by paragraph identity, to be claimed by the new run's paragraphs. */
export class PreviousResults {
  private byKey = new Map<object, ParagraphResult[]>();

  constructor(results: readonly ParagraphResult[]) {
    for (const r of results) {
      const list = this.byKey.get(r.key);
      if (list) list.push(r);
      else this.byKey.set(r.key, [r]);
    }
  }

  /** Results nobody took (yet). */
  remaining(): ParagraphResult[] {
    return [...this.byKey.values()].flat();
  }

  /** A previous result for this paragraph (same text, same column), removed so it is used once. */
  take(key: object, column: number): ParagraphResult | undefined {
    const list = this.byKey.get(key);
    if (!list) return undefined;
    const i = list.findIndex((r) => r.column === column);
    if (i < 0) return undefined;
    const [found] = list.splice(i, 1);
    return found;
  }
}

/**
 * A previous result moved to the paragraph's new place. Diagnostics carry only
 * ranges, so they move by whole lines; implicit claims also carry offsets and
 * point at the document's citation objects, so they are rebuilt when either moved.
 */
export function moveResult(
  prev: ParagraphResult,
  doc: ParsedDocument,
  citations: readonly Citation[],
  start: number,
  line: number,
  paragraph: number,
): ParagraphResult {
  const lines = line - prev.line;
  const offsets = start - prev.start;
  const sameCitations = prev.implicit.every((c) => c.citations.every((x) => citations.includes(x)));
  const implicit =
    offsets === 0 && lines === 0 && sameCitations
      ? prev.implicit
      : prev.implicit.map((c) => moveClaim(c, doc, citations, offsets, lines, paragraph));
  const diagnostics = prev.diagnostics && (lines === 0 ? prev.diagnostics : prev.diagnostics.map((d) => moveDiagnostic(d, lines)));
  return { key: prev.key, start, line, column: prev.column, implicit, diagnostics };
}

const moveRange = (r: Range, lines: number): Range =>
  lines === 0 ? r : { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
const moveSpan = (s: Span, by: number): Span => (by === 0 ? s : { start: s.start + by, end: s.end + by });

function moveDiagnostic(d: ClioDiagnostic, lines: number): ClioDiagnostic {
  const moved: ClioDiagnostic = { ...d, range: moveRange(d.range, lines) };
  if (d.related) moved.related = d.related.map((r) => (r.uri === d.uri ? { ...r, range: moveRange(r.range, lines) } : r));
  if (d.fixes) {
    moved.fixes = d.fixes.map((f) => ({
      ...f,
      edits: f.edits.map((e) => (e.uri === d.uri ? { ...e, edits: e.edits.map((t) => ({ ...t, range: moveRange(t.range, lines) })) } : e)),
    }));
  }
  return moved;
}

function moveLink(l: EntityLink, offsets: number, lines: number): EntityLink {
  const moved: EntityLink = {
    ...l,
    span: moveSpan(l.span, offsets),
    range: moveRange(l.range, lines),
    targetRange: moveRange(l.targetRange, lines),
    nameRange: moveRange(l.nameRange, lines),
    before: { text: l.before.text, span: moveSpan(l.before.span, offsets) },
  };
  if (l.shownRange) moved.shownRange = moveRange(l.shownRange, lines);
  return moved;
}

function moveClaim(c: Claim, doc: ParsedDocument, citations: readonly Citation[], offsets: number, lines: number, paragraph: number): Claim {
  const links = c.links.map((l) => moveLink(l, offsets, lines));
  // The claim's citations are the document's own objects: find the current ones by their new start.
  const own = c.citations.map((x) => citations.find((y) => y.span.start === x.span.start + offsets)).filter((x): x is Citation => x !== undefined);
  const moved: Claim = {
    ...c,
    span: moveSpan(c.span, offsets),
    range: moveRange(c.range, lines),
    dateTag: { ...c.dateTag, span: moveSpan(c.dateTag.span, offsets), range: moveRange(c.dateTag.range, lines) },
    links,
    subject: links[0],
    citations: own,
    text: doc.text.slice(c.span.start + offsets, c.span.end + offsets),
    paragraph,
  };
  recordMove(moved, c);
  return moved;
}
