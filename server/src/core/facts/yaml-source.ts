// Parses a fact file (YAML, or JSON which YAML reads too) keeping node positions,
// so every problem and every item's origin points at the YAML node it concerns.
import { isMap, isSeq, parseDocument, type Document, type Node as YamlNode } from "yaml";
import type { Range } from "../types.js";
import { lineStarts, rangeOf } from "../text.js";

export type PathPart = string | number;

export interface SourceFile {
  file: string;
  text: string;
  /** The parsed document, or undefined when the text is not YAML at all. */
  value: unknown;
  /** Range of the deepest node that exists along the path (the whole file for []). */
  rangeAt(path: readonly PathPart[]): Range;
  /** Range of a mapping key (for "unknown property" problems); falls back to the node. */
  keyRangeAt(path: readonly PathPart[], key: string): Range;
  /** Syntax errors with their ranges. */
  errors: Array<{ message: string; range: Range }>;
}

/** Aliases expand into copies; cap them so an alias bomb fails fast instead of exhausting memory. */
const MAX_ALIAS_COUNT = 100;
/** Larger YAML (not JSON) fact files are refused with a clear problem. */
const MAX_YAML_CHARS = 16 * 1048576;

/**
 * Offsets → ranges, from our own line table (LSP lines: \n, \r\n or a lone \r),
 * built on the first call: the YAML LineCounter misses newlines inside some broken
 * tokens, which put ranges outside the file (found by the fuzzer, issue 7).
 */
function rangeMaker(text: string): (start: number, end: number) => Range {
  let starts: number[] | undefined;
  // An offset between \r and \n is no LSP position: move it before the line break.
  const clamp = (o: number) => {
    const c = Math.max(0, Math.min(o, text.length));
    return c > 0 && text.charCodeAt(c) === 10 && text.charCodeAt(c - 1) === 13 ? c - 1 : c;
  };
  return (start, end) => {
    starts ??= lineStarts(text);
    const a = clamp(start);
    return rangeOf(starts, { start: a, end: Math.max(a, clamp(end)) });
  };
}

export function parseYamlSource(file: string, text: string, preparsed?: unknown): SourceFile {
  const toRange = rangeMaker(text);
  const errors: SourceFile["errors"] = [];
  let doc: Document | undefined;
  let value: unknown;
  // JSON fast path (perf, issue 7): the YAML parser reads about 1 MB/s, so a 40 MB
  // Wikidata-sized JSON file took a minute. Valid JSON is read with JSON.parse; the
  // YAML document (for node ranges) is built only when a range is first asked for.
  let lazyDoc = false;
  if (preparsed !== undefined) {
    // Parsed at build time (bundled base): the YAML document is built only for positions.
    value = preparsed;
    lazyDoc = true;
  } else if (/^\s*[{[]/.test(text)) {
    try {
      value = JSON.parse(text);
      lazyDoc = true;
    } catch {
      value = undefined; // not valid JSON: let the YAML parser report where it breaks
    }
  }
  const parseYaml = () => {
    try {
      doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true });
      if (lazyDoc) return;
      for (const e of doc.errors) errors.push({ message: e.message.split("\n")[0], range: toRange(e.pos[0], e.pos[1]) });
      if (doc.errors.length === 0) value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      if (lazyDoc) return;
      // toJS throws on excessive aliases; anything else is a parser failure we must not let escape.
      errors.push({ message: err instanceof Error ? err.message : String(err), range: toRange(0, 0) });
      value = undefined;
    }
  };
  if (!lazyDoc && text.length > MAX_YAML_CHARS) {
    // The YAML parser reads about 1 MB/s: a huge YAML file would block the editor for a minute (issue 7).
    errors.push({
      message: `the file is ${(text.length / 1048576).toFixed(0)} MB of YAML; Clio reads YAML fact files up to ${MAX_YAML_CHARS / 1048576} MB (write large fact bases as JSON, which has no such limit)`,
      range: toRange(0, 0),
    });
  } else if (!lazyDoc) parseYaml();
  const ensureDoc = () => {
    // Past the YAML size limit a JSON file's problems point at the file, not the node: parsing it as YAML would block for a minute.
    if (lazyDoc && !doc && text.length <= MAX_YAML_CHARS) parseYaml();
  };
  let fileRangeCache: Range | undefined;
  const fileRange = () => (fileRangeCache ??= toRange(0, text.length));
  const nodeRange = (node: YamlNode | undefined): Range | undefined =>
    node?.range ? toRange(node.range[0], node.range[1]) : undefined;

  const deepest = (path: readonly PathPart[]): YamlNode | undefined => {
    ensureDoc();
    let node: unknown = doc?.contents;
    let found: YamlNode | undefined = node as YamlNode | undefined;
    for (const part of path) {
      if (isMap(node)) node = node.get(part, true);
      else if (isSeq(node) && typeof part === "number") node = node.get(part, true);
      else break;
      if (!node) break;
      found = node as YamlNode;
    }
    return found;
  };

  const result: SourceFile = {
    file,
    text,
    value,
    errors,
    rangeAt: (path) => nodeRange(deepest(path)) ?? fileRange(),
    keyRangeAt: (path, key) => {
      const parent = deepest(path);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        const keyNode = pair?.key as YamlNode | undefined;
        const r = nodeRange(keyNode);
        if (r) return r;
      }
      return nodeRange(parent) ?? fileRange();
    },
  };
  // The closures above outlive loading (lazy origin ranges); drop their reference to the raw value.
  value = undefined;
  return result;
}

