// The language server end to end: the built dist/server.cjs over stdio, a temp
// workspace with a paper, a closed second paper and a bibliography.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSession, hoverText, positionOf, type Session } from "./harness.js";

const PAPER = `---
title: Albania between Moscow and Beijing
bibliography: refs.bib
---

# Notes

{1961-12} [[Soviet Union]] broke off relations with [[Albania]] [@tretiak1962, p. 141].

{1964-01} Premier [[Zhou Enlai]] visited [[Albania]] [@biberaj1986].

{1961-13} [[Albania]] joined.

{1962} [[Chou En-lai]] met [[Nobody Atall]] [@nosuchkey; @smith1970, p. 12].
`;

const OTHER = `# Another paper, never opened

{1963} [[Shqipëria]] stayed close to [[China]] [@biberaj1986].
`;

const BIB = `@article{smith1970,
  author = {Smith, Jane},
  title = {Tirana and Beijing},
  journal = {Journal of Balkan Studies},
  year = {1970},
  pages = {10--30}
}
`;

let s: Session;
before(async () => {
  s = await startSession({ "paper.md": PAPER, "notes/other.md": OTHER, "refs.bib": BIB });
  await s.open("paper.md", PAPER);
});
after(async () => {
  await s?.stop();
});

const codes = (list: Array<{ code?: unknown }>) => list.map((d) => String(d.code));

test("publishes diagnostics with stable codes on open", async () => {
  const diags = await s.diagnostics("paper.md", (d) => codes(d).includes("date-invalid"));
  const found = codes(diags);
  for (const code of ["date-invalid", "entity-unknown", "citation-unknown"]) assert.ok(found.includes(code), `${code} in ${found.join(", ")}`);
  const invalid = diags.find((d) => d.code === "date-invalid")!;
  assert.deepEqual(invalid.range.start, positionOf(PAPER, "{1961-13}"));
  assert.equal(invalid.source, "clio");
  // A clean claim yields nothing on its own line.
  assert.ok(!diags.some((d) => d.range.start.line === positionOf(PAPER, "{1961-12}").line && d.severity === 1), "no error on the correct claim");
});

test("hover on an entity link shows the historian's card", async () => {
  const hover = await s.connection.sendRequest("textDocument/hover", {
    textDocument: { uri: s.uri("paper.md") },
    position: positionOf(PAPER, "Zhou Enlai]]", 2),
  });
  const text = hoverText(hover);
  assert.match(text, /Zhou Enlai/);
  assert.match(text, /1898/, "birth year");
  assert.match(text, /1976/, "death year");
  assert.match(text, /Premier/);
  assert.match(text, /held at this claim's date/, "the office held in January 1964 is marked");
  assert.match(text, /Chou En-lai/, "aliases");
});

test("hover works on aliases and only on the construct itself", async () => {
  const alias = hoverText(await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "Chou En-lai", 1) }));
  assert.match(alias, /Zhou Enlai/);
  const plain = await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "visited", 2) });
  assert.equal(plain, null);
});

test("hover on a date tag gives the interval in words and events inside it", async () => {
  const text = hoverText(await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "{1964-01}", 3) }));
  assert.match(text, /January 1964/);
  assert.match(text, /Zhou Enlai/i, "the visit is in the fact base during that month");
});

test("hover on a citation gives the Chicago reference", async () => {
  const bundled = hoverText(await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "@biberaj1986", 3) }));
  assert.match(bundled, /Biberaj, Elez\. 1986\./);
  assert.match(bundled, /Westview/);
  const fromBib = hoverText(await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "@smith1970", 2) }));
  assert.match(fromBib, /Smith, Jane\. 1970\./);
  assert.match(fromBib, /bibliography/);
});

test("hover on a role title lists the office holders", async () => {
  const text = hoverText(await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "Premier", 2) }));
  assert.match(text, /Zhou Enlai/);
  assert.match(text, /at this claim's date/);
});

test("completion after [[ searches aliases: Chou offers Zhou Enlai", async () => {
  const edited = PAPER + "\n{1965} [[Chou\n";
  await s.change("paper.md", edited);
  const items: any = await s.connection.sendRequest("textDocument/completion", {
    textDocument: { uri: s.uri("paper.md") },
    position: positionOf(edited, "[[Chou\n", 6),
  });
  const list = Array.isArray(items) ? items : items.items;
  const zhou = list.find((i: any) => i.label === "Zhou Enlai");
  assert.ok(zhou, `Zhou Enlai offered; got ${list.slice(0, 10).map((i: any) => i.label).join(", ")}`);
  assert.match(zhou.detail, /1898/);
  assert.equal(zhou.textEdit.newText, "Zhou Enlai]]");
  assert.match(zhou.filterText, /^Chou/);
  await s.change("paper.md", PAPER);
});

