// Shared option parsing for the CLI subcommands, on Node's own `util.parseArgs`.
import { parseArgs, type ParseArgsConfig } from "node:util";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Parsed options and positionals, "help" when -h/--help was given, or the usage error (exit 2). */
export function parseCommandArgs<T extends OptionSpec>(
  command: string,
  usageText: string,
  args: string[],
  options: T,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs names the offending option ("Unknown option '--x'", "Option '-o, --output <value>' argument missing").
    return usageError(command, usageText, err instanceof Error ? err.message : String(err));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    process.stdout.write(`${usageText}\n`);
    return 0;
  }
  return { values, positionals: parsed.positionals };
}

export function usageError(command: string, usageText: string, message: string, showUsage = true): number {
  process.stderr.write(`clio ${command}: ${message}\n${showUsage ? `${usageText}\n` : ""}`);
  return 2;
}