// ---------------------------------------------------------------- streamed JSON

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Where the text is not JSON the reader can take apart; the caller then reads the file whole. */
class NotStreamable extends Error {}

/** JSON whitespace only: anything else, a byte order mark included, is for JSON.parse to reject. */
function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return i;
    i++;
  }
}

/** Just past the closing quote of the string token opening at `i`, or -1. */
function stringEnd(text: string, i: number): number {
  for (;;) {
    const quote = text.indexOf('"', i + 1);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if ((backslashes & 1) === 0) return quote + 1;
    i = quote;
  }
}

function endsScalar(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COLON || c === SPACE || c === LF || c === CR || c === TAB || c === QUOTE || c === OPEN_BRACE || c === OPEN_BRACKET;
}

/**
 * Just past the JSON value starting at `i`, found by matching brackets outside
 * strings (JSON.parse checks the grammar afterwards), or -1 when it never ends.
 */
function valueEnd(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === QUOTE) return stringEnd(text, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let j = i;
    while (j < text.length && !endsScalar(text.charCodeAt(j))) j++;
    return j > i ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      const end = stringEnd(text, j);
      if (end < 0) return -1;
      j = end - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return j + 1;
  }
  return -1;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotStreamable();
  }
}

interface Member {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** The first member of the (valid JSON) object at `open` named `key`, as YAML's map lookup finds it. */
function findMember(text: string, open: number, key: string): Member | undefined {
  let i = skipSpace(text, open + 1);
  while (text.charCodeAt(i) === QUOTE) {
    const keyEnd = stringEnd(text, i);
    const token = text.slice(i, keyEnd);
    const name = token.includes("\\") ? JSON.parse(token) : token.slice(1, -1);
    const start = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = valueEnd(text, start);
    if (name === key) return { keyStart: i, keyEnd, valueStart: start, valueEnd: end };
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== COMMA) return undefined;
    i = skipSpace(text, i + 1);
  }
  return undefined;
}

/** The span of element `index` of the (valid JSON) array at `open`. */
function findElement(text: string, open: number, index: number): [number, number] | undefined {
  let i = skipSpace(text, open + 1);
  for (let n = 0; text.charCodeAt(i) !== CLOSE_BRACKET; n++) {
    const end = valueEnd(text, i);
    if (end < 0) return undefined;
    if (n === index) return [i, end];
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== COMMA) return undefined;
    i = skipSpace(text, i + 1);
  }
  return undefined;
}

/** Called with each item of a streamed list, in order. */
export type ItemSink = (item: unknown, index: number) => void;

/**
 * A JSON fact file read piece by piece (perf, issue 7): the top-level object's
 * members are parsed one at a time, and the lists a caller asks for item by item,
 * so no item outlives its use (JSON.parse of a whole 40 MB file kept millions of
 * objects alive, which made garbage collection the largest cost). Positions come
 * from the offsets of the members and items, found on the way, with the same
 * ranges as the YAML nodes of `parseYamlSource` for valid JSON.
 */
export class JsonFactReader {
  readonly source: SourceFile;
  private readonly members = new Map<string, Member>();
  /** Start offset of every item of each streamed list. */
  private readonly itemStarts = new Map<string, number[]>();
  private rootStart = 0;
  private rootEnd = 0;