test("completion after @ offers bundled and bibliography keys", async () => {
  const edited = PAPER + "\nSee [@smi and [@tre\n";
  await s.change("paper.md", edited);
  const at = async (needle: string) => {
    const r: any = await s.connection.sendRequest("textDocument/completion", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(edited, needle, needle.length) });
    return (Array.isArray(r) ? r : r.items).map((i: any) => i.label as string);
  };
  assert.ok((await at("[@smi")).includes("smith1970"));
  assert.ok((await at("[@tre")).includes("tretiak1962"));
  await s.change("paper.md", PAPER);
});

test("code actions come from the core's quick fixes", async () => {
  const diags = await s.diagnostics("paper.md", (d) => codes(d).includes("entity-unknown"));
  // Fixes are looked up on the server, not shipped with every publish.
  assert.ok(diags.every((d) => d.data === undefined), "published diagnostics carry no fixes");
  const target = diags.find((d) => d.code === "entity-unknown")!;
  const actions: any[] = await s.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: s.uri("paper.md") },
    range: target.range,
    context: { diagnostics: [target] },
  });
  assert.ok(actions.length > 0);
  assert.equal(actions[0].kind, "quickfix");
  assert.ok(actions[0].edit?.documentChanges?.length || Object.keys(actions[0].edit?.changes ?? {}).length, "a workspace edit");
});

test("go to definition: entity → bundled fact file entry, citation → bib entry", async () => {
  const entity: any[] = await s.connection.sendRequest("textDocument/definition", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "Zhou Enlai]]", 1) });
  assert.equal(entity.length, 1);
  assert.match(entity[0].uri, /server\/data\/facts\/people\.yaml$/);
  assert.ok(existsSync(fileURLToPath(entity[0].uri)), "the fact file exists where the location points");
  const factLine = readFileSync(fileURLToPath(entity[0].uri), "utf8").split("\n")[entity[0].range.start.line];
  assert.match(factLine, /id: zhou-enlai\b/, "the location is the entity's own entry");
  const bib: any[] = await s.connection.sendRequest("textDocument/definition", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "@smith1970", 3) });
  assert.equal(bib.length, 1);
  assert.equal(bib[0].uri, s.uri("refs.bib"));
});

test("find references sees the closed paper indexed at startup", async () => {
  const refs: any[] = await s.connection.sendRequest("textDocument/references", {
    textDocument: { uri: s.uri("paper.md") },
    position: positionOf(PAPER, "[[Albania]]", 3),
    context: { includeDeclaration: false },
  });
  const inPaper = refs.filter((r) => r.uri === s.uri("paper.md"));
  const inOther = refs.filter((r) => r.uri === s.uri("notes/other.md"));
  assert.equal(inPaper.length, 3);
  assert.equal(inOther.length, 1, "the alias Shqipëria in the unopened paper");
});

test("document symbols list the claims in date order", async () => {
  const symbols: any[] = await s.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: s.uri("paper.md") } });
  const names = symbols.map((x) => x.name as string);
  assert.equal(names.length, 4);
  assert.ok(names[0].startsWith("1961-12"), names.join(" | "));
  assert.ok(names[1].startsWith("1962"));
  assert.ok(names[2].startsWith("1964-01"));
  assert.ok(names[3].startsWith("1961-13"), "the invalid date goes last");
});

test("workspace symbols find entities by alias", async () => {
  const symbols: any[] = await s.connection.sendRequest("workspace/symbol", { query: "chou en" });
  assert.ok(symbols.some((x) => x.name === "Zhou Enlai"), symbols.map((x) => x.name).join(", "));
  assert.match(symbols.find((x) => x.name === "Zhou Enlai").location.uri, /people\.yaml$/);
});

test("rename rewrites link targets only when the new name means the same entity", async () => {
  const position = positionOf(PAPER, "Chou En-lai", 1);
  const prepared: any = await s.connection.sendRequest("textDocument/prepareRename", { textDocument: { uri: s.uri("paper.md") }, position });
  assert.equal(prepared.placeholder, "Chou En-lai");
  const edit: any = await s.connection.sendRequest("textDocument/rename", { textDocument: { uri: s.uri("paper.md") }, position, newName: "Zhou Enlai" });
  const edits = edit.changes[s.uri("paper.md")];
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, "Zhou Enlai");
  assert.deepEqual(edits[0].range.start, positionOf(PAPER, "Chou En-lai"));
  await assert.rejects(
    s.connection.sendRequest("textDocument/rename", { textDocument: { uri: s.uri("paper.md") }, position, newName: "Mao Zedong" }),
    /not a name of Zhou Enlai/,
  );
});

