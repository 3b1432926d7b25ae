// The markup parser (spec §1–4): front matter, then blocks, then each prose
// block's inline markup. Block parses are position-independent and cached by
// block text, so updateDocument re-parses only the blocks an edit touched, and
// takes the results of the blocks before the edit over unchanged.
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
import { scanBlocks, type Block } from "./blocks.js";
import { findFrontMatter, parseFrontMatter } from "./frontmatter.js";
import { parseInline, type BlockParse } from "./inline.js";

export { looksLikeDate } from "./inline.js";
export { readKey, parseLocatorAndSuffix } from "./citations.js";

/** A block of a parsed document and, for prose, its text and position-independent parse. */
interface BlockRecord {
  block: Block;
  text?: string;
  parse?: BlockParse;
}

/** What updateDocument needs from a previous parse, kept beside each document. */
interface ParseState {
  bodyStart: number;
  records: BlockRecord[];
}

const parseStates = new WeakMap<ParsedDocument, ParseState>();

export function parseDocument(uri: string, text: string, version?: number): ParsedDocument {
  return assemble(uri, text, version);
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
  return assemble(prev.uri, text, version, prev);
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

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * How many leading blocks of the previous parse hold in the new text. A block's
 * extent depends on the text up to the first line of the block after it (is that
 * line blank, a heading, a list item…?), so a block is kept only when that whole
 * line, with its line break, lies before the first changed character.
 */
function keptBlockCount(prev: ParsedDocument, state: ParseState, text: string, bodyStart: number): number {
  if (state.bodyStart !== bodyStart) return 0;
  const common = commonPrefixLength(prev.text, text);
  const records = state.records;
  let kept = 0;
  while (kept + 1 < records.length) {
    const nextStart = records[kept + 1].block.start;
    if (nextStart >= common) break;
    let lineEnd = nextStart;
    while (lineEnd < common && prev.text.charCodeAt(lineEnd) !== 10 && prev.text.charCodeAt(lineEnd) !== 13) lineEnd++;
    if (lineEnd >= common) break;
    kept++;
  }
  return kept;
}

/** The previous document's results that lie before `cutoff`, taken over as they are (same offsets, same lines). */
function copyPrefix(prev: ParsedDocument, doc: ParsedDocument, bodyStart: number, cutoff: number): void {
  const before = <T extends { span: Span }>(list: readonly T[], into: T[]) => {
    for (const item of list) {
      if (item.span.start >= cutoff) break;
      into.push(item);
    }
  };
  for (const span of prev.excluded) {
    if (span.start >= cutoff) break;
    if (span.start >= bodyStart) doc.excluded.push(span);
  }
  for (const span of prev.paragraphs) {
    if (span.start >= cutoff) break;
    doc.paragraphs.push(span);
  }
  before(prev.dateTags, doc.dateTags);
  before(prev.links, doc.links);
  before(prev.citations, doc.citations);
  before(prev.claims, doc.claims);
  // date-invalid diagnostics follow the invalid tags one to one, in order.
  let invalid = doc.dateTags.reduce((n, t) => n + (t.error !== undefined ? 1 : 0), 0);
  for (const d of prev.diagnostics) {
    if (invalid === 0) break;
    if (d.code !== "date-invalid") continue;
    doc.diagnostics.push(d);
    invalid--;
  }
}

function assemble(uri: string, text: string, version: number | undefined, prev?: ParsedDocument): ParsedDocument {
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
  let bodyStart = 0;
  const where = findFrontMatter(text);
  if (where) {
    const { frontMatter, diagnostics } = parseFrontMatter(uri, text, starts, where);
    doc.frontMatter = frontMatter;
    doc.diagnostics.push(...diagnostics);
    doc.excluded.push(where.span);
    bodyStart = where.span.end;
  }

  const prevState = prev && parseStates.get(prev);
  const kept = prev && prevState ? keptBlockCount(prev, prevState, text, bodyStart) : 0;
  const records: BlockRecord[] = prevState ? prevState.records.slice(0, kept) : [];
  let blocks: Block[];
  // Parses of the previous document's later blocks, by text: an edit usually leaves them as they were.
  const known = new Map<string, BlockParse>();
  if (prev && prevState && kept > 0) {
    const resume = prevState.records[kept].block;
    copyPrefix(prev, doc, bodyStart, resume.start);
    blocks = scanBlocks(text, resume.start, resume.state);
  } else {
    blocks = scanBlocks(text, bodyStart);
  }
  if (prevState) {
    for (let i = kept; i < prevState.records.length; i++) {
      const r = prevState.records[i];
      if (r.text !== undefined && r.parse) known.set(r.text, r.parse);
    }
  }

  for (const block of blocks) {
    if (block.kind !== "prose") {
      doc.excluded.push({ start: block.start, end: block.end });
      records.push({ block });
      continue;
    }
    const blockText = text.slice(block.start, block.end);
    let parse = known.get(blockText);
    if (!parse) {
      parse = parseInline(blockText);
      known.set(blockText, parse);
    }
    records.push({ block, text: blockText, parse });
    addBlock(doc, block, parse);
  }
  parseStates.set(doc, { bodyStart, records });
  return doc;
}

/** Places one prose block's parse into the document: offsets shifted, ranges computed. */
function addBlock(doc: ParsedDocument, block: Block, parse: BlockParse): void {
  const { uri, text, lineStarts: starts } = doc;
  const range = (span: Span) => rangeOf(starts, span);
  const at = block.start;
  const shift = (span: Span): Span => ({ start: span.start + at, end: span.end + at });
  const paragraph = doc.paragraphs.length;
  doc.paragraphs.push({ start: block.start, end: block.end });

  for (const e of parse.excluded) doc.excluded.push(shift(e));

  const tags: DateTag[] = parse.tags.map((t) => {
    const span = shift(t.span);
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
    const span = shift(l.span);
    const targetSpan = shift(l.targetSpan);
    const beforeSpan = shift(l.before);
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
      link.shownRange = range(shift(l.shownSpan));
      link.nameRange = link.shownRange;
    }
    return link;
  });

  const citations: Citation[] = parse.citations.map((c) => {
    const span = shift(c.span);
    return {
      span,
      range: range(span),
      inText: c.inText,
      items: c.items.map((raw) => {
        const item: CitationItem = { key: raw.key, keyRange: range(shift(raw.keySpan)), span: shift(raw.span) };
        if (raw.prefix !== undefined) item.prefix = raw.prefix;
        if (raw.locator) item.locator = { ...raw.locator, ...(raw.locator.pages ? { pages: raw.locator.pages.map((p) => [p[0], p[1]] as [number, number]) } : {}) };
        if (raw.suffix !== undefined) item.suffix = raw.suffix;
        if (raw.suppressAuthor) item.suppressAuthor = true;
        return item;
      }),
    };
  });

  for (const c of parse.claims) {
    const span = shift(c.span);
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
  for (const t of tags) doc.dateTags.push(t);
  for (const l of links) doc.links.push(l);
  for (const c of citations) doc.citations.push(c);
}
