// The timeline data model from a real workspace (parser, fact base, checks),
// and the whole pipeline at 500 claims.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClioWorkspace, type WorkspaceHost } from "../../server/src/core/workspace.js";
import { loadBundledFactFiles } from "../../server/src/node/host.js";
import { buildTimeline, plainClaimText, spanOf } from "../../server/src/core/export/timeline-data.js";
import { layoutTimeline } from "../../server/src/core/export/timeline-layout.js";
import { renderTimelineSvg } from "../../server/src/core/export/timeline-svg.js";
import { daysFromCivil } from "../../server/src/core/export/calendar.js";
import { generatePaper } from "../helpers/generate-paper.js";
import { parseDocument } from "../../server/src/core/parse/index.js";

const bundled = loadBundledFactFiles();

function workspace(files: Record<string, string>): ClioWorkspace {
  const host: WorkspaceHost = { root: "/ws", bundledFacts: bundled, readFile: (f) => files[f], listDir: () => [] };
  const ws = new ClioWorkspace(host);
  for (const [file, text] of Object.entries(files)) if (file.endsWith(".md")) ws.setDocument(file, text);
  return ws;
}

const PAPER = `# Split

{1961-12} [[Soviet Union]] broke off relations with [[Albania]] [@tretiak1962, p. 141].
{1960~} [[Albania|Tirana]] drifted towards [[China]] [@biberaj1986].
{1961-04/1961-06} [[Nowhere Land]] did something [@tretiak1962].
{1961-13} [[Albania]] did something impossible.
`;

test("timeline data: dated claims with intervals, fuzziness, actors resolved to entities, text without markup", () => {
  const ws = workspace({ "/ws/paper.md": PAPER });
  const data = buildTimeline(ws, { uris: ["/ws/paper.md"] });
  assert.equal(data.version, 1);
  assert.equal(data.title, "paper.md");
  assert.equal(data.claims.length, 3);
  assert.equal(data.documents[0].undated, 1); // {1961-13}
  const [split, drift, nowhere] = data.claims;
  assert.equal(split.earliest, daysFromCivil(1961, 12, 1));
  assert.equal(split.latest, daysFromCivil(1961, 12, 31));
  assert.equal(split.interval, false);
  assert.deepEqual(split.actors, ["soviet-union", "albania"]);
  assert.equal(split.text, "Soviet Union broke off relations with Albania [@tretiak1962, p. 141].");
  assert.equal(split.range.start.line, 2);
  assert.ok(drift.approximate && drift.looseEarliest < drift.earliest && drift.looseLatest > drift.latest);
  assert.equal(drift.actors[0], "albania");
  assert.equal(drift.text, "Tirana drifted towards China [@biberaj1986].");
  assert.ok(nowhere.interval);
  assert.equal(nowhere.actors[0], "?nowhere land");
  assert.ok(data.actors.some((a) => a.key === "albania" && a.name === "Albania" && a.type === "state"));
  assert.ok(data.actors.some((a) => a.key === "?nowhere land" && a.name === "Nowhere Land"));
  // JSON-safe: survives a round trip unchanged (no Infinity, no Maps).
  assert.deepEqual(JSON.parse(JSON.stringify(data)), data);
});

test("timeline data: each claim carries its diagnostics and their worst severity", () => {
  const ws = workspace({ "/ws/paper.md": PAPER });
  const data = buildTimeline(ws);
  const nowhere = data.claims[2];
  assert.ok(nowhere.diagnostics.some((d) => d.code === "entity-unknown"), JSON.stringify(nowhere.diagnostics));
  assert.equal(nowhere.severity, "warning");
  const all = ws.diagnostics("/ws/paper.md").filter((d) => d.code !== "date-invalid");
  const attached = data.claims.reduce((n, c) => n + c.diagnostics.length, 0);
  assert.equal(attached, all.length);
});

test("timeline data: fact-base events of linked actors near the claims form the context layer", () => {
  const ws = workspace({ "/ws/paper.md": PAPER });
  const data = buildTimeline(ws);
  assert.ok(data.context.length > 0);
  const facts = ws.facts();
  for (const ev of data.context) {
    const event = facts.events.get(ev.id)!;
    assert.ok(event.participants.some((p) => ["soviet-union", "albania", "china"].includes(p)), ev.id);
    assert.ok(ev.actors.length > 0);
    // Near the claims (1959–1961) only: nothing from the 1940s or the 1970s.
    assert.ok(ev.latest >= daysFromCivil(1955, 1, 1) && ev.earliest <= daysFromCivil(1966, 12, 31), `${ev.id} ${ev.edtf}`);
  }
});

