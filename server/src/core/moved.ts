// When an edit moves a paragraph without changing it, its claims are copied with
// new positions (parse/index.ts, paragraph-results.ts). Answers that do not depend
// on position — which events a claim asserts — are remembered by the claim first
// parsed, so every later copy finds them.
const firstOf = new WeakMap<object, object>();

/** Records that `copy` is `from` at another place. */
export function recordMove<T extends object>(copy: T, from: T): void {
  // Always the first object, never a chain: a chain would keep every old version alive.
  firstOf.set(copy, firstOf.get(from) ?? from);
}

/** The object first parsed for this one (itself when it never moved). */
export function firstVersion<T extends object>(x: T): T {
  return (firstOf.get(x) as T | undefined) ?? x;
}
