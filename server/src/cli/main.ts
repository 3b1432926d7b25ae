// The `clio` command: dispatches to one file per subcommand. Built into
// dist/cli.cjs; bin/clio.mjs runs it.
import * as path from "node:path";
import { runCheck } from "./check.js";
import { runFacts } from "./facts.js";
import { runTimeline } from "./timeline.js";
import { runExport } from "./export.js";
import { findPackageRoot, readTextFile } from "../node/host.js";

const USAGE = `usage: clio COMMAND [options]

commands:
  check [PATHS…]     check papers, fact files and bibliographies (--format pretty|json, --fix, --exit-zero)
  facts COMMAND      inspect and extend the fact base (stats, audit, validate, import-wikidata, export-csl)
  timeline [PATHS…]  the claims of papers as a timeline
  export PAPER       the paper as plain Pandoc Markdown

  clio COMMAND --help   options of a command
  clio --version        the version`;

function version(): string {
  const root = findPackageRoot();
  const text = root ? readTextFile(path.join(root, "package.json")) : undefined;
  try {
    return text ? String((JSON.parse(text) as { version?: string }).version ?? "unknown") : "unknown";
  } catch {
    return "unknown";
  }
}

export async function runCli(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case "check":
      return runCheck(rest);
    case "facts":
      return runFacts(rest);
    case "timeline":
      return runTimeline(rest);
    case "export":
      return runExport(rest);
    case "-h":
    case "--help":
    case "help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case "-v":
    case "--version":
      process.stdout.write(`${version()}\n`);
      return 0;
    case undefined:
      process.stderr.write(`${USAGE}\n`);
      return 2;
    default:
      process.stderr.write(`clio: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

// Output piped into `head` and the like: a closed pipe ends the run quietly, not with a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`clio: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
