// `clio export` (core exportPandoc) and the Pandoc Lua filter: clean Pandoc
// Markdown, byte-identical outside Clio markup; both routes give the same AST.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "../../server/src/core/parse/index.js";
import { exportPandoc } from "../../server/src/core/export/pandoc.js";
import { generatePaper } from "../helpers/generate-paper.js";

const LUA_FILTER = new URL("../../pandoc/clio.lua", import.meta.url).pathname;

const PAPER = `---
title: "Tirana and Moscow"
bibliography: refs.bib
clio:
  severity:
    claim-uncited: "off"
  # the author's note stays with the block
  prose: false
lang: en
---

# Introduction {#sec:intro}

{1961-12} [[Soviet Union]] broke off relations with [[Albania|Tirana]] [@tretiak1962, p. 141]. The split was public.
Later, {1962~} [[Zhou Enlai|Premier Zhou]] visited Tirana, e.g. in May.
A tag at the end {1963}
continues here, and \`{1961}\` stays in code.

\`\`\`
{1961} [[not a link]]
\`\`\`
`;

const EXPECTED = `---
title: "Tirana and Moscow"
bibliography: refs.bib
lang: en
---

# Introduction {#sec:intro}

Soviet Union broke off relations with Tirana [@tretiak1962, p. 141]. The split was public.
Later, Premier Zhou visited Tirana, e.g. in May.
A tag at the end
continues here, and \`{1961}\` stays in code.

\`\`\`
{1961} [[not a link]]
\`\`\`
`;

const exportText = (text: string, keepDates = false) => exportPandoc(parseDocument("/paper/paper.md", text), { keepDates });

test("export: tags dropped, links become shown text, clio block gone, everything else byte-identical", () => {
  const result = exportText(PAPER);
  assert.equal(result.text, EXPECTED);
  assert.deepEqual(result.warnings, []);
});

test("export --keep-dates: each claim becomes a [text]{.claim date=…} span", () => {
  const { text } = exportText(PAPER, true);
  assert.match(text, /^\[Soviet Union broke off relations with Tirana \[@tretiak1962, p\. 141\]\.\]\{\.claim date="1961-12"\} The split was public\.$/m);
  assert.match(text, /Later, \[Premier Zhou visited Tirana, e\.g\. in May\.\]\{\.claim date="1962~"\}$/m);
  // A tag at a line end: the line break stays outside the span.
  assert.match(text, /A tag at the end\n\[continues here, and `\{1961\}` stays in code\.\]\{\.claim date="1963"\}/);
  assert.match(text, /```\n\{1961\} \[\[not a link\]\]\n```/);
});

test("export: CRLF files and a front matter holding only clio: (dropped whole)", () => {
  const crlf = "---\r\nclio:\r\n  prose: true\r\n---\r\n\r\n{1961} [[Albania]] joined.\r\n";
  assert.equal(exportText(crlf).text, "\r\nAlbania joined.\r\n");
  const flow = "---\nclio: { prose: true }\ntitle: T\n---\n{1961} [[Albania]] joined.\n";
  assert.equal(exportText(flow).text, "---\ntitle: T\n---\n{1961} [[Albania]] joined.\n".replace("{1961} [[Albania]]", "Albania"));
});

test("export: an invalid date tag is dropped with a warning naming its line; plain Markdown is untouched", () => {
  const result = exportText("Intro.\n\n{1961-13} [[Albania]] joined.\n");
  assert.equal(result.text, "Intro.\n\nAlbania joined.\n");
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0], /^line 3: invalid date tag \{1961-13\}/);
  const plain = "# Title {#sec:a}\n\nSee {.class} and $x^{2}$.\n";
  assert.equal(exportText(plain).text, plain);
});

test("export: a tag before punctuation takes the blank before it with it", () => {
  assert.equal(exportText("Across {196X}, the alliance held.\n").text, "Across, the alliance held.\n");
  assert.equal(exportText("It ended ({1961}).\n").text, "It ended ().\n");
  assert.equal(exportText("Glued {1961}Albania.\n").text, "Glued Albania.\n");
});

test("export --keep-dates: a claim with unbalanced emphasis keeps its date as an empty span", () => {
  const { text, warnings } = exportText("*Note: {1961} [[Albania]] joined.* Then more.\n", true);
  assert.equal(text, '*Note: []{.claim date="1961"} Albania joined.* Then more.\n');
  assert.equal(warnings.length, 1);
});

test("export scales: 500 generated claims, no tags or links left outside code, one span per claim", () => {
  const paper = generatePaper(500);
  const started = performance.now();
  const plain = exportText(paper.text).text;
  const kept = exportText(paper.text, true).text;
  assert.ok(performance.now() - started < 3000);
  const outsideCode = (t: string) => t.replace(/```[\s\S]*?```/g, "");
  assert.doesNotMatch(outsideCode(plain), /\{\d{3}[\dX]|\[\[|\]\]|clio:/);
  assert.equal(outsideCode(kept).match(/\]\{\.claim date="/g)?.length, paper.claims);
  assert.equal(plain.match(/\{1961\} \[\[Not a link\]\]/g)?.length, 5);
});

// ------------------------------------------------------------------ the real pandoc

const pandoc = spawnSync("pandoc", ["--version"], { encoding: "utf8" });
const hasPandoc = pandoc.status === 0;
const pandocSkip = hasPandoc ? false : process.env.CI ? false : "pandoc is not installed (apt-get install pandoc); required when CI is set";

function pandocNative(file: string, extra: string[] = []): string {
  const r = spawnSync("pandoc", ["-f", "markdown", "-t", "native", "-s", ...extra, file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("pandoc: `clio export | pandoc` and `pandoc --lua-filter pandoc/clio.lua` give the same document", { skip: pandocSkip }, () => {
  assert.ok(hasPandoc, "pandoc must be installed in CI");
  const dir = mkdtempSync(join(tmpdir(), "clio-export-"));
  const example = new URL("../../examples/paper.md", import.meta.url).pathname;
  const papers: Record<string, string> = { sample: PAPER, generated: generatePaper(500).text, punctuation: "Across {196X}, the alliance held.\n\nIt ended {1961}.\n" };
  if (existsSync(example)) papers.example = readFileSync(example, "utf8");
  for (const [name, text] of Object.entries(papers)) {
    const source = join(dir, `${name}.md`);
    writeFileSync(source, text);
    for (const keepDates of [false, true]) {
      const exported = join(dir, `${name}-${keepDates}.md`);
      writeFileSync(exported, exportText(text, keepDates).text);
      const viaExport = pandocNative(exported);
      const viaFilter = pandocNative(source, ["--lua-filter", LUA_FILTER, ...(keepDates ? ["-M", "clio-keep-dates=true"] : [])]);
      assert.equal(viaFilter, viaExport, `${name}, keepDates=${keepDates}`);
      assert.doesNotMatch(viaFilter, /Str "[^"]*(\[\[|\{1\d\d\d)/);
      if (keepDates) assert.match(viaFilter, /\[ "claim" \]/);
    }
  }
});
