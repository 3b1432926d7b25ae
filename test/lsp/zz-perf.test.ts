import { test } from "node:test";
import { startSession } from "./harness.js";
test("perf", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) files[`papers/p${i}.md`] = `# P${i}\n\n{1964-01} Premier [[Zhou Enlai]] visited [[Albania]] [@biberaj1986].\n\n{1961-12} The [[Soviet Union]] broke off relations with [[Albania]] [@tretiak1962, p. 141].\n\nIn April 1961 Premier Khrushchev met Zhou Enlai in Moscow.\n`;
  files["clio.facts.yaml"] = "entities: []\n";
  const t0 = Date.now();
  const s = await startSession(files);
  const text = files["papers/p0.md"];
  await s.open("papers/p0.md", text);
  await s.diagnostics("papers/p0.md");
  console.log("first diagnostics after", Date.now() - t0, "ms");
  for (let k = 0; k < 5; k++) {
    const t1 = Date.now();
    await s.change("papers/p0.md", text + `\n{1965} [[China]] x${k}.\n`);
    await s.diagnostics("papers/p0.md", (d) => d.some((x) => x.range.start.line > 8));
    console.log("change → diagnostics", Date.now() - t1, "ms");
    await s.change("papers/p0.md", text);
    await s.diagnostics("papers/p0.md", (d) => !d.some((x) => x.range.start.line > 8));
  }
  const t2 = Date.now();
  await s.connection.sendRequest("textDocument/hover", { textDocument: { uri: s.uri("papers/p0.md") }, position: { line: 2, character: 22 } });
  console.log("hover", Date.now() - t2, "ms");
  const t3 = Date.now();
  const refs: any[] = await s.connection.sendRequest("textDocument/references", { textDocument: { uri: s.uri("papers/p0.md") }, position: { line: 2, character: 22 }, context: { includeDeclaration: false } });
  console.log("references", refs.length, Date.now() - t3, "ms");
  await s.stop();
});
