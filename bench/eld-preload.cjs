// Preloaded into the language server by the benchmark (node --require): records
// the event loop's longest stall so we can see the longest synchronous slice.
// Writes {maxMs, p99Ms, count, gcMaxMs, gcKind, gcOver50} to $CLIO_ELD_OUT every
// 250 ms and at exit: the longest garbage-collection pause tells whether a long
// stall was our code or the collector.
const { monitorEventLoopDelay, PerformanceObserver, constants } = require("node:perf_hooks");
const { writeFileSync } = require("node:fs");
const out = process.env.CLIO_ELD_OUT;
const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
const gc = { maxMs: 0, kind: "", over50: 0 };
const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major (mark-compact)",
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor (scavenge)",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental marking",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.duration > 50) gc.over50++;
    if (e.duration > gc.maxMs) {
      gc.maxMs = e.duration;
      gc.kind = GC_KINDS[e.detail?.kind] ?? String(e.detail?.kind);
    }
  }
}).observe({ entryTypes: ["gc"] });
function flush() {
  if (!out) return;
  try {
    writeFileSync(out, JSON.stringify({ maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, count: h.count, gcMaxMs: gc.maxMs, gcKind: gc.kind, gcOver50: gc.over50 }));
  } catch {}
}
setInterval(flush, 250).unref();
process.on("exit", flush);
// The benchmark resets the histogram between phases by touching $CLIO_ELD_OUT.reset.
const { watchFile, existsSync, unlinkSync } = require("node:fs");
if (out) {
  watchFile(out + ".reset", { interval: 50 }, () => {
    if (existsSync(out + ".reset")) {
      h.reset();
      Object.assign(gc, { maxMs: 0, kind: "", over50: 0 });
      try { unlinkSync(out + ".reset"); } catch {}
      flush();
    }
  });
  // watchFile keeps the loop alive; let the server exit normally.
  process.on("beforeExit", () => require("node:fs").unwatchFile(out + ".reset"));
}
