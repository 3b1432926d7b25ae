// Bundles the extension client, the language server and the CLI with esbuild,
// and compiles the bundled YAML fact files into one JSON file the runtime loads fast.
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
mkdirSync(dist, { recursive: true });
const production = process.argv.includes("--production");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
  legalComments: "none",
};

const entries = [
  // The extension entry stays small for fast activation; it requires the language
  // client bundle (vscode-languageclient, ~40 ms to load) once activate() has returned.
  { in: "client/src/extension.ts", out: "extension.cjs", external: ["vscode", "./lsp-client.cjs"] },
  { in: "client/src/language-client.ts", out: "lsp-client.cjs", external: ["vscode"] },
  { in: "server/src/lsp/server.ts", out: "server.cjs", external: [] },
  { in: "server/src/cli/main.ts", out: "cli.cjs", external: [] },
];
await Promise.all(
  entries
    .filter((e) => existsSync(join(root, e.in)))
    .map((e) =>
      build({ ...common, entryPoints: [join(root, e.in)], outfile: join(dist, e.out), external: e.external }),
    ),
);

// Bundled fact base: every YAML file under server/data/facts, in name order, merged by the loader at runtime.
const factDir = join(root, "server/data/facts");
const files = existsSync(factDir) ? readdirSync(factDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
// Each file keeps its YAML text (for positions: go to definition, problems) and its
// parsed data, so start-up does not run the YAML parser over the whole base.
const bundle = files.map((f) => {
  const text = readFileSync(join(factDir, f), "utf8");
  return { file: `server/data/facts/${f}`, text, data: YAML.parse(text) };
});
writeFileSync(join(dist, "facts.json"), JSON.stringify(bundle));

// The timeline front end (browser IIFE) for the webview and `clio timeline`: dist/timeline-view.js.
const { buildTimelineView } = await import("./build-timeline-view.mjs");
await buildTimelineView({ production });
