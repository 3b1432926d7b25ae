// Block structure, line by line, in one pass: which stretches of the document
// are prose (paragraphs, headings, list items, table rows) and which are never
// Clio markup (fenced and indented code, HTML comment blocks). A simplified
// CommonMark: enough to know where claims may live and where paragraphs end.

export type BlockKind = "prose" | "code" | "comment";

/** What the scanner knows when a block begins; scanning can resume from any block start with it. */
export interface ScanState {
  previousBlank: boolean;
  inList: boolean;
}

export const INITIAL_SCAN_STATE: ScanState = { previousBlank: true, inList: false };

export interface Block {
  kind: BlockKind;
  /** Offsets into the document, end exclusive, without the final line break. */
  start: number;
  end: number;
  /** Scanner state at the block's first line. */
  state: ScanState;
}

interface Line {
  start: number;
  /** End of the line's content, before its line break. */
  end: number;
  /** Columns of leading whitespace (a tab counts to the next multiple of 4) and the offset of the first other character. */
  columns: number;
  first: number;
  /** Start of the following line; -1 for the document's last line. */
  next: number;
}

function makeLine(text: string, start: number, end: number, next: number): Line {
  let columns = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) columns++;
    else if (c === 9) columns += 4 - (columns % 4);
    else break;
  }
  return { start, end, columns, first: i, next };
}

/**
 * The next occurrence of one character at or after a position, remembered: lines
 * are read one at a time, and searching again from every line start for a
 * character the text lacks (a \r in a \n-only file) would rescan the rest of it.
 */
class NextOccurrence {
  private from = -1;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  after(position: number): number {
    // Valid while the search began at or before `position` and found nothing before it.
    if (this.from < 0 || position < this.from || (this.at >= 0 && this.at < position)) {
      this.from = position;
      this.at = this.text.indexOf(this.char, position);
    }
    return this.at;
  }
}

/**
 * Reads the lines of a text on demand: the scanner holds a line or two at a time
 * rather than an array of every line of the document, so a 10 MB paper does not
 * fill the heap with line objects that live through a whole stepped parse (issue 7).
 */
class LineReader {
  private readonly lf: NextOccurrence;
  private readonly cr: NextOccurrence;

  constructor(private readonly text: string) {
    this.lf = new NextOccurrence(text, "\n");
    this.cr = new NextOccurrence(text, "\r");
  }

  /** The line starting at `start`, which must be a line start. */
  at(start: number): Line {
    const text = this.text;
    const lf = this.lf.after(start);
    const cr = this.cr.after(start);
    if (cr >= 0 && (lf < 0 || cr < lf)) return makeLine(text, start, cr, text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1);
    if (lf >= 0) return makeLine(text, start, lf, lf + 1);
    return makeLine(text, start, text.length, -1);
  }

  following(line: Line): Line | undefined {
    return line.next < 0 ? undefined : this.at(line.next);
  }
}

function isBlank(line: Line): boolean {
  return line.first === line.end;
}

interface Fence {
  char: number;
  length: number;
}

function fenceOpen(text: string, line: Line): Fence | undefined {
  const { columns, first } = line;
  if (columns > 3) return undefined;
  const char = text.charCodeAt(first);
  if (char !== 96 /* ` */ && char !== 126 /* ~ */) return undefined;
  let i = first;
  while (i < line.end && text.charCodeAt(i) === char) i++;
  const length = i - first;
  if (length < 3) return undefined;
  // A backtick fence's info string may not contain backticks (else it is inline code).
  if (char === 96 && text.slice(i, line.end).includes("`")) return undefined;
  return { char, length };
}

