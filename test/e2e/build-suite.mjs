// Bundles the in-host suite (test/vscode-suite/*.ts) to CommonJS for the
// extension host: out/vscode-suite/index.cjs + one *.test.cjs per test file.
// `vscode` and `mocha` stay external (the host provides vscode; mocha resolves
// from the repository's node_modules).
import { build } from "esbuild";
import { readdirSync, rmSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const src = join(root, "test/vscode-suite");
export const outDir = join(root, "out/vscode-suite");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = readdirSync(src).filter((f) => f.endsWith(".ts"));
await Promise.all(
  files.map((f) =>
    build({
      entryPoints: [join(src, f)],
      outfile: join(outDir, f.replace(/\.test\.ts$/, ".test.cjs").replace(/\.ts$/, ".cjs")),
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node18",
      external: ["vscode", "mocha"],
      sourcemap: "inline",
      logLevel: "warning",
    }),
  ),
);
console.log(`bundled ${files.length} suite files to ${outDir}`);
