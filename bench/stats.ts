// Small statistics helpers for the benchmark report.
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
export const median = (values: readonly number[]) => percentile(values, 50);

/** Times `fn` `runs` times after `warmup` untimed runs; returns every sample in ms. */
export function timeSync(fn: () => unknown, runs: number, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(digits);
}

/**
 * Growth verdict: per-item time at each size; "NOT LINEAR" when the per-item time at
 * the largest size exceeds `limit` × that at the smallest.
 */
export function growth(sizes: number[], totalsMs: number[], limit = 3): { perItemUs: number[]; ratio: number; verdict: string } {
  const perItemUs = totalsMs.map((t, i) => (t * 1000) / sizes[i]);
  const ratio = perItemUs[perItemUs.length - 1] / perItemUs[0];
  return { perItemUs, ratio, verdict: ratio > limit ? "NOT LINEAR" : "linear" };
}