  constructor(
    file: string,
    private readonly text: string,
  ) {
    const toRange = rangeMaker(text);
    const span = (path: readonly PathPart[]) => this.spanAt(path);
    this.source = {
      file,
      text,
      value: undefined,
      errors: [],
      rangeAt: (path) => {
        const [start, end] = span(path);
        return toRange(start, end);
      },
      keyRangeAt: (path, key) => {
        const [start, end] = span(path);
        if (text.charCodeAt(start) === OPEN_BRACE) {
          const member = start === this.rootStart ? this.members.get(key) : findMember(text, start, key);
          if (member) return toRange(member.keyStart, member.keyEnd);
        }
        return toRange(start, end);
      },
    };
  }

  /**
   * Reads the top-level object. A member whose value is a list and for which
   * `listSink` returns a sink is read item by item into that sink; the others are
   * parsed whole. Returns the object with the streamed lists left empty, or
   * undefined when the text is no JSON object or anything the whole-file path
   * treats differently (invalid JSON, whose errors YAML locates; a key given twice).
   */
  read(listSink: (key: string) => ItemSink | undefined): Record<string, unknown> | undefined {
    if (readsOtherwiseAsYaml(this.text)) return undefined;
    try {
      return this.readRoot(listSink);
    } catch (err) {
      if (err instanceof NotStreamable) return undefined;
      throw err;
    }
  }

  private readRoot(listSink: (key: string) => ItemSink | undefined): Record<string, unknown> {
    const text = this.text;
    let i = skipSpace(text, 0);
    if (text.charCodeAt(i) !== OPEN_BRACE) throw new NotStreamable();
    this.rootStart = i;
    const skeleton: Record<string, unknown> = {};
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) !== CLOSE_BRACE) {
      for (;;) {
        if (text.charCodeAt(i) !== QUOTE) throw new NotStreamable();
        const keyStart = i;
        const keyEnd = stringEnd(text, i);
        if (keyEnd < 0) throw new NotStreamable();
        const key = parseJson(text.slice(keyStart, keyEnd)) as string;
        // JSON.parse keeps the last of two equal keys where positions find the first;
        // `__proto__` would set the skeleton's prototype: both are left to the whole-file path.
        if (this.members.has(key) || key === "__proto__") throw new NotStreamable();
        i = skipSpace(text, keyEnd);
        if (text.charCodeAt(i) !== COLON) throw new NotStreamable();
        const valueStart = skipSpace(text, i + 1);
        // Known before the items are read: building them may ask for positions inside them.
        const member: Member = { keyStart, keyEnd, valueStart, valueEnd: valueStart };
        this.members.set(key, member);
        const sink = text.charCodeAt(valueStart) === OPEN_BRACKET ? listSink(key) : undefined;
        if (sink) {
          member.valueEnd = this.readItems(key, valueStart, sink);
          skeleton[key] = [];
        } else {
          member.valueEnd = valueEnd(text, valueStart);
          if (member.valueEnd < 0) throw new NotStreamable();
          skeleton[key] = parseJson(text.slice(valueStart, member.valueEnd));
        }
        i = skipSpace(text, member.valueEnd);
        const next = text.charCodeAt(i);
        if (next === CLOSE_BRACE) break;
        if (next !== COMMA) throw new NotStreamable();
        i = skipSpace(text, i + 1);
      }
    }
    this.rootEnd = i + 1;
    if (skipSpace(text, this.rootEnd) !== text.length) throw new NotStreamable();
    return skeleton;
  }

  /**
   * Hands the items of the list at `open` to `sink`; returns the offset past its `]`.
   *
   * An item's end is first guessed: items of one list are mostly written alike, so
   * the text between two items plus the next one's first key (`},{"id":`) is
   * learnt from the first pair and searched for with indexOf, far faster than
   * matching brackets character by character. A guess is only taken when JSON.parse
   * accepts the text up to it as one value, which proves it right (the item starts
   * at a value start, so a cut inside a string or a nested value cannot parse).
   * Wrong guesses fall back to bracket matching; after too many, guessing stops,
   * so a list costs at most a few passes over its text.
   */
  private readItems(key: string, open: number, sink: ItemSink): number {
    const text = this.text;
    const starts: number[] = [];
    this.itemStarts.set(key, starts);
    let i = skipSpace(text, open + 1);
    if (text.charCodeAt(i) === CLOSE_BRACKET) return i + 1;
    let separator: string | undefined;
    /** The next occurrence of `separator` from the last search: still the next one for any item starting before it. */
    let separatorAt = -1;
    /** A separator that no longer occurs: learning it again would search the rest of the text again. */
    let exhausted: string | undefined;
    let misses = 0;
    let learnt = 0;
    for (let index = 0; ; index++) {
      const start = i;
      const first = text.charCodeAt(start);
      if (first === CLOSE_BRACKET || first === COMMA) throw new NotStreamable(); // `[1,]`, `[,1]`
      let item: unknown;
      let end = -1;
      if (separator !== undefined && first === OPEN_BRACE) {
        if (separatorAt < start) separatorAt = text.indexOf(separator, start);
        if (separatorAt < 0) {
          exhausted = separator;
          separator = undefined;
        } else {
          try {
            item = JSON.parse(text.slice(start, separatorAt + 1));
            end = separatorAt + 1;
          } catch {
            misses++;
          }
        }
      }
      const guessed = end >= 0;
      if (!guessed) {
        end = valueEnd(text, start);
        if (end < 0) throw new NotStreamable();
        item = parseJson(text.slice(start, end));
      }
      starts.push(start);
      sink(item, index);
      i = skipSpace(text, end);
      const next = text.charCodeAt(i);
      if (next === CLOSE_BRACKET) return i + 1;
      if (next !== COMMA) throw new NotStreamable();
      i = skipSpace(text, i + 1);
      if (!guessed && misses <= 8 + index / 8 && learnt < 8) {
        const learn = separatorBetween(text, end, i);
        if (learn !== undefined && learn !== separator && learn !== exhausted) {
          separator = learn;
          separatorAt = -1;
          learnt++;
        }
      } else if (misses > 8 + index / 8) separator = undefined;
    }
  }

  /** Span of the deepest node along the path, as `parseYamlSource`'s `rangeAt` finds it. */
  private spanAt(path: readonly PathPart[]): [number, number] {
    const text = this.text;
    let span: [number, number] = [this.rootStart, this.rootEnd];
    const key = path[0];
    const member = typeof key === "string" ? this.members.get(key) : undefined;
    if (!member) return span;
    span = [member.valueStart, member.valueEnd];
    let depth = 1;
    const starts = this.itemStarts.get(key as string);
    if (starts && path.length > 1) {
      const index = path[1];
      if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= starts.length) return span;
      span = [starts[index], valueEnd(text, starts[index])];
      depth = 2;
    }
    for (; depth < path.length; depth++) {
      const part = path[depth];
      const open = text.charCodeAt(span[0]);
      let child: [number, number] | undefined;
      if (open === OPEN_BRACE && typeof part === "string") {
        const m = findMember(text, span[0], part);
        child = m && [m.valueStart, m.valueEnd];
      } else if (open === OPEN_BRACKET && typeof part === "number" && Number.isInteger(part) && part >= 0) {
        child = findElement(text, span[0], part);
      }
      if (!child) break;
      span = child;
    }
    return span;
  }
}

