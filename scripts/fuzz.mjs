// `npm run fuzz -- --runs 1000000 [--seed N] [--only NAME] [--max-seconds S]`:
// the long fuzz run (bench/fuzz.ts) over the properties the short run in `npm test` uses.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const r = spawnSync(process.execPath, ["--import", "tsx", "--max-old-space-size=4096", join(root, "bench/fuzz.ts"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(r.status ?? 1);
