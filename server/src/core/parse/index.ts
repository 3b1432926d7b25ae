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
import { lineStarts as computeLineStarts, lineAt, offsetAt, rangeOf } from "../text.js";
import { scanBlocksInSteps, type Block, type ScanState } from "./blocks.js";
import { recordMove } from "../moved.js";
import { findFrontMatter, parseFrontMatter } from "./frontmatter.js";
import { parseInline, type BlockParse } from "./inline.js";

export { looksLikeDate } from "./inline.js";
export { readKey, parseLocatorAndSuffix } from "./citations.js";

/** A block of a parsed document and, for prose, its text and position-independent parse. */
interface BlockRecord {
  block: Block;
  text?: string;
  parse?: BlockParse;
  /** For prose: where its items lie in the document's lists (see ParagraphSlice). */
  slice?: ParagraphSlice;
}

/**
 * One prose block of a parsed document: its parse (the same object for the same
 * block text across updateDocument calls, so it identifies unchanged paragraphs)
 * and the [begin, end) index ranges of its items in the document's lists.
 */
export interface ParagraphSlice {
  key: object;
  dateTags: [number, number];
  links: [number, number];
  citations: [number, number];
  claims: [number, number];
  excluded: [number, number];
}

/** What updateDocument needs from a previous parse, kept beside each document. */
interface ParseState {
  bodyStart: number;
  records: BlockRecord[];
}

const parseStates = new WeakMap<ParsedDocument, ParseState>();

/** The prose blocks of a document in order, aligned with `doc.paragraphs`; undefined for a document this module did not parse. */
export function paragraphSlices(doc: ParsedDocument): ParagraphSlice[] | undefined {
  const state = parseStates.get(doc);
  if (!state) return undefined;
  const out: ParagraphSlice[] = [];
  for (const r of state.records) if (r.slice) out.push(r.slice);
  return out;
}

export function parseDocument(uri: string, text: string, version?: number): ParsedDocument {
  return finish(assemble(uri, text, version));
}

/**
 * The same parse as parseDocument/updateDocument, in steps: the generator pauses
 * every few dozen blocks and returns the document when done, so a server can
 * answer requests in between on a very large paper (issue 7).
 */
export function parseInSteps(uri: string, text: string, version?: number, prev?: ParsedDocument): Generator<void, ParsedDocument> {
  return assemble(uri, text, version, prev && prev.uri === uri ? prev : undefined);
}

/** Runs a stepped computation to its end. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
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
  return finish(assemble(prev.uri, text, version, prev));
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

/** Characters compared at once by native string equality before the exact position is sought. */
const CHUNK = 4096;
/** Characters compared or searched for line breaks between two pauses of a stepped parse. */
const CHARS_PER_STEP = 1 << 20;
/** List items copied between two pauses. */
const ITEMS_PER_STEP = 1 << 14;
/** Blocks placed between two pauses. */
const BLOCKS_PER_STEP = 64;
/** Characters of new inline parsing between two pauses: one long block costs as much as many short ones. */
const PARSED_CHARS_PER_STEP = 1 << 14;

