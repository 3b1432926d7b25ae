// `clio timeline` and `clio export` as the CLI runs them (in-process, on temp files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTimeline } from "../../server/src/cli/timeline.js";
import { runExport } from "../../server/src/cli/export.js";
import type { TimelineData } from "../../server/src/core/export/timeline-model.js";
import { generatePaper } from "../helpers/generate-paper.js";

const PAPER = `---
clio:
  severity:
    claim-uncited: "off"
---
{1961-12} [[Soviet Union]] broke off relations with [[Albania]] [@tretiak1962, p. 141].

{1960~} [[Albania|Tirana]] drifted towards [[China]].
`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "clio-timeline-cli-"));
}

/** Runs with stderr captured (the CLI reports there). */
async function quiet<T>(run: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: await run(), stderr };
  } finally {
    process.stderr.write = write;
  }
}

test("clio timeline: writes one standalone HTML file with every claim and the view script inline", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "paper.md"), PAPER);
  const out = join(dir, "out", "timeline.html");
  const { result, stderr } = await quiet(() => runTimeline([join(dir, "paper.md"), "-o", out, "--lanes", "document"]));
  assert.equal(result, 0, stderr);
  assert.match(stderr, /2 claims from 1 document/);
  const html = readFileSync(out, "utf8");
  assert.equal(html.match(/<g class="claim /g)?.length, 2);
  assert.match(html, /data-lanes="document"/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; script-src 'nonce-[^']+'/);
  // The front-end script is inline (lane switching works offline) and nothing is fetched.
  assert.match(html, /<script nonce="[^"]+">/);
  assert.match(html, /clio-timeline-data/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/);
});

test("clio timeline --json: the data model, file URIs, folders walked", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "chapters"));
  writeFileSync(join(dir, "chapters", "one.md"), PAPER);
  writeFileSync(join(dir, "chapters", "two.qmd"), "{1964-11} [[China]] sent a delegation to [[Albania]].\n");
  writeFileSync(join(dir, "chapters", "notes.txt"), "{1900} not a paper\n");
  const out = join(dir, "t.json");
  const { result } = await quiet(() => runTimeline([dir, "--json", "-o", out]));
  assert.equal(result, 0);
  const data = JSON.parse(readFileSync(out, "utf8")) as TimelineData;
  assert.equal(data.documents.length, 2);
  assert.equal(data.claims.length, 3);
  assert.ok(data.claims.every((c) => c.uri.startsWith("file://")));
  assert.ok(data.documents[1].uri.endsWith("/chapters/two.qmd"));
});

test("clio timeline: bad usage and unreadable input exit 2 with a message", async () => {
  const dir = tempDir();
  const missing = await quiet(() => runTimeline([join(dir, "nope.md"), "-o", join(dir, "x.html")]));
  assert.equal(missing.result, 2);
  assert.match(missing.stderr, /cannot read .*nope\.md/);
  const lanes = await quiet(() => runTimeline([dir, "--lanes", "sideways"]));
  assert.equal(lanes.result, 2);
  assert.match(lanes.stderr, /--lanes must be "actor" or "document"/);
  const none = await quiet(() => runTimeline([]));
  assert.equal(none.result, 2);
  assert.equal((await quiet(() => runTimeline([dir]))).result, 2); // a folder without papers
});

test("clio timeline: 500 generated claims in one file", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, "big.md"), generatePaper(500).text);
  const out = join(dir, "big.html");
  const { result } = await quiet(() => runTimeline([join(dir, "big.md"), "-o", out]));
  assert.equal(result, 0);
  assert.equal(readFileSync(out, "utf8").match(/<g class="claim /g)?.length, 500);
});

test("clio export: -o file, --keep-dates, refuses to overwrite the paper, exit 2 on bad input", async () => {
  const dir = tempDir();
  const paper = join(dir, "paper.md");
  writeFileSync(paper, PAPER);
  const out = join(dir, "clean.md");
  assert.equal((await quiet(() => runExport([paper, "-o", out]))).result, 0);
  assert.equal(
    readFileSync(out, "utf8"),
    "Soviet Union broke off relations with Albania [@tretiak1962, p. 141].\n\nTirana drifted towards China.\n",
  );
  assert.equal((await quiet(() => runExport([paper, "--keep-dates", "-o", out]))).result, 0);
  assert.match(readFileSync(out, "utf8"), /^\[Soviet Union .*\]\{\.claim date="1961-12"\}$/m);
  const self = await quiet(() => runExport([paper, "-o", paper]));
  assert.equal(self.result, 2);
  assert.equal(readFileSync(paper, "utf8"), PAPER);
  assert.equal((await quiet(() => runExport([join(dir, "missing.md")]))).result, 2);
  assert.equal((await quiet(() => runExport([paper, "--frobnicate"]))).result, 2);
  assert.ok(!existsSync(join(dir, "missing.md")));
});
