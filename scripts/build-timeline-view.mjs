// Bundles the timeline front end (webview/timeline/main.ts) for the browser:
// dist/timeline-view.js, loaded by the VS Code webview and inlined by `clio timeline`.
// Run on its own or imported by scripts/build.mjs.
import { build } from "esbuild";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildTimelineView({ production = false, write = true } = {}) {
  const result = await build({
    entryPoints: [join(root, "webview/timeline/main.ts")],
    outfile: join(root, "dist/timeline-view.js"),
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2020",
    minify: production,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
    write,
  });
  return write ? undefined : result.outputFiles[0].text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildTimelineView({ production: process.argv.includes("--production") });
}
