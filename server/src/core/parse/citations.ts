// Pandoc citations: `[see @a, p. 3; -@b, chap. 2]`, in-text `@key` and
// `@key [p. 33]`. Spans here are offsets into the string being scanned (one
// block); the assembler shifts them and adds line/character ranges.
import type { Locator, LocatorLabel, Span } from "../types.js";

export interface RawCitationItem {
  key: string;
  keySpan: Span;
  span: Span;
  prefix?: string;
  locator?: Locator;
  suffix?: string;
  suppressAuthor?: boolean;
}

export interface RawCitation {
  span: Span;
  items: RawCitationItem[];
  inText: boolean;
}

const WORD = /[\p{L}\p{N}_]/u;
/** Punctuation Pandoc allows inside a key when a word character follows it. */
const KEY_INNER = new Set([":", ".", "#", "$", "%", "&", "-", "+", "?", "<", ">", "~", "/"]);

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  // ASCII without the Unicode regex: keys are read character by character (perf, issue 7).
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
  return WORD.test(ch);
}

/** The citation key starting at `at` (just after `@`): its span and text, or undefined. */
export function readKey(s: string, at: number, limit = s.length): { key: string; keySpan: Span; end: number } | undefined {
  if (s[at] === "{") {
    // Braced keys may hold any character but braces: `@{Smith, 2000}`.
    let j = at + 1;
    while (j < limit && s[j] !== "}" && s[j] !== "{" && s[j] !== "\n" && s[j] !== "\r") j++;
    if (j >= limit || s[j] !== "}" || j === at + 1) return undefined;
    return { key: s.slice(at + 1, j), keySpan: { start: at + 1, end: j }, end: j + 1 };
  }
  if (!isWordChar(s[at])) return undefined;
  let j = at + 1;
  while (j < limit) {
    const ch = s[j];
    if (isWordChar(ch)) j++;
    else if (KEY_INNER.has(ch) && j + 1 < limit && isWordChar(s[j + 1])) j += 2;
    else break;
  }
  return { key: s.slice(at, j), keySpan: { start: at, end: j }, end: j };
}

// Locator terms, longest first so `pp.` wins over `p.`.
const LABELS: Array<[string, LocatorLabel]> = [
  ["paragraphs", "paragraph"], ["paragraph", "paragraph"], ["chapters", "chapter"], ["chapter", "chapter"],
  ["sections", "section"], ["section", "section"], ["pages", "page"], ["page", "page"], ["notes", "note"],
  ["note", "note"], ["chaps.", "chapter"], ["chap.", "chapter"], ["paras.", "paragraph"], ["para.", "paragraph"],
  ["secs.", "section"], ["sec.", "section"], ["vols.", "other"], ["vol.", "other"], ["fols.", "other"],
  ["fol.", "other"], ["nn.", "note"], ["n.", "note"], ["pp.", "page"], ["p.", "page"], ["ch.", "chapter"],
  ["§§", "section"], ["§", "section"], ["¶", "paragraph"],
];

const NUMBER = String.raw`(?:\d+[a-z]?|[ivxlcdm]+|[IVXLCDM]+)(?:ff?\.?)?`;
const RANGE = String.raw`${NUMBER}(?:\s*[-–—]\s*${NUMBER})?`;
/** A locator value: numbers or ranges separated by commas or `and`. Anchored, no nested ambiguity. */
const LOCATOR_VALUE = new RegExp(String.raw`^${RANGE}(?:\s*(?:,|&|and)\s*${RANGE})*`);

/** Numeric page ranges of a locator value; `112–14` reads as 112–114, as in Chicago style. */
function pageRanges(value: string): Array<[number, number]> | undefined {
  const ranges: Array<[number, number]> = [];
  for (const part of value.split(/\s*(?:,|&|\band\b)\s*/)) {
    const m = /^(\d+)[a-z]?(?:ff?\.?)?(?:\s*[-–—]\s*(\d+)[a-z]?)?$/.exec(part.trim());
    if (!m) continue;
    const first = Number(m[1]);
    let last = m[2] === undefined ? first : Number(m[2]);
    if (m[2] !== undefined && last < first && m[2].length < m[1].length) {
      last = Number(m[1].slice(0, m[1].length - m[2].length) + m[2]);
    }
    ranges.push([first, last]);
  }
  return ranges.length ? ranges : undefined;
}

type LocatorAndSuffix = { locator?: Locator; suffix?: string };

// Papers cite the same few hundred locators again and again ("p. 41"); each is
// read once (perf, issue 7). Callers get their own copy, free to change.
const locatorMemo = new Map<string, LocatorAndSuffix>();
const LOCATOR_MEMO_LIMIT = 10000;

/** Splits what follows a key into locator and suffix: `, pp. 12–14 and passim`. */
export function parseLocatorAndSuffix(rest: string): LocatorAndSuffix {
  let result = locatorMemo.get(rest);
  if (!result) {
    result = readLocatorAndSuffix(rest);
    if (locatorMemo.size >= LOCATOR_MEMO_LIMIT) locatorMemo.clear();
    locatorMemo.set(rest, result);
  }
  const copy: LocatorAndSuffix = {};
  if (result.locator) {
    copy.locator = { ...result.locator };
    if (result.locator.pages) copy.locator.pages = result.locator.pages.map((p) => [p[0], p[1]]);
  }
  if (result.suffix !== undefined) copy.suffix = result.suffix;
  return copy;
}

