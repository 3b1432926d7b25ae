// Multi-pattern matcher over normalised word tokens: an Aho–Corasick automaton
// whose alphabet is words, so every name of the fact base is found in one pass
// over a sentence (linear in its length plus the matches), on word boundaries.
import { tokenize, type Token } from "../checks/util.js";

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

  /** Every match (overlapping ones included) over pre-tokenised text. */
  matchTokens(tokens: readonly Token[]): Match<T>[] {
    if (!this.built) this.build();
    const out: Match<T>[] = [];
    let node = this.root;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i].norm;
      while (node !== this.root && !node.next.has(tok)) node = node.fail ?? this.root;
      node = node.next.get(tok) ?? this.root;
      for (let n: Node<T> | undefined = node.output ? node : node.dict; n; n = n.dict) {
        const { length, value } = n.output!;
        const first = i - length + 1;
        out.push({ start: tokens[first].start, end: tokens[i].end, firstToken: first, lastToken: i, value });
      }
    }
    return out;
  }

  /** Leftmost-longest, non-overlapping matches in the text. */
  findAll(text: string, offset = 0): Match<T>[] {
    return longestNonOverlapping(this.matchTokens(tokenize(text, offset)));
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
