// The markup parser (spec §1–4): front matter, then blocks, then each prose
// block's inline markup. Block parses are position-independent and cached by
// block text, so updateDocument re-parses only the blocks an edit touched.
import type {
  Citation,
  CitationItem,
  Claim,
  ClioDiagnostic,
  DateTag,
  EntityLink,
  ParsedDocument,
  Range,
  Span,
} from "../types.js";
import { lineStarts as computeLineStarts, offsetAt, rangeOf } from "../text.js";
import { scanBlocks } from "./blocks.js";
import { findFrontMatter, parseFrontMatter } from "./frontmatter.js";
import { parseInline, type BlockParse } from "./inline.js";

export { looksLikeDate } from "./inline.js";
export { readKey, parseLocatorAndSuffix } from "./citations.js";

/** Parses of prose blocks by their text, kept beside each document for updateDocument. */
const blockCaches = new WeakMap<ParsedDocument, Map<string, BlockParse>>();

export function parseDocument(uri: string, text: string, version?: number): ParsedDocument {
  return assemble(uri, text, version, new Map());
}

/** An LSP-style content change: a range edit, or the whole text when `range` is absent. */
export interface ContentChange {
  range?: Range;
  text: string;
}

/**
 * Re-parses a changed document reusing the parse of every prose block whose text
 * is unchanged since `prev`; the result equals a full parse. Takes the new text,
 * or the editor's content changes applied in order to `prev.text`.
 */
export function updateDocument(prev: ParsedDocument, change: string | readonly ContentChange[], version?: number): ParsedDocument {
  const text = typeof change === "string" ? change : applyChanges(prev.text, change);
  return assemble(prev.uri, text, version, blockCaches.get(prev) ?? new Map());
}

function applyChanges(text: string, changes: readonly ContentChange[]): string {
  for (const change of changes) {
    if (!change.range) {
      text = change.text;
      continue;
    }
    const starts = computeLineStarts(text);
    const start = offsetAt(starts, change.range.start, text.length);
    const end = Math.max(start, offsetAt(starts, change.range.end, text.length));
    text = text.slice(0, start) + change.text + text.slice(end);
  }
  return text;
}

function assemble(uri: string, text: string, version: number | undefined, previous: Map<string, BlockParse>): ParsedDocument {
  const starts = computeLineStarts(text);
  const doc: ParsedDocument = {
    uri,
    text,
    version,
    lineStarts: starts,
    dateTags: [],
    links: [],
    citations: [],
    claims: [],
    diagnostics: [],
    excluded: [],
    paragraphs: [],
  };
  const cache = new Map<string, BlockParse>();
  let bodyStart = 0;
  const where = findFrontMatter(text);
  if (where) {
    const { frontMatter, diagnostics } = parseFrontMatter(uri, text, starts, where);
    doc.frontMatter = frontMatter;
    doc.diagnostics.push(...diagnostics);
    doc.excluded.push(where.span);
    bodyStart = where.span.end;
  }
  const range = (span: Span) => rangeOf(starts, span);
  const shift = (span: Span, by: number): Span => ({ start: span.start + by, end: span.end + by });

  for (const block of scanBlocks(text, bodyStart)) {
    const blockSpan = { start: block.start, end: block.end };
    if (block.kind !== "prose") {
      doc.excluded.push(blockSpan);
      continue;
    }
    const paragraph = doc.paragraphs.length;
    doc.paragraphs.push(blockSpan);
    const blockText = text.slice(block.start, block.end);
    let parse = cache.get(blockText) ?? previous.get(blockText);
    if (!parse) parse = parseInline(blockText);
    cache.set(blockText, parse);
    const at = block.start;

    for (const e of parse.excluded) doc.excluded.push(shift(e, at));

    const tags: DateTag[] = parse.tags.map((t) => {
      const span = shift(t.span, at);
      const tag: DateTag = { span, range: range(span), raw: t.raw };
      if (t.date) tag.date = t.date;
      if (t.error !== undefined) {
        tag.error = t.error;
        doc.diagnostics.push({
          uri,
          range: tag.range,
          severity: "error",
          code: "date-invalid",
          message: `{${t.raw}} is not a valid date: ${t.error}.`,
          source: "clio",
        });
      }
      return tag;
    });

    const links: EntityLink[] = parse.links.map((l) => {
      const span = shift(l.span, at);
      const targetSpan = shift(l.targetSpan, at);
      const beforeSpan = shift(l.before, at);
      const link: EntityLink = {
        span,
        range: range(span),
        target: l.target,
        targetRange: range(targetSpan),
        nameUsed: l.shown ?? l.target,
        nameRange: range(targetSpan),
        before: { text: text.slice(beforeSpan.start, beforeSpan.end), span: beforeSpan },
      };
      if (l.shown !== undefined && l.shownSpan) {
        link.shown = l.shown;
        link.shownRange = range(shift(l.shownSpan, at));
        link.nameRange = link.shownRange;
      }
      return link;
    });

    const citations: Citation[] = parse.citations.map((c) => {
      const span = shift(c.span, at);
      return {
        span,
        range: range(span),
        inText: c.inText,
        items: c.items.map((raw) => {
          const itemSpan = shift(raw.span, at);
          const item: CitationItem = { key: raw.key, keyRange: range(shift(raw.keySpan, at)), span: itemSpan };
          if (raw.prefix !== undefined) item.prefix = raw.prefix;
          if (raw.locator) item.locator = { ...raw.locator, ...(raw.locator.pages ? { pages: raw.locator.pages.map((p) => [p[0], p[1]] as [number, number]) } : {}) };
          if (raw.suffix !== undefined) item.suffix = raw.suffix;
          if (raw.suppressAuthor) item.suppressAuthor = true;
          return item;
        }),
      };
    });

    for (const c of parse.claims) {
      const span = shift(c.span, at);
      const claimLinks = c.links.map((i) => links[i]);
      const claim: Claim = {
        index: doc.claims.length,
        span,
        range: range(span),
        dateTag: tags[c.tag],
        links: claimLinks,
        citations: c.citations.map((i) => citations[i]),
        text: text.slice(span.start, span.end),
        paragraph,
      };
      if (claimLinks.length) claim.subject = claimLinks[0];
      doc.claims.push(claim);
    }
    doc.dateTags.push(...tags);
    doc.links.push(...links);
    doc.citations.push(...citations);
  }
  blockCaches.set(doc, cache);
  return doc;
}
