// Role titles: the words right before a link ("Premier [[Zhou Enlai]]",
// "Chairman of the Council of Ministers [[Bulganin]]") matched against every
// title name and alias of the fact base — longest match at the end of the
// text, on word boundaries, ignoring case and diacritics.
import type { Entity, FactIndex, Span } from "../types.js";
import { isSpaceCode, lastAsciiToken, resolve, tailTokens, tokenKey, type Token } from "./util.js";

interface TitleTable {
  /** Normalised token key of a title name/alias → title id. */
  byKey: Map<string, string>;
  /** Longest title in tokens (bounds the suffix search). */
  maxTokens: number;
  /** Every word-boundary suffix of a key ("ministers", "of ministers", …): a text can end in a title only if its last word is one. */
  endings: Set<string>;
}

const tables = new WeakMap<FactIndex, TitleTable>();

function titleTable(facts: FactIndex): TitleTable {
  let table = tables.get(facts);
  if (table) return table;
  const byKey = new Map<string, string>();
  let maxTokens = 0;
  const add = (name: string, id: string) => {
    const key = tokenKey(name);
    if (!key) return;
    if (!byKey.has(key)) byKey.set(key, id);
    maxTokens = Math.max(maxTokens, key.split(" ").length);
  };
  for (const [name, id] of facts.allTitleNames()) add(name, id);
  for (const t of facts.titles.values()) {
    add(t.name, t.id);
    for (const a of t.aliases) add(a, t.id);
  }
  const endings = new Set<string>();
  for (const key of byKey.keys()) {
    endings.add(key);
    for (let i = key.indexOf(" "); i >= 0; i = key.indexOf(" ", i + 1)) endings.add(key.slice(i + 1));
  }
  table = { byKey, maxTokens, endings };
  tables.set(facts, table);
  return table;
}

const POLITY_TYPES = new Set(["state", "party", "organisation"]);
const adjectiveTables = new WeakMap<FactIndex, Map<string, Entity[]>>();

/**
 * States, parties and organisations a capitalised word before a title points
 * at: a name form equal to the word ("Albania"), or whose first word it is
 * ("Soviet" → Soviet Union, "Chinese" → Chinese People's Republic).
 */
function polities(facts: FactIndex, word: string): Entity[] {
  let table = adjectiveTables.get(facts);
  if (!table) {
    table = new Map();
    for (const [name, ids] of facts.allNames()) {
      const tokens = tokenKey(name).split(" ");
      if (!tokens[0]) continue;
      for (const id of ids) {
        const e = facts.entities.get(id);
        if (!e || !POLITY_TYPES.has(e.type)) continue;
        const list = table.get(tokens[0]) ?? [];
        if (!list.includes(e)) list.push(e);
        table.set(tokens[0], list);
      }
    }
    adjectiveTables.set(facts, table);
  }
  const direct = resolve(facts, word).filter((e) => POLITY_TYPES.has(e.type));
  return direct.length ? direct : table.get(word) ?? [];
}

export interface TitleMatch {
  titleId: string;
  /** The title words as written. */
  text: string;
  span: Span;
  /** States/parties an adjective or name right before the title narrows to ("Soviet Premier"); empty when none. */
  of: Entity[];
  /** A qualifier that makes the title not a claim about the date: "former", "future", "late", "ex-". */
  qualified: boolean;
}

// Words that say the title was held at another time than the claim's.
const NOT_NOW = new Set(["former", "future", "late", "later", "ex", "onetime", "sometime", "then-future", "erstwhile", "retired", "deposed", "disgraced", "posthumous"]);

/**
 * The title at the end of `text` (the link's `before` text), if any. `offset` is
 * where `text` starts in the document, so the match span is in document offsets.
 */
export function matchTitleBefore(facts: FactIndex, text: string, offset: number): TitleMatch | undefined {
  const table = titleTable(facts);
  if (table.byKey.size === 0) return undefined;
  // Most links have no title before them: reject on the last word before tokenising.
  const last = lastAsciiToken(text);
  if (last !== undefined && !table.endings.has(last)) return undefined;
  // A title must end the text: only whitespace (or a comma-free gap) may stand between it and the link.
  if (!endsInWordGap(text)) return undefined;
  // The title's words plus the two before it (for "Soviet", "former Soviet").
  const tokens: Token[] = tailTokens(text, table.maxTokens + 2, offset);
  const n = tokens.length;
  if (n === 0 || !table.endings.has(tokens[n - 1].norm)) return undefined;
  // Keys of the last 1, 2, … tokens; tried longest first.
  const keys: string[] = [];
  let key = "";
  for (let k = 1; k <= Math.min(table.maxTokens, n); k++) {
    key = k === 1 ? tokens[n - 1].norm : `${tokens[n - k].norm} ${key}`;
    keys.push(key);
  }
  for (let k = keys.length; k >= 1; k--) {
    const titleId = table.byKey.get(keys[k - 1]);
    if (!titleId) continue;
    const first = n - k;
    const span = { start: tokens[first].start, end: tokens[n - 1].end };
    const prev = tokens[first - 1];
    const prev2 = tokens[first - 2];
    const of = prev && /^\p{Lu}/u.test(text.slice(prev.start - offset, prev.end - offset)) ? polities(facts, prev.norm) : [];
    const qualified =
      (prev !== undefined && NOT_NOW.has(prev.norm)) ||
      (of.length > 0 && prev2 !== undefined && NOT_NOW.has(prev2.norm)) ||
      // "ex-" then spaces at the end of the text before the title (trimEnd strips exactly `\s`).
      /\bex-$/i.test(text.slice(0, span.start - offset).trimEnd().slice(-4));
    return { titleId, text: text.slice(span.start - offset, span.end - offset), span, of, qualified };
  }
  return undefined;
}

const GAP_CHAR = /^[\p{L}\p{N}'’.-]$/u;

/**
 * Whether the last non-space character of `text` is a letter, digit, apostrophe,
 * full stop or hyphen (or there is none): the complement of
 * `/[^\s\p{L}\p{N}'’.-]\s*$/u`, without its scan from every position.
 */
function endsInWordGap(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === 0x27 || c === 0x2e || c === 0x2d;
  // A low surrogate after a high one is the end of one code point.
  const start = c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff ? i - 1 : i;
  return GAP_CHAR.test(text.slice(start, i + 1));
}
