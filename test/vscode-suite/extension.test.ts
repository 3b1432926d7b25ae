// Clio inside a real VS Code extension host, through the `vscode` API only:
// diagnostics, hover, completion, a quick fix applied, go to definition.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

const EXTENSION_ID = "clio-history.clio-history";

type Maybe<T> = T | undefined | null | false;

async function until<T>(what: string, probe: () => Maybe<T> | Promise<Maybe<T>>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const index = doc.getText().indexOf(needle);
  assert.ok(index >= 0, `"${needle}" in ${doc.uri.path}`);
  return doc.positionAt(index + delta);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : "value" in c ? c.value : String(c)))).join("\n");
}

function clioDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "clio");
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === "object" && d.code ? String(d.code.value) : String(d.code);
}

suite("Clio in VS Code", () => {
  let folder: vscode.Uri;
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, "a workspace folder is open");
    folder = ws.uri;
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, "clio-suite.md"));
    await vscode.window.showTextDocument(doc);
    await ext.activate();
    console.log(`VS Code ${vscode.version}, uiKind=${vscode.env.uiKind}, remoteName=${vscode.env.remoteName ?? "-"}`);
  });

  test("the example paper gets Clio diagnostics", async function () {
    const example = vscode.Uri.joinPath(folder, "paper.md");
    try {
      await vscode.workspace.fs.stat(example);
    } catch {
      this.skip();
    }
    const exampleDoc = await vscode.workspace.openTextDocument(example);
    await vscode.window.showTextDocument(exampleDoc, { preview: false, preserveFocus: true });
    const diags = await until("diagnostics on examples/paper.md", () => clioDiagnostics(example).length > 0 && clioDiagnostics(example));
    console.log(`examples/paper.md: ${diags.length} Clio diagnostics: ${[...new Set(diags.map(codeOf))].join(", ")}`);
    await vscode.window.showTextDocument(doc);
  });

  test("publishes diagnostics with codes and ranges", async () => {
    const diags = await until("date-invalid", () => {
      const list = clioDiagnostics(doc.uri);
      return list.some((d) => codeOf(d) === "date-invalid") && list;
    });
    const invalid = diags.find((d) => codeOf(d) === "date-invalid")!;
    assert.deepEqual(invalid.range.start, positionOf(doc, "{1961-13}"));
    assert.equal(invalid.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diags.some((d) => codeOf(d) === "citation-unknown"), "the mistyped key is flagged");
  });

  test("hover on an entity link shows the card", async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "Zhou Enlai]]", 2));
    const text = hoverText(hovers);
    assert.match(text, /Zhou Enlai/);
    assert.match(text, /1898/);
    assert.match(text, /Premier/);
  });

  test("no hover on plain words", async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, positionOf(doc, "visited", 2));
    assert.ok(!/Zhou Enlai|Albania/.test(hoverText(hovers)), hoverText(hovers));
  });

  test("completion after [[ finds Zhou Enlai from Chou", async () => {
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, "\n\n{1965} [[Chou");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const at = doc.lineAt(doc.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, at, "[");
    const labels = list.items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    assert.ok(labels.includes("Zhou Enlai"), labels.slice(0, 20).join(", "));
    const undo = new vscode.WorkspaceEdit();
    undo.delete(doc.uri, new vscode.Range(end, at));
    assert.ok(await vscode.workspace.applyEdit(undo));
  });

  test("a quick fix corrects a mistyped citation key", async () => {
    const diag = await until("citation-unknown", () => clioDiagnostics(doc.uri).find((d) => codeOf(d) === "citation-unknown"));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /tretiak1962/.test(a.title));
    assert.ok(fix?.edit, `fix offered: ${actions.map((a) => a.title).join(" | ")}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /\[@tretiak1962, p\. 130\]/);
    await until("the citation diagnostic to go", () => !clioDiagnostics(doc.uri).some((d) => codeOf(d) === "citation-unknown"));
  });

  test("go to definition opens the entity in the bundled fact file", async () => {
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>("vscode.executeDefinitionProvider", doc.uri, positionOf(doc, "Zhou Enlai]]", 1));
    assert.equal(locations.length, 1);
    const target = "targetUri" in locations[0] ? locations[0].targetUri : locations[0].uri;
    assert.match(target.path, /server\/data\/facts\/people\.yaml$/);
    const factDoc = await vscode.workspace.openTextDocument(target);
    const range = "targetUri" in locations[0] ? locations[0].targetRange : locations[0].range;
    assert.match(factDoc.lineAt(range.start.line).text, /zhou-enlai|Zhou Enlai/);
  });

  test("commands are registered and Check Workspace answers", async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ["clio.checkWorkspace", "clio.showEntityFacts", "clio.toggleProse"]) assert.ok(commands.includes(c), c);
    const result = await vscode.commands.executeCommand<{ files: number; errors: number; entities?: number }>("clio.checkWorkspace");
    assert.ok(result && result.files >= 1, JSON.stringify(result));
    assert.ok((result.entities ?? 0) > 50);
  });

  test("Show Facts for Entity opens the card; Toggle Prose Mode cycles auto → on → off → auto", async () => {
    const card = await vscode.commands.executeCommand<string>("clio.showEntityFacts", "zhou-enlai");
    assert.match(card, /Zhou Enlai/);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.getText().includes("Born 5 March 1898"));
    assert.ok(shown, "the card is shown beside");
    assert.equal(shown.document.uri.scheme, "clio-facts", "a read-only card, not a paper to check");
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) seen.push(await vscode.commands.executeCommand<string>("clio.toggleProse"));
    assert.deepEqual(seen, ["on", "off", "auto"]);
    assert.equal(vscode.workspace.getConfiguration("clio").get("prose"), "auto");
  });
});