function readLocatorAndSuffix(rest: string): LocatorAndSuffix {
  let text = rest.replace(/^\s*,?\s*/, "");
  if (text === "") return {};
  let label: LocatorLabel | undefined;
  const lower = text.toLowerCase();
  for (const [term, kind] of LABELS) {
    // A word label needs a boundary after it (`page 3`, not `pages` read as `page`); `§4` and `p.4` need none.
    const wordLabel = isWordChar(term[term.length - 1]);
    if (lower.startsWith(term) && !(wordLabel && isWordChar(text[term.length]))) {
      label = kind;
      text = text.slice(term.length).replace(/^\s+/, "");
      break;
    }
  }
  const m = LOCATOR_VALUE.exec(text);
  // Without a label Pandoc reads a leading number as a page.
  if (m && (label || /^\d/.test(text))) {
    const value = m[0];
    const locator: Locator = { label: label ?? "page", value };
    if (locator.label === "page") {
      const pages = pageRanges(value);
      if (pages) locator.pages = pages;
    }
    const suffix = text.slice(value.length).replace(/^\s*,?\s*/, "").trimEnd();
    return suffix ? { locator, suffix } : { locator };
  }
  const suffix = rest.trim().replace(/^,\s*/, "");
  return suffix ? { suffix } : {};
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

/** One `;`-separated part of a bracketed citation, `from`..`to` in s. */
function parseItem(s: string, from: number, to: number): RawCitationItem | undefined {
  for (let at = from; at < to; at++) {
    if (s[at] !== "@") continue;
    const dash = s[at - 1] === "-" && at - 1 >= from;
    const before = dash ? at - 1 : at;
    // The key's `@` starts the part or follows a space (so `a@b.com` is not a key).
    if (before > from && !isSpace(s[before - 1])) continue;
    const key = readKey(s, at + 1, to);
    if (!key || isCrossReference(key.key)) continue;
    let start = from;
    while (start < before && isSpace(s[start])) start++;
    let end = to;
    while (end > key.end && isSpace(s[end - 1])) end--;
    const prefix = s.slice(start, before).trim();
    const item: RawCitationItem = { key: key.key, keySpan: key.keySpan, span: { start, end } };
    if (prefix) item.prefix = prefix;
    const { locator, suffix } = parseLocatorAndSuffix(s.slice(key.end, to));
    if (locator) item.locator = locator;
    if (suffix) item.suffix = suffix;
    if (dash) item.suppressAuthor = true;
    return item;
  }
  return undefined;
}

/**
 * Cross-references share the citation syntax: Quarto's `@fig-map`, `@sec-intro`
 * and pandoc-crossref's `@fig:map`. They are not citations.
 */
const CROSS_REFERENCE = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|nte|tip|wrn|imp|cau)[-:]/;

export function isCrossReference(key: string): boolean {
  return CROSS_REFERENCE.test(key);
}

/** `[ … ]` from `open` to `close` (the brackets' offsets) as a citation, if every part has a key. */
export function parseBracketCitation(s: string, open: number, close: number): RawCitation | undefined {
  const items: RawCitationItem[] = [];
  let partStart = open + 1;
  for (let i = open + 1; i <= close; i++) {
    if (i === close || s[i] === ";") {
      const item = parseItem(s, partStart, i);
      if (!item) return undefined;
      items.push(item);
      partStart = i + 1;
    }
  }
  return items.length ? { span: { start: open, end: close + 1 }, items, inText: false } : undefined;
}

/** Characters after which `@` may start an in-text citation (not after a word character, so not an e-mail). */
export function canStartInText(prev: string | undefined): boolean {
  return prev === undefined || isSpace(prev) || "([{\"'“‘«—–".includes(prev);
}

/** `@key` or `@key [p. 33]` at `at` (the `@`), within s up to `limit`. */
export function parseInTextCitation(s: string, at: number, limit = s.length): RawCitation | undefined {
  const key = readKey(s, at + 1, limit);
  if (!key || isCrossReference(key.key)) return undefined;
  const item: RawCitationItem = { key: key.key, keySpan: key.keySpan, span: { start: at, end: key.end } };
  let end = key.end;
  let k = key.end;
  if (s[k] === " ") k++;
  if (s[k] === "[" && s[k + 1] !== "[") {
    let j = k + 1;
    while (j < limit && s[j] !== "]" && s[j] !== "[" && s[j] !== "@") j++;
    if (j < limit && s[j] === "]") {
      const { locator, suffix } = parseLocatorAndSuffix(s.slice(k + 1, j));
      if (locator) item.locator = locator;
      if (suffix) item.suffix = suffix;
      end = j + 1;
      item.span = { start: at, end };
    }
  }
  return { span: { start: at, end }, items: [item], inText: true };
}
