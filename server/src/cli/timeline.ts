// `clio timeline PATHS -o timeline.html [--lanes actor|document]`: the editor's
// timeline picture as one standalone HTML file (inline script and styles,
// strict CSP, no network).
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseCommandArgs, usageError } from "./args.js";
import { ClioWorkspace } from "../core/workspace.js";
import { createNodeHost, findPackageRoot, readTextFile } from "../node/host.js";
import { buildTimeline } from "../core/export/timeline-data.js";
import { renderStandaloneHtml } from "../core/export/timeline-html.js";
import type { LaneMode } from "../core/export/timeline-model.js";

const USAGE = `usage: clio timeline PATHS… [-o timeline.html] [--lanes actor|document] [--json]
  PATHS    Markdown/Quarto papers or folders holding them
  -o FILE  write the standalone HTML there (default: standard output)
  --lanes  one lane per actor (the claim's subject, default) or per document
  --json   write the timeline data as JSON instead of HTML`;

export async function runTimeline(args: string[]): Promise<number> {
  const parsed = parseCommandArgs("timeline", USAGE, args, {
    output: { type: "string", short: "o" },
    lanes: { type: "string", default: "actor" },
    json: { type: "boolean" },
  });
  if (typeof parsed === "number") return parsed;
  const out = parsed.values.output as string | undefined;
  const lanesValue = parsed.values.lanes;
  if (lanesValue !== "actor" && lanesValue !== "document") {
    return usage(`--lanes must be "actor" or "document", not ${JSON.stringify(lanesValue ?? "")}`);
  }
  const lanes: LaneMode = lanesValue;
  const json = parsed.values.json === true;
  const inputs = parsed.positionals;
  if (inputs.length === 0) return usage("no papers given");

  const opened = openWorkspace(inputs);
  if ("error" in opened) return usage(opened.error, false);
  const { ws, files } = opened;
  const data = buildTimeline(ws, { uris: files, title: files.length === 1 ? undefined : titleFor(inputs) });
  for (const doc of data.documents) doc.uri = pathToFileURL(doc.uri).href;
  for (const claim of data.claims) claim.uri = data.documents[claim.document].uri;

  let output: string;
  if (json) output = `${JSON.stringify(data, null, 2)}\n`;
  else {
    const script = await timelineScript();
    if (!script) process.stderr.write("clio timeline: dist/timeline-view.js not found (run the build); writing a static picture without lane switching.\n");
    output = renderStandaloneHtml(data, { lanes, script, nonce: randomBytes(16).toString("base64") });
  }
  if (out === undefined || out === "-") process.stdout.write(output);
  else {
    try {
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, output);
    } catch (err) {
      process.stderr.write(`clio timeline: cannot write ${out}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    const undated = data.documents.reduce((n, d) => n + d.undated, 0);
    process.stderr.write(`clio timeline: ${data.claims.length} claims from ${files.length} document${files.length === 1 ? "" : "s"}${undated ? ` (${undated} with invalid dates left out)` : ""} → ${out}\n`);
  }
  return 0;
}

function usage(message: string, showUsage = true): number {
  return usageError("timeline", USAGE, message, showUsage);
}

function titleFor(inputs: string[]): string {
  return inputs.length === 1 ? path.basename(path.resolve(inputs[0])) : `${inputs.length} paths`;
}

// ---------------------------------------------------------------- workspace from paths

const PAPER = /\.(md|qmd|rmd|markdown)$/i;

/** Papers under the given paths (folders walked, hidden folders and node_modules skipped), sorted. */
export function collectPapers(inputs: string[]): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (PAPER.test(entry.name)) files.add(p);
    }
  };
  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) walk(abs);
    else files.add(abs);
  }
  return { files: [...files].sort(), missing };
}

/** A workspace rooted at the first folder given (or the first paper's folder) holding the papers. */
export function openWorkspace(inputs: string[]): { ws: ClioWorkspace; files: string[] } | { error: string } {
  const { files, missing } = collectPapers(inputs);
  if (missing.length) return { error: `cannot read ${missing.join(", ")}` };
  if (files.length === 0) return { error: "no Markdown papers (.md, .qmd, .Rmd) found" };
  const first = path.resolve(inputs[0]);
  const root = fs.statSync(first).isDirectory() ? first : path.dirname(first);
  const host = createNodeHost(root);
  const ws = new ClioWorkspace(host);
  for (const file of files) {
    const text = host.readFile(file);
    if (text === undefined) return { error: `cannot read ${file}` };
    ws.setDocument(file, text);
  }
  return { ws, files };
}

/** The bundled front end; built on the fly when running from the sources without a build. */
export async function timelineScript(): Promise<string | undefined> {
  // Next to the running bundle (dist/cli.cjs) first, then the repository's dist/.
  if (typeof __dirname === "string") {
    const beside = readTextFile(path.join(__dirname, "timeline-view.js"));
    if (beside) return beside;
  }
  const root = findPackageRoot();
  if (!root) return undefined;
  try {
    return fs.readFileSync(path.join(root, "dist", "timeline-view.js"), "utf8");
  } catch {
    try {
      const builder = pathToFileURL(path.join(root, "scripts", "build-timeline-view.mjs")).href;
      const mod = (await import(builder)) as { buildTimelineView(o: { write: boolean }): Promise<string> };
      return await mod.buildTimelineView({ write: false });
    } catch {
      return undefined;
    }
  }
}
