// Multi-pattern matcher over normalised word tokens: an Aho–Corasick automaton
// whose alphabet is words, so every name of the fact base is found in one pass
// over a sentence (linear in its length plus the matches), on word boundaries.
import { tokenize, type Token } from "../checks/util.js";
import { normalizeWord } from "../facts/normalize.js";

// findAll reads the words itself rather than through `tokenize` (perf, issue 7:
// a regex exec and a Token object per word made tokenising most of prose mode's
// name matching). The words and their normal forms are exactly tokenize's —
// test/unit/matcher.test.ts compares the two on random text.

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const LETTER_MARK_OR_NUMBER = /^[\p{L}\p{M}\p{N}]$/u;

/** Whether a code point can start a word (`[\p{L}\p{N}]`). */
function startsWord(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

/** Whether a code point can continue a word (`[\p{L}\p{M}\p{N}]`). */
function continuesWord(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  return LETTER_MARK_OR_NUMBER.test(String.fromCodePoint(cp));
}

/** End of the word starting at `at` (a code point that starts one), as `tokenize`'s TOKEN regex reads it. */
function wordEnd(text: string, at: number): number {
  let j = at + (text.codePointAt(at)! > 0xffff ? 2 : 1);
  while (j < text.length) {
    const cp = text.codePointAt(j)!;
    if (!continuesWord(cp)) break;
    j += cp > 0xffff ? 2 : 1;
  }
  return j;
}

/** The normal form of a word, as `tokenize` gives it: an ASCII word (letters and digits only) just lower-cased. */
function normWord(word: string, ascii: boolean): string {
  return ascii ? word.toLowerCase() : normalizeWord(word);
}

interface Node<T> {
  next: Map<string, Node<T>>;
  fail: Node<T> | undefined;
  /** Pattern ending exactly here (length in tokens and payload). */
  output?: { length: number; value: T };
  /** Nearest node on the failure chain that has an output (dictionary suffix link). */
  dict: Node<T> | undefined;
}

export interface Match<T> {
  /** Offsets in the scanned text (end exclusive). */
  start: number;
  end: number;
  /** Index range of the matched tokens. */
  firstToken: number;
  lastToken: number;
  value: T;
}

export class TokenMatcher<T> {
  private readonly root: Node<T> = { next: new Map(), fail: undefined, dict: undefined };
  private built = false;
  size = 0;

  /** Adds a pattern given as text (tokenised and normalised like the scanned text). Empty patterns are ignored. */
  add(pattern: string, value: T): void {
    this.addTokens(
      tokenize(pattern).map((t) => t.norm),
      value,
    );
  }

  addTokens(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const tok of tokens) {
      let child = node.next.get(tok);
      if (!child) {
        child = { next: new Map(), fail: undefined, dict: undefined };
        node.next.set(tok, child);
      }
      node = child;
    }
    if (!node.output) this.size++;
    node.output = { length: tokens.length, value };
    this.built = false;
  }

  /** Existing payload for a pattern, to merge values of patterns that normalise alike. */
  get(pattern: string): T | undefined {
    let node: Node<T> | undefined = this.root;
    for (const t of tokenize(pattern)) {
      node = node.next.get(t.norm);
      if (!node) return undefined;
    }
    return node.output?.value;
  }

  private build(): void {
    const queue: Node<T>[] = [];
    for (const child of this.root.next.values()) {
      child.fail = this.root;
      child.dict = undefined;
      queue.push(child);
    }
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i];
      for (const [tok, child] of node.next) {
        let f = node.fail;
        while (f && !f.next.has(tok)) f = f.fail;
        child.fail = f ? f.next.get(tok)! : this.root;
        if (child.fail === child) child.fail = this.root;
        child.dict = child.fail.output ? child.fail : child.fail.dict;
        queue.push(child);
      }
    }
    this.built = true;
  }

  /** The automaton's state after reading token `tok` in state `node`. */
  private step(node: Node<T>, tok: string): Node<T> {
    let next = node.next.get(tok);
    while (next === undefined && node !== this.root) {
      node = node.fail ?? this.root;
      next = node.next.get(tok);
    }
    return next ?? this.root;
  }

  /** Every match (overlapping ones included) over pre-tokenised text. */
  matchTokens(tokens: readonly Token[]): Match<T>[] {
    if (!this.built) this.build();
    const out: Match<T>[] = [];
    let node = this.root;
    for (let i = 0; i < tokens.length; i++) {
      node = this.step(node, tokens[i].norm);
      for (let n: Node<T> | undefined = node.output ? node : node.dict; n; n = n.dict) {
        const { length, value } = n.output!;
        const first = i - length + 1;
        out.push({ start: tokens[first].start, end: tokens[i].end, firstToken: first, lastToken: i, value });
      }
    }
    return out;
  }

  /** Leftmost-longest, non-overlapping matches in the text: `matchTokens(tokenize(text, offset))`, without the Token objects. */
  findAll(text: string, offset = 0): Match<T>[] {
    if (!this.built) this.build();
    const found: Match<T>[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let node = this.root;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      if (!startsWord(cp)) {
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      const end = wordEnd(text, i);
      let ascii = true;
      for (let k = i; k < end && ascii; k++) ascii = text.charCodeAt(k) < 128;
      const index = starts.length;
      starts.push(offset + i);
      ends.push(offset + end);
      node = this.step(node, normWord(text.slice(i, end), ascii));
      for (let n: Node<T> | undefined = node.output ? node : node.dict; n; n = n.dict) {
        const { length, value } = n.output!;
        const first = index - length + 1;
        found.push({ start: starts[first], end: ends[index], firstToken: first, lastToken: index, value });
      }
      i = end;
    }
    return longestNonOverlapping(found);
  }
}

/** Keeps the leftmost match, preferring the longest among those starting at the same token; drops overlaps. */
export function longestNonOverlapping<T>(matches: Match<T>[]): Match<T>[] {
  matches.sort((a, b) => a.firstToken - b.firstToken || b.lastToken - a.lastToken);
  const out: Match<T>[] = [];
  let nextFree = 0;
  for (const m of matches) {
    if (m.firstToken < nextFree) continue;
    out.push(m);
    nextFree = m.lastToken + 1;
  }
  return out;
}