function fenceCloses(text: string, line: Line, fence: Fence): boolean {
  const { columns, first } = line;
  if (columns > 3) return false;
  let i = first;
  while (i < line.end && text.charCodeAt(i) === fence.char) i++;
  if (i - first < fence.length) return false;
  for (; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function startsWithAt(text: string, at: number, prefix: string): boolean {
  return text.startsWith(prefix, at);
}

function commentOpen(text: string, line: Line): boolean {
  const { columns, first } = line;
  return columns <= 3 && startsWithAt(text, first, "<!--");
}

function isHeading(text: string, line: Line): boolean {
  const { columns, first } = line;
  if (columns > 3) return false;
  let i = first;
  while (i < line.end && text.charCodeAt(i) === 35 /* # */) i++;
  const hashes = i - first;
  return hashes >= 1 && hashes <= 6 && (i === line.end || text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9);
}

/** Whether a list marker ending before `at` is followed by a space, a tab or the line's end. */
function spaceAfter(text: string, line: Line, at: number): boolean {
  return at === line.end || text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9;
}

/** `- `, `* `, `+ `, `1. `, `1) ` at the start of a line. `interruptsOnly`: ordered lists must start at 1 to interrupt a paragraph. */
function isListItem(text: string, line: Line, interruptsOnly: boolean): boolean {
  const { columns, first } = line;
  if (columns > 3 && interruptsOnly) return false;
  const c = text.charCodeAt(first);
  if (c === 45 || c === 42 || c === 43) return spaceAfter(text, line, first + 1) && !(interruptsOnly && first + 1 === line.end);
  let i = first;
  while (i < line.end && i - first < 9 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === first) return false;
  const marker = text.charCodeAt(i);
  if ((marker !== 46 && marker !== 41) || !spaceAfter(text, line, i + 1)) return false;
  return !interruptsOnly || text.slice(first, i) === "1";
}

/** Whether a comment's closing `-->` (found at `close`, -1 for none) lies on this line. */
function closesOn(line: Line, close: number): boolean {
  return close >= 0 && close + 3 <= line.end;
}

/** Where a comment opened on `line` closes: the offset of its `-->`, or -1 when it never does. */
function commentClose(text: string, line: Line): number {
  // `-->` holds no line break, so its first occurrence after the opener lies on the closing line.
  return text.indexOf("-->", text.indexOf("<!--", line.start) + 4);
}

/** Table rows and Pandoc div fences stand alone, one line per block. */
function isSingleLineBlock(text: string, line: Line): boolean {
  const { columns, first } = line;
  if (columns > 3) return false;
  return text.charCodeAt(first) === 124 /* | */ || startsWithAt(text, first, ":::");
}

/** Lines read between two pauses of a stepped scan. */
const LINES_PER_PAUSE = 1024;

/** Scanner states by their two flags: every block shares one of four objects instead of holding its own. */
const STATES: readonly ScanState[] = [
  { previousBlank: false, inList: false },
  { previousBlank: false, inList: true },
  { previousBlank: true, inList: false },
  { previousBlank: true, inList: true },
];

/**
 * Splits the document from `from` (after front matter, or a block start to
 * resume at, with the state recorded there) into blocks, in order. Linear in
 * the text length.
 */
export function scanBlocks(text: string, from: number, initial: ScanState = INITIAL_SCAN_STATE): Block[] {
  const blocks: Block[] = [];
  for (const block of scanBlocksInSteps(text, from, initial)) if (block) blocks.push(block);
  return blocks;
}

/**
 * scanBlocks as a generator: yields each block as soon as it is known, and
 * undefined as a pause every LINES_PER_PAUSE lines, so that neither a long
 * document nor one long block (an unclosed fence runs to the end) is scanned
 * in one go (issue 7).
 */
export function* scanBlocksInSteps(text: string, from: number, initial: ScanState = INITIAL_SCAN_STATE): Generator<Block | undefined, void> {
  const reader = new LineReader(text);
  let linesRead = 0;
  const pauseDue = () => {
    if (++linesRead < LINES_PER_PAUSE) return false;
    linesRead = 0;
    return true;
  };
  /** The line holding the `-->` of a comment opened on `from` (the last line when it never closes). */
  function* commentEnd(from: Line): Generator<undefined, Line> {
    const close = commentClose(text, from);
    let last = from;
    while (!closesOn(last, close)) {
      const after = reader.following(last);
      if (!after) break;
      if (pauseDue()) yield undefined;
      last = after;
    }
    return last;
  }
  let { previousBlank, inList } = initial;
  let line: Line | undefined = reader.at(from);
  while (line) {
    if (pauseDue()) yield undefined;
    if (isBlank(line)) {
      previousBlank = true;
      line = reader.following(line);
      continue;
    }
    const state = STATES[(previousBlank ? 2 : 0) + (inList ? 1 : 0)];
    const { columns } = line;
    const fence = fenceOpen(text, line);
    if (fence) {
      // An unclosed fence runs to the end of the document, as in CommonMark.
      let last = line;
      let probe = reader.following(line);
      while (probe && !fenceCloses(text, probe, fence)) {
        if (pauseDue()) yield undefined;
        last = probe;
        probe = reader.following(probe);
      }
      if (probe) last = probe;
      yield { kind: "code", start: line.start, end: last.end, state };
      line = reader.following(last);
      previousBlank = false;
      continue;
    }
    if (columns >= 4 && previousBlank && !inList) {
      let lastCode = line;
      let probe = reader.following(line);
      while (probe && (isBlank(probe) || probe.columns >= 4)) {
        if (pauseDue()) yield undefined;
        if (!isBlank(probe)) lastCode = probe;
        probe = reader.following(probe);
      }
      yield { kind: "code", start: line.start, end: lastCode.end, state };
      // Blank lines after the code are read again: they set previousBlank for what follows.
      line = reader.following(lastCode);
      previousBlank = false;
      continue;
    }
    if (commentOpen(text, line)) {
      const last = yield* commentEnd(line);
      yield { kind: "comment", start: line.start, end: last.end, state };
      line = reader.following(last);
      previousBlank = false;
      continue;
    }
    if (columns === 0 && !isListItem(text, line, false)) inList = false;
    if (isHeading(text, line) || isSingleLineBlock(text, line)) {
      yield { kind: "prose", start: line.start, end: line.end, state };
      line = reader.following(line);
      previousBlank = false;
      continue;
    }
    if (isListItem(text, line, false)) inList = true;
    let last = line;
    let probe = reader.following(line);
    while (
      probe &&
      !isBlank(probe) &&
      !fenceOpen(text, probe) &&
      !isHeading(text, probe) &&
      !isSingleLineBlock(text, probe) &&
      !isListItem(text, probe, true)
    ) {
      if (pauseDue()) yield undefined;
      // A comment inside a paragraph (a note to self, a test marker) does not end
      // it: the paragraph runs on through the comment, which the inline pass excludes.
      if (commentOpen(text, probe)) probe = yield* commentEnd(probe);
      last = probe;
      probe = reader.following(probe);
    }
    yield { kind: "prose", start: line.start, end: last.end, state };
    line = probe;
    previousBlank = false;
  }
}
