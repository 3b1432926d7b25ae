// `clio export paper.md [-o out.md] [--keep-dates]`: the paper as clean Pandoc
// Markdown (date tags and entity-link brackets gone, citations as written).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCommandArgs, usageError } from "./args.js";
import { parseDocument } from "../core/parse/index.js";
import { exportPandoc } from "../core/export/pandoc.js";

const USAGE = `usage: clio export PAPER [-o out.md] [--keep-dates]
  -o FILE       write there (default: standard output)
  --keep-dates  keep each claim's date as a Pandoc span: [claim text]{.claim date="1961-12"}`;

export async function runExport(args: string[]): Promise<number> {
  const parsed = parseCommandArgs("export", USAGE, args, {
    output: { type: "string", short: "o" },
    "keep-dates": { type: "boolean" },
  });
  if (typeof parsed === "number") return parsed;
  const out = parsed.values.output as string | undefined;
  const keepDates = parsed.values["keep-dates"] === true;
  const inputs = parsed.positionals;
  if (inputs.length !== 1) return usage(inputs.length ? "give one paper at a time" : "no paper given");

  const input = inputs[0];
  let text: string;
  try {
    text = input === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(input, "utf8");
  } catch (err) {
    process.stderr.write(`clio export: cannot read ${input}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const file = input === "-" ? path.resolve("stdin.md") : path.resolve(input);
  const result = exportPandoc(parseDocument(file, text), { keepDates });
  for (const w of result.warnings) process.stderr.write(`clio export: ${input}: ${w}\n`);
  if (out === undefined || out === "-") process.stdout.write(result.text);
  else {
    if (path.resolve(out) === file) return usage("refusing to overwrite the paper itself; choose another -o file", false);
    try {
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, result.text);
    } catch (err) {
      process.stderr.write(`clio export: cannot write ${out}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  }
  return 0;
}

function usage(message: string, showUsage = true): number {
  return usageError("export", USAGE, message, showUsage);
}