function* commonPrefixLength(a: string, b: string): Generator<void, number> {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  let pauseAt = CHARS_PER_STEP;
  // Whole chunks first: a native comparison is many times faster than a loop over characters (10 MB papers).
  while (i + CHUNK <= limit && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) {
    i += CHUNK;
    if (i >= pauseAt) {
      pauseAt += CHARS_PER_STEP;
      yield;
    }
  }
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function* commonSuffixLength(a: string, b: string, limit: number): Generator<void, number> {
  let n = 0;
  let pauseAt = CHARS_PER_STEP;
  while (n + CHUNK <= limit && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) {
    n += CHUNK;
    if (n >= pauseAt) {
      pauseAt += CHARS_PER_STEP;
      yield;
    }
  }
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Index of the first element of an ascending list that is at least `value` (the list's length when none is). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Appends to `into` every line start x with from <= x < to (from >= 1): x starts
 * a line when the character before it is \n, or \r not followed by \n. The
 * same starts as text.ts lineStarts, found in steps.
 */
function* appendLineStarts(text: string, from: number, to: number, into: number[]): Generator<void, void> {
  let lf = text.indexOf("\n", from - 1);
  let cr = text.indexOf("\r", from - 1);
  let pauseAt = from + CHARS_PER_STEP;
  for (;;) {
    let x: number;
    if (lf >= 0 && (cr < 0 || lf < cr)) {
      x = lf + 1;
      lf = text.indexOf("\n", x);
    } else if (cr >= 0) {
      x = cr + 1;
      cr = text.indexOf("\r", x);
      if (text.charCodeAt(x) === 10) continue; // \r\n: the line starts after the \n
    } else return;
    if (x >= to) return;
    into.push(x);
    if (x >= pauseAt) {
      pauseAt = x + CHARS_PER_STEP;
      yield;
    }
  }
}

function* lineStartsInSteps(text: string): Generator<void, number[]> {
  const starts = [0];
  yield* appendLineStarts(text, 1, text.length + 1, starts);
  return starts;
}

/**
 * How many leading blocks of the previous parse hold in the new text. A block's
 * extent depends on the text up to the first line of the block after it (is that
 * line blank, a heading, a list item…?), so a block is kept only when that line's
 * break lies before the first changed character. Block starts grow, so this holds
 * for a leading run of blocks, found by binary search.
 */
function keptBlockCount(prev: ParsedDocument, state: ParseState, bodyStart: number, common: number): number {
  if (state.bodyStart !== bodyStart) return 0;
  const records = state.records;
  const starts = prev.lineStarts;
  const old = prev.text;
  const nextLineHolds = (k: number): boolean => {
    const nextStart = records[k + 1].block.start;
    if (nextStart >= common) return false;
    // The line break ending the line at nextStart lies just before the next line start (two characters for \r\n).
    const following = firstAtLeast(starts, nextStart + 1);
    if (following === starts.length) return false;
    const after = starts[following];
    const lineBreak = old.charCodeAt(after - 1) === 10 && after - 2 >= nextStart && old.charCodeAt(after - 2) === 13 ? after - 2 : after - 1;
    return lineBreak < common;
  };
  let low = 0;
  let high = Math.max(records.length - 1, 0);
  while (low < high) {
    const mid = (low + high) >> 1;
    if (nextLineHolds(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The leading items of a list in document order that start before `cutoff`, appended to `into` in steps. */
function* copyBefore<T extends { span: Span }>(list: readonly T[], into: T[], cutoff: number): Generator<void, void> {
  for (let i = 0; i < list.length && list[i].span.start < cutoff; i++) {
    into.push(list[i]);
    if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
}

/** The previous document's results that lie before `cutoff`, taken over as they are (same offsets, same lines). */
function* copyPrefix(prev: ParsedDocument, doc: ParsedDocument, bodyStart: number, cutoff: number): Generator<void, void> {
  let copied = 0;
  for (const span of prev.excluded) {
    if (span.start >= cutoff) break;
    if (span.start >= bodyStart) doc.excluded.push(span);
    if (++copied % ITEMS_PER_STEP === 0) yield;
  }
  for (const span of prev.paragraphs) {
    if (span.start >= cutoff) break;
    doc.paragraphs.push(span);
    if (++copied % ITEMS_PER_STEP === 0) yield;
  }
  // date-invalid diagnostics follow the invalid tags one to one, in order.
  let invalid = 0;
  for (const tag of prev.dateTags) {
    if (tag.span.start >= cutoff) break;
    doc.dateTags.push(tag);
    if (tag.error !== undefined) invalid++;
    if (++copied % ITEMS_PER_STEP === 0) yield;
  }
  yield* copyBefore(prev.links, doc.links, cutoff);
  yield* copyBefore(prev.citations, doc.citations, cutoff);
  yield* copyBefore(prev.claims, doc.claims, cutoff);
  for (const d of prev.diagnostics) {
    if (invalid === 0) break;
    if (++copied % ITEMS_PER_STEP === 0) yield;
    if (d.code !== "date-invalid") continue;
    doc.diagnostics.push(d);
    invalid--;
  }
}

/**
 * Line starts of `text` from those of `prev`: a line start at x depends only on
 * the characters at x - 1 and x, so starts inside the common prefix stay, those
 * inside the common suffix move by the length difference, and only the changed
 * stretch is scanned.
 */
function* updatedLineStarts(prev: ParsedDocument, text: string, prefix: number, suffix: number): Generator<void, number[]> {
  const delta = text.length - prev.text.length;
  const from = Math.max(prefix, 1);
  const prevStarts = prev.lineStarts;
  const starts: number[] = [];
  const keptEnd = firstAtLeast(prevStarts, from);
  for (let i = 0; i < keptEnd; i++) {
    starts.push(prevStarts[i]);
    if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
  const tailFrom = text.length - suffix + 1;
  yield* appendLineStarts(text, from, Math.min(tailFrom, text.length + 1), starts);
  for (let i = firstAtLeast(prevStarts, tailFrom - delta), n = 0; i < prevStarts.length; i++) {
    starts.push(prevStarts[i] + delta);
    if (++n % ITEMS_PER_STEP === 0) yield;
  }
  return starts;
}

/**
 * Walks the previous parse's blocks in order to find the one starting at an
 * offset; offsets asked for only grow (the new blocks are met in order), so
 * each walk is linear over the whole parse, without a map of every block.
 */
class BlockCursor {
  private next: number;

  constructor(
    private readonly records: readonly BlockRecord[],
    from: number,
  ) {
    this.next = from;
  }

  /** The prose record starting exactly at `start`, if any. */
  at(start: number): BlockRecord | undefined {
    const records = this.records;
    while (this.next < records.length && records[this.next].block.start < start) this.next++;
    const found = records[this.next];
    return found && found.block.start === start && found.slice ? found : undefined;
  }
}

function* assemble(uri: string, text: string, version: number | undefined, prev?: ParsedDocument): Generator<void, ParsedDocument> {
  // How much of the previous text still holds at either end: positions and blocks before the change are kept.
  const common = prev ? yield* commonPrefixLength(prev.text, text) : 0;
  const suffix = prev ? yield* commonSuffixLength(prev.text, text, Math.min(prev.text.length, text.length) - common) : 0;
  const starts = prev ? yield* updatedLineStarts(prev, text, common, suffix) : yield* lineStartsInSteps(text);
  yield;
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

  yield;
  const prevState = prev && parseStates.get(prev);
  const oldRecords = prevState?.records ?? [];
  const kept = prev && prevState ? keptBlockCount(prev, prevState, bodyStart, common) : 0;
  const records: BlockRecord[] = oldRecords.slice(0, kept);
  let scanFrom = bodyStart;
  let scanState: ScanState | undefined;
  if (prev && kept > 0) {
    const resume = oldRecords[kept].block;
    yield* copyPrefix(prev, doc, bodyStart, resume.start);
    scanFrom = resume.start;
    scanState = resume.state;
  }

  // A later block whose text is unchanged and which only moved (everything after the edit)
  // is found by its old start and copied with shifted positions, not placed anew.
  const delta = prev ? text.length - prev.text.length : 0;
  const movedFrom = new BlockCursor(oldRecords, kept);
  const stayedAt = new BlockCursor(oldRecords, kept);
  // Parses of the previous document's changed stretch, by text, for blocks not found by position
  // (split, joined or reordered ones). Filled on the first such block: most edits have one or two.
  const known = new Map<string, BlockParse>();
  let knowsPrevious = !prevState;
  const changedEnd = prev ? prev.text.length - suffix : 0;

  let blocksSinceStep = 0;
  let parsedSinceStep = 0;
  for (const block of scanBlocksInSteps(text, scanFrom, scanState)) {
    if (!block || ++blocksSinceStep >= BLOCKS_PER_STEP || parsedSinceStep >= PARSED_CHARS_PER_STEP) {
      blocksSinceStep = 0;
      parsedSinceStep = 0;
      yield;
      if (!block) continue;
    }
    if (block.kind !== "prose") {
      doc.excluded.push({ start: block.start, end: block.end });
      records.push({ block });
      continue;
    }
    const blockText = text.slice(block.start, block.end);
    const old = prev && (movedFrom.at(block.start - delta) ?? stayedAt.at(block.start));
    if (prev && old?.slice && old.parse && old.text === blockText) {
      const slice = moveBlock(prev, old.block.start, old.slice, doc, block);
      if (slice) {
        records.push({ block, text: blockText, parse: old.parse, slice });
        continue;
      }
    }
    if (!knowsPrevious) {
      knowsPrevious = true;
      for (let i = kept; i < oldRecords.length && oldRecords[i].block.start < changedEnd; i++) {
        const r = oldRecords[i];
        if (r.text !== undefined && r.parse) known.set(r.text, r.parse);
        if ((i - kept) % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
      }
    }
    let parse = known.get(blockText);
    if (!parse) {
      parse = parseInline(blockText);
      known.set(blockText, parse);
      parsedSinceStep += blockText.length;
    }
    records.push({ block, text: blockText, parse, slice: addBlock(doc, block, parse) });
  }
  parseStates.set(doc, { bodyStart, records });
  return doc;
}

/** Places one prose block's parse into the document: offsets shifted, ranges computed. */
function addBlock(doc: ParsedDocument, block: Block, parse: BlockParse): ParagraphSlice {
  const { uri, text, lineStarts: starts } = doc;
  const begin = [doc.dateTags.length, doc.links.length, doc.citations.length, doc.claims.length, doc.excluded.length];
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
      doc.diagnostics.push(dateInvalid(uri, tag));
    }
    return tag;
  });

  const links: EntityLink[] = parse.links.map((l) => {
    const span = shift(l.span);
    const targetSpan = shift(l.targetSpan);
    const beforeSpan = shift(l.before);
    // Without shown text the name is the target: one range object serves both (a 10 MB paper has 100,000 links, issue 7).
    const targetRange = range(targetSpan);
    const link: EntityLink = {
      span,
      range: range(span),
      target: l.target,
      targetRange,
      nameUsed: l.shown ?? l.target,
      nameRange: targetRange,
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
  return {
    key: parse,
    dateTags: [begin[0], doc.dateTags.length],
    links: [begin[1], doc.links.length],
    citations: [begin[2], doc.citations.length],
    claims: [begin[3], doc.claims.length],
    excluded: [begin[4], doc.excluded.length],
  };
}

function dateInvalid(uri: string, tag: DateTag): ClioDiagnostic {
  return { uri, range: tag.range, severity: "error", code: "date-invalid", message: `{${tag.raw}} is not a valid date: ${tag.error}.`, source: "clio" };
}

/**
 * Places a block whose text is unchanged since `prev` by copying its items from
 * `prev` with offsets and lines shifted: the same result as addBlock, without
 * recomputing any position (range objects are shared when no line moved). Undefined
 * when the block's first line starts at another column (then positions differ).
 */
function moveBlock(prev: ParsedDocument, oldStart: number, old: ParagraphSlice, doc: ParsedDocument, block: Block): ParagraphSlice | undefined {
  const oldLine = lineAt(prev.lineStarts, oldStart);
  const line = lineAt(doc.lineStarts, block.start);
  if (oldStart - prev.lineStarts[oldLine] !== block.start - doc.lineStarts[line]) return undefined;
  const by = block.start - oldStart;
  const lines = line - oldLine;
  const span = (s: Span): Span => (by === 0 ? s : { start: s.start + by, end: s.end + by });
  const range = (r: Range): Range =>
    lines === 0 ? r : { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
  const begin = [doc.dateTags.length, doc.links.length, doc.citations.length, doc.claims.length, doc.excluded.length];
  const paragraph = doc.paragraphs.length;
  doc.paragraphs.push({ start: block.start, end: block.end });
  for (let i = old.excluded[0]; i < old.excluded[1]; i++) doc.excluded.push(span(prev.excluded[i]));

  // Items are copied field by field (object spread is several times slower here, issue 7);
  // a claim's tag, links and citations are found by their index in the block.
  for (let i = old.dateTags[0]; i < old.dateTags[1]; i++) {
    const o = prev.dateTags[i];
    const tag: DateTag = { span: span(o.span), range: range(o.range), raw: o.raw };
    if (o.date) tag.date = o.date;
    if (o.error !== undefined) {
      tag.error = o.error;
      doc.diagnostics.push(dateInvalid(doc.uri, tag));
    }
    doc.dateTags.push(tag);
  }
  for (let i = old.links[0]; i < old.links[1]; i++) {
    const o = prev.links[i];
    const targetRange = range(o.targetRange);
    const link: EntityLink = {
      span: span(o.span),
      range: range(o.range),
      target: o.target,
      targetRange,
      nameUsed: o.nameUsed,
      nameRange: targetRange,
      before: { text: o.before.text, span: span(o.before.span) },
    };
    if (o.shown !== undefined && o.shownRange) {
      link.shown = o.shown;
      link.shownRange = range(o.shownRange);
      link.nameRange = link.shownRange;
    }
    doc.links.push(link);
  }
  for (let i = old.citations[0]; i < old.citations[1]; i++) {
    const o = prev.citations[i];
    const items: CitationItem[] = [];
    for (const it of o.items) {
      const item: CitationItem = { key: it.key, keyRange: range(it.keyRange), span: span(it.span) };
      if (it.prefix !== undefined) item.prefix = it.prefix;
      if (it.locator) item.locator = it.locator;
      if (it.suffix !== undefined) item.suffix = it.suffix;
      if (it.suppressAuthor) item.suppressAuthor = true;
      items.push(item);
    }
    doc.citations.push({ span: span(o.span), range: range(o.range), inText: o.inText, items });
  }
  const moved =
    <T>(from: readonly T[], to: readonly T[], [start]: [number, number], newStart: number) =>
    (item: T): T =>
      to[newStart + from.indexOf(item, start) - start];
  const tagOf = moved(prev.dateTags, doc.dateTags, old.dateTags, begin[0]);
  const linkOf = moved(prev.links, doc.links, old.links, begin[1]);
  const citationOf = moved(prev.citations, doc.citations, old.citations, begin[2]);
  for (let i = old.claims[0]; i < old.claims[1]; i++) {
    const o = prev.claims[i];
    const claimLinks = o.links.map(linkOf);
    const claim: Claim = {
      index: doc.claims.length,
      span: span(o.span),
      range: range(o.range),
      dateTag: tagOf(o.dateTag),
      links: claimLinks,
      citations: o.citations.map(citationOf),
      text: o.text,
      paragraph,
    };
    if (claimLinks.length) claim.subject = claimLinks[0];
    recordMove(claim, o);
    doc.claims.push(claim);
  }
  return {
    key: old.key,
    dateTags: [begin[0], doc.dateTags.length],
    links: [begin[1], doc.links.length],
    citations: [begin[2], doc.citations.length],
    claims: [begin[3], doc.claims.length],
    excluded: [begin[4], doc.excluded.length],
  };
}
