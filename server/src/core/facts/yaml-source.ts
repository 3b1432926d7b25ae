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

export function parseYamlSource(file: string, text: string, preparsed?: unknown): SourceFile {
  // Positions from our own line table (LSP lines: \n, \r\n or a lone \r): the YAML
  // LineCounter misses newlines inside some broken tokens, which put ranges outside
  // the file (found by the fuzzer, issue 7).
  let starts: number[] | undefined;
  const toRange = (start: number, end: number): Range => {
    starts ??= lineStarts(text);
    // An offset between \r and \n is no LSP position: move it before the line break.
    const clamp = (o: number) => {
      const c = Math.max(0, Math.min(o, text.length));
      return c > 0 && text.charCodeAt(c) === 10 && text.charCodeAt(c - 1) === 13 ? c - 1 : c;
    };
    const a = clamp(start);
    return rangeOf(starts, { start: a, end: Math.max(a, clamp(end)) });
  };
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