test("timeline data: a single paper is titled by its front matter title, else its file name", () => {
  const ws = workspace({ "/ws/t.md": '---\ntitle: "Albania, 1955–1968"\n---\n{1961} [[Albania]] left.\n', "/ws/u.md": PAPER });
  assert.equal(buildTimeline(ws, { uris: ["/ws/t.md"] }).title, "Albania, 1955–1968");
  assert.equal(buildTimeline(ws, { uris: ["/ws/u.md"] }).title, "u.md");
  assert.equal(buildTimeline(ws, { uris: ["/ws/t.md"], title: "Given" }).title, "Given");
  assert.equal(buildTimeline(ws).title, "2 documents");
});

test("timeline data: workspace scope spans documents; document lanes one per paper", () => {
  const ws = workspace({ "/ws/a.md": PAPER, "/ws/b.md": "{1964-11} [[China]] sent a delegation to [[Albania]] [@biberaj1986].\n" });
  const data = buildTimeline(ws, { scope: "workspace" });
  assert.equal(data.scope, "workspace");
  assert.equal(data.documents.length, 2);
  assert.equal(data.claims.length, 4);
  assert.equal(data.claims[3].document, 1);
  assert.equal(data.claims[3].id, "1:0");
  const lanes = layoutTimeline(data, { lanes: "document", width: 1000 }).lanes.filter((l) => l.key.startsWith("doc:"));
  assert.deepEqual(lanes.map((l) => l.name), ["a.md", "b.md"]);
});

test("spanOf: open interval ends become finite, flagged bounds", () => {
  const ws = workspace({ "/ws/p.md": "{1961-04/..} [[Albania]] waited.\n\n{../1961} [[China]] waited.\n" });
  const [open, before] = buildTimeline(ws).claims;
  assert.ok(open.openEnd && !open.openStart);
  assert.ok(Number.isFinite(open.latest) && open.latest >= open.earliest);
  assert.ok(before.openStart && Number.isFinite(before.earliest));
  const doc = ws.getDocument("/ws/p.md")!;
  assert.equal(spanOf(doc.claims[0].dateTag.date!).earliest, daysFromCivil(1961, 4, 1));
  assert.equal(plainClaimText(doc.claims[0]), "Albania waited.");
});

test("timeline at scale: 500 generated claims become 500 SVG claim marks, fast", () => {
  const paper = generatePaper(500);
  const ws = workspace({ "/ws/big.md": paper.text });
  const started = performance.now();
  const data = buildTimeline(ws);
  assert.equal(data.claims.length + data.documents[0].undated, paper.claims);
  assert.equal(data.documents[0].undated, 0);
  for (const lanes of ["actor", "document"] as const) {
    const svg = renderTimelineSvg(layoutTimeline(data, { lanes, width: 1400 }), data.title);
    assert.equal(svg.match(/<g class="claim /g)?.length, 500);
  }
  assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
});

test("generate-paper: N valid claims of every date form, deterministic per seed, code optional", () => {
  const paper = generatePaper(500);
  const doc = parseDocument("/ws/big.md", paper.text);
  assert.equal(doc.claims.length, 500);
  assert.equal(doc.links.length, paper.links);
  assert.deepEqual(doc.diagnostics.filter((d) => d.code === "date-invalid"), []);
  const dates = doc.claims.map((c) => c.dateTag.date!);
  assert.ok(dates.some((d) => d.precision === "interval" && d.openEnd));
  assert.ok(dates.some((d) => d.uncertain) && dates.some((d) => d.approximate) && dates.some((d) => d.unspecified));
  assert.ok(dates.some((d) => d.season !== undefined));
  assert.equal(generatePaper(500).text, paper.text);
  assert.notEqual(generatePaper(500, 7).text, paper.text);
  assert.match(paper.text, /```\n\{1961\} \[\[Not a link\]\]/);
  assert.doesNotMatch(generatePaper(500, 1961, { code: false }).text, /```/);
});