/**
 * Whether YAML reads the text's layout otherwise than JSON: a lone carriage return
 * is no line break to YAML but part of the next value, and NEL, LS and PS (only
 * possible inside JSON strings) are folded in keys. The whole-file path takes its
 * positions from the YAML document, so such a file is left to it to keep its results.
 */
function readsOtherwiseAsYaml(text: string): boolean {
  // indexOf first: a few milliseconds on 40 MB, where the regular expression alone takes fifty.
  if (text.indexOf("\u0085") >= 0 || text.indexOf("\u2028") >= 0 || text.indexOf("\u2029") >= 0) return true;
  return text.indexOf("\r") >= 0 && /\r(?!\n)/.test(text);
}

/**
 * What separates two items written alike, through the second one's first key:
 * `},{"id":` for minified JSON, `},\n    {\n      "id":` for pretty-printed.
 */
function separatorBetween(text: string, previousEnd: number, next: number): string | undefined {
  if (text.charCodeAt(previousEnd - 1) !== CLOSE_BRACE || text.charCodeAt(next) !== OPEN_BRACE) return undefined;
  const keyStart = skipSpace(text, next + 1);
  if (text.charCodeAt(keyStart) !== QUOTE) return undefined;
  const keyEnd = stringEnd(text, keyStart);
  if (keyEnd < 0) return undefined;
  const colon = skipSpace(text, keyEnd);
  return text.charCodeAt(colon) === COLON ? text.slice(previousEnd - 1, colon + 1) : undefined;
}