test("status notification reports the fact base size", async () => {
  const status = await s.waitForNotification("clio/status", (p) => p.entities > 0);
  assert.ok(status.entities > 50, `entities: ${status.entities}`);
  assert.ok(status.errors >= 1);
});

test("a bad request does not take the server down", async () => {
  const bad = await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: "file:///nowhere/missing.md" }, position: { line: 9999, character: -4 } });
  assert.equal(bad, null);
  const good = hoverText(await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "Zhou Enlai]]", 1) }));
  assert.match(good, /Zhou Enlai/);
});

test("workspace facts reload live when clio.facts.yaml changes", async () => {
  await s.diagnostics("paper.md", (d) => d.some((x) => x.code === "entity-unknown" && String(x.message).includes("Nobody Atall")));
  const file = join(s.folder, "clio.facts.yaml");
  writeFileSync(file, `entities:\n  - id: nobody-atall\n    type: person\n    name: Nobody Atall\n    existence: { start: "1900", end: "1990" }\n    sources: [{ key: wikidata, locator: "Q1" }]\n`);
  await s.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: s.uri("clio.facts.yaml"), type: 1 }] });
  const after = await s.diagnostics("paper.md", (d) => !d.some((x) => x.code === "entity-unknown" && String(x.message).includes("Nobody Atall")));
  assert.ok(!after.some((x) => String(x.message).includes("Nobody Atall") && x.code === "entity-unknown"));
  // The new entity's definition is its entry in the workspace fact file.
  const def: any[] = await s.connection.sendRequest("textDocument/definition", { textDocument: { uri: s.uri("paper.md") }, position: positionOf(PAPER, "Nobody Atall", 2) });
  assert.equal(def[0]?.uri, s.uri("clio.facts.yaml"));
  assert.equal(def[0].range.start.line, 1, "the line of `- id: nobody-atall`");
});

test("the timeline request is wired into the server", async () => {
  const data: any = await s.connection.sendRequest("clio/timeline", { scope: "document", uri: s.uri("paper.md") });
  assert.ok(data, "timeline data");
  assert.ok(data.claims.length >= 3, `claims: ${data.claims.length}`);
  assert.equal(data.documents[0].uri, s.uri("paper.md"));
});

test("a file with more problems than the editor shows gets the most severe ones and a count of the rest", async () => {
  // 1,100 invalid dates (errors) after 300 uncited claims (information): the errors must win the 1,000 places.
  const uncited = Array.from({ length: 300 }, (_, i) => `{1962} [[Albania]] item ${i}.`).join("\n\n");
  const invalid = Array.from({ length: 1100 }, (_, i) => `{1961-13} [[Albania]] item ${i} [@tretiak1962, p. 1].`).join("\n\n");
  const text = `${uncited}\n\n${invalid}\n`;
  await s.open("many.md", text);
  const diags = await s.diagnostics("many.md", (d) => d.length > 0);
  assert.equal(diags.length, 1001);
  assert.equal(diags.filter((d) => d.code === "date-invalid").length, 1000, "the errors come first");
  const note = diags.find((d) => d.code === "problems-omitted");
  assert.ok(note, "a note says how many were left out");
  // At least the 400 surplus problems counted above (the invalid claims draw other codes too).
  const message = String(note.message);
  const omitted = Number(/^([\d,]+) more problems/.exec(message)?.[1].replace(/,/g, ""));
  assert.ok(omitted >= 400, message);
});

test("handler times are kept only when the benchmark asks for them (CLIO_TIMINGS)", async () => {
  // The default server has no such request: timings cost nothing in normal use.
  await assert.rejects(s.connection.sendRequest("clio/timings"), /Unhandled method|not found/i);
  const timed = await startSession({ "paper.md": PAPER }, null, undefined, { CLIO_TIMINGS: "1" });
  try {
    await timed.open("paper.md", PAPER);
    await timed.diagnostics("paper.md", (d) => d.length > 0);
    await timed.connection.sendRequest("clio/timings"); // drop what opening the paper recorded
    for (let i = 0; i < 3; i++) {
      await timed.connection.sendRequest("textDocument/hover", { textDocument: { uri: timed.uri("paper.md") }, position: positionOf(PAPER, "Zhou Enlai]]", 2) });
    }
    const times: Record<string, number[]> = await timed.connection.sendRequest("clio/timings");
    assert.equal(times.hover?.length, 3, JSON.stringify(times));
    assert.ok(times.hover.every((ms) => ms >= 0 && Number.isFinite(ms)));
    assert.deepEqual(await timed.connection.sendRequest("clio/timings"), {}, "each call returns the times since the last");
  } finally {
    await timed.stop();
  }
});
