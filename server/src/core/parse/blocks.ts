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
}

function makeLine(text: string, start: number, end: number): Line {
  let columns = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) columns++;
    else if (c === 9) columns += 4 - (columns % 4);
    else break;
  }
  return { start, end, columns, first: i };
}

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  // indexOf jumps from break to break far faster than a loop over every character (issue 7).
  let lf = text.indexOf("\n", from);
  let cr = text.indexOf("\r", from);
  while (lf >= 0 || cr >= 0) {
    let next: number;
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      lines.push(makeLine(text, start, cr));
      next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      cr = text.indexOf("\r", next);
      if (lf >= 0 && lf < next) lf = text.indexOf("\n", next);
    } else {
      lines.push(makeLine(text, start, lf));
      next = lf + 1;
      lf = text.indexOf("\n", next);
    }
    start = next;
  }
  lines.push(makeLine(text, start, text.length));
  return lines;
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

/** Index of the line where the comment opened on line `i` closes (the last line when it never does). */
function commentEnd(text: string, lines: readonly Line[], i: number): number {
  const openAt = text.indexOf("<!--", lines[i].start);
  for (let j = i; j < lines.length; j++) {
    const from = j === i ? openAt + 4 : lines[j].start;
    if (text.slice(from, lines[j].end).includes("-->")) return j;
  }
  return lines.length - 1;
}

/** Table rows and Pandoc div fences stand alone, one line per block. */
function isSingleLineBlock(text: string, line: Line): boolean {
  const { columns, first } = line;
  if (columns > 3) return false;
  return text.charCodeAt(first) === 124 /* | */ || startsWithAt(text, first, ":::");
}

/**
 * Splits the document from `from` (after front matter, or a block start to
 * resume at, with the state recorded there) into blocks, in order. Linear in
 * the text length.
 */
export function scanBlocks(text: string, from: number, initial: ScanState = INITIAL_SCAN_STATE): Block[] {
  const lines = splitLines(text, from);
  const blocks: Block[] = [];
  let { previousBlank, inList } = initial;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      previousBlank = true;
      i++;
      continue;
    }
    const state: ScanState = { previousBlank, inList };
    const { columns } = line;
    const fence = fenceOpen(text, line);
    if (fence) {
      // An unclosed fence runs to the end of the document, as in CommonMark.
      let j = i + 1;
      while (j < lines.length && !fenceCloses(text, lines[j], fence)) j++;
      const last = Math.min(j, lines.length - 1);
      blocks.push({ kind: "code", start: line.start, end: lines[last].end, state });
      i = last + 1;
      previousBlank = false;
      continue;
    }
    if (columns >= 4 && previousBlank && !inList) {
      let j = i;
      let lastCode = i;
      while (j < lines.length && (isBlank(lines[j]) || lines[j].columns >= 4)) {
        if (!isBlank(lines[j])) lastCode = j;
        j++;
      }
      blocks.push({ kind: "code", start: line.start, end: lines[lastCode].end, state });
      i = lastCode + 1;
      previousBlank = false;
      continue;
    }
    if (commentOpen(text, line)) {
      const last = commentEnd(text, lines, i);
      blocks.push({ kind: "comment", start: line.start, end: lines[last].end, state });
      i = last + 1;
      previousBlank = false;
      continue;
    }
    if (columns === 0 && !isListItem(text, line, false)) inList = false;
    if (isHeading(text, line) || isSingleLineBlock(text, line)) {
      blocks.push({ kind: "prose", start: line.start, end: line.end, state });
      i++;
      previousBlank = false;
      continue;
    }
    if (isListItem(text, line, false)) inList = true;
    let j = i + 1;
    while (
      j < lines.length &&
      !isBlank(lines[j]) &&
      !fenceOpen(text, lines[j]) &&
      !isHeading(text, lines[j]) &&
      !isSingleLineBlock(text, lines[j]) &&
      !isListItem(text, lines[j], true)
    ) {
      // A comment inside a paragraph (a note to self, a test marker) does not end
      // it: the paragraph runs on through the comment, which the inline pass excludes.
      if (commentOpen(text, lines[j])) j = commentEnd(text, lines, j);
      j++;
    }
    blocks.push({ kind: "prose", start: line.start, end: lines[Math.min(j, lines.length) - 1].end, state });
    i = j;
    previousBlank = false;
  }
  return blocks;
}
