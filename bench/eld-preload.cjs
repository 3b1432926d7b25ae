// Preloaded into the language server by the benchmark (node --require): records
// the event loop's longest stall so we can see the longest synchronous slice.
// Writes {maxMs, p99Ms, count} to $CLIO_ELD_OUT every 250 ms and at exit.
const { monitorEventLoopDelay } = require("node:perf_hooks");
const { writeFileSync } = require("node:fs");
const out = process.env.CLIO_ELD_OUT;
const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
function flush() {
  if (!out) return;
  try {
    writeFileSync(out, JSON.stringify({ maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, count: h.count }));
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
      try { unlinkSync(out + ".reset"); } catch {}
      flush();
    }
  });
  // watchFile keeps the loop alive; let the server exit normally.
  process.on("beforeExit", () => require("node:fs").unwatchFile(out + ".reset"));
}
