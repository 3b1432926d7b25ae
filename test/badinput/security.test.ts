// Security model (SECURITY.md): untrusted workspaces read no fact file or
// bibliography outside the root; no code evaluation or network access in our
// source or bundles; the timeline webview runs under a strict CSP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { ClioWorkspace, type WorkspaceHost } from "../../server/src/core/workspace.js";
import { timelineCsp } from "../../server/src/core/export/timeline-html.js";

const repo = join(import.meta.dirname, "../..");

function trackingWorkspace(files: Record<string, string>, trusted: boolean | undefined, factFiles: string[] = []) {
  const reads: string[] = [];
  const host: WorkspaceHost = {
    root: "/ws",
    readFile: (f) => (reads.push(f), files[f]),
    listDir: () => [],
    bundledFacts: [],
  };
  return { ws: new ClioWorkspace(host, { trusted, factFiles }), reads };
}

const OUTSIDE = [
  "../outside.bib",
  "/etc/passwd",
  "sub/../../escape.bib",
  "./../../../../root.bib",
  "sub/./../../x.json",
];
const INSIDE = ["refs.bib", "sub/../inside.bib", "..dots.bib", "deep/er/refs.json"];
const paper = (bibs: string[], facts: string[]) =>
  `---\nbibliography:\n${bibs.map((b) => `  - "${b}"`).join("\n")}\nclio:\n  facts:\n${facts.map((f) => `    - "${f}"`).join("\n")}\n---\n\n{1961} [[Albania]] left [@k].\n`;

test("untrusted workspace: bibliographies and fact files outside the root are neither read nor used, and each is reported", () => {
  const text = paper([...OUTSIDE, ...INSIDE], ["../../evil.yaml", "/tmp/evil.yaml", "facts/ok.yaml"]);
  const { ws, reads } = trackingWorkspace({}, false, ["/abs/evil.yaml", "../evil.yaml", "inside.yaml"]);
  ws.setDocument("/ws/paper.md", text, 1);
  const diags = ws.diagnostics("/ws/paper.md");
  ws.factDiagnostics();
  const outsideRead = reads.filter((f) => !f.startsWith("/ws/"));
  assert.deepEqual(outsideRead, [], "no read outside /ws");
  for (const expected of ["/ws/refs.bib", "/ws/inside.bib", "/ws/..dots.bib", "/ws/deep/er/refs.json", "/ws/facts/ok.yaml", "/ws/inside.yaml"]) {
    assert.ok(reads.includes(expected), `${expected} inside the root is read`);
  }
  const refused = diags.filter((d) => d.code === "untrusted-path");
  assert.equal(refused.length, OUTSIDE.length + 2, refused.map((d) => d.message).join("\n"));
  for (const d of refused) {
    const line = text.split("\n")[d.range.start.line];
    const shown = line.slice(d.range.start.character, d.range.end.character);
    assert.ok(d.message.includes(`"${shown}"`), `the range covers the path the message names: ${shown} / ${d.message}`);
    assert.equal(d.severity, "warning");
  }
});

test("trusted (default) workspace reads the paths the author names, inside or out", () => {
  const text = paper(["../outside.bib"], ["../../evil.yaml"]);
  const { ws, reads } = trackingWorkspace({}, undefined);
  ws.setDocument("/ws/paper.md", text, 1);
  const diags = ws.diagnostics("/ws/paper.md");
  assert.ok(reads.includes("/outside.bib"));
  assert.ok(reads.includes("/evil.yaml"));
  assert.equal(diags.filter((d) => d.code === "untrusted-path").length, 0);
});

test("mayRead normalises paths lexically and refuses everything without a root", () => {
  const { ws } = trackingWorkspace({}, false);
  assert.equal(ws.mayRead("/ws/a/../b.bib"), true);
  assert.equal(ws.mayRead("/ws/a/../../b.bib"), false);
  assert.equal(ws.mayRead("/ws"), true);
  assert.equal(ws.mayRead("/wsx/evil.bib"), false, "a sibling sharing the prefix is outside");
  assert.equal(ws.mayRead("/ws/../ws/x.bib"), true);
  const rootless = new ClioWorkspace({ readFile: () => undefined, bundledFacts: [] }, { trusted: false });
  assert.equal(rootless.mayRead("/anything.bib"), false);
});

// ---------------------------------------------------------------- code evaluation and network

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

const EVAL = /\beval\s*\(|\bnew\s+Function\s*\(|(?<![\w.])Function\s*\(\s*["'`]|\bvm\.(runIn|compileFunction|Script)|setTimeout\s*\(\s*["'`]/g;
const NETWORK_MODULES = /require\(\s*["'](?:node:)?(https?|http2|net|tls|dgram|dns|undici)["']\s*\)|from\s+["'](?:node:)?(https?|http2|net|tls|dgram|dns|undici)["']|\bfetch\s*\(|XMLHttpRequest|new\s+WebSocket/g;

test("no eval, new Function or string timers in Clio's own source", () => {
  const hits: string[] = [];
  for (const dir of ["server/src", "client/src"]) {
    for (const file of walk(join(repo, dir))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(EVAL)) hits.push(`${relative(repo, file)}: ${m[0]}`);
    }
  }
  assert.deepEqual(hits, []);
});

test("no network modules, fetch or sockets in Clio's own source", () => {
  const hits: string[] = [];
  for (const dir of ["server/src", "client/src"]) {
    for (const file of walk(join(repo, dir))) {
      const text = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
      for (const m of text.matchAll(NETWORK_MODULES)) hits.push(`${relative(repo, file)}: ${m[0]}`);
    }
  }
  assert.deepEqual(hits, []);
});

/**
 * Third-party sites the bundles may contain, each with the module it comes from
 * (esbuild's `// node_modules/...` banner before it) and why it is acceptable.
 * Anything else fails the test. See SECURITY.md.
 */
const BUNDLE_ALLOWED: Array<{ pattern: RegExp; module: RegExp; why: string }> = [
  { pattern: /Function\s*\(\s*"return this"\s*\)/, module: /node_modules\/lodash/, why: "lodash's globalThis fallback, unreachable in Node" },
  { pattern: /require\("net"\)/, module: /node_modules\/vscode-jsonrpc\//, why: "LSP transport over local pipes/sockets (IPC), never a remote host" },
  { pattern: /\bfetch\s*\(/, module: /./, why: "a method named fetch on a local object (checked: not the global fetch)" },
];

function moduleAt(bundle: string, index: number): string {
  const before = bundle.lastIndexOf("\n// node_modules/", index);
  const srcBefore = bundle.lastIndexOf("\n// server/src/", index);
  const clientBefore = bundle.lastIndexOf("\n// client/src/", index);
  const at = Math.max(before, srcBefore, clientBefore);
  return at < 0 ? "(unknown)" : bundle.slice(at + 4, bundle.indexOf("\n", at + 1));
}

for (const name of ["server.cjs", "cli.cjs", "extension.cjs", "lsp-client.cjs"]) {
  test(`the built bundle dist/${name} evaluates no code and opens no network connection`, (t) => {
    const file = join(repo, "dist", name);
    if (!existsSync(file)) return t.skip("not built (run `node scripts/build.mjs`)");
    const bundle = readFileSync(file, "utf8");
    const problems: string[] = [];
    for (const re of [EVAL, NETWORK_MODULES]) {
      for (const m of bundle.matchAll(re)) {
        const mod = moduleAt(bundle, m.index!);
        // A minified (production) bundle has no module banners: then only the pattern itself is checked.
        const banners = bundle.includes("\n// node_modules/");
        const allowed = BUNDLE_ALLOWED.find((a) => a.pattern.test(m[0] + bundle.slice(m.index! + m[0].length, m.index! + m[0].length + 14)) && (!banners || a.module.test(mod)));
        // A bare `fetch(` is allowed only as a method call (`this.fetch(`, `x.fetch(`) or a method definition.
        if (allowed && /fetch/.test(m[0])) {
          const prefix = bundle.slice(Math.max(0, m.index! - 1), m.index!);
          const line = bundle.slice(bundle.lastIndexOf("\n", m.index!) + 1, m.index!);
          const definition = /^[\w$,\s]*\)\s*\{/.test(bundle.slice(m.index! + m[0].length, m.index! + m[0].length + 40));
          if (prefix === "." || /^\s*$/.test(line) || definition) continue;
          problems.push(`${mod}: global ${m[0]}`);
          continue;
        }
        if (!allowed) problems.push(`${mod}: ${m[0]}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

// ---------------------------------------------------------------- webview CSP

function assertStrictCsp(csp: string, what: string): void {
  assert.match(csp, /default-src 'none'/, `${what}: default-src 'none'`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/, `${what}: no unsafe-*`);
  assert.doesNotMatch(csp, /https?:|wss?:|(^|\s)\*(\s|;|$)|(^|\s)data:\s*[^;]*script/, `${what}: no remote or wildcard sources`);
  const script = /script-src([^;]*)/.exec(csp)?.[1] ?? "";
  assert.match(script, /'nonce-[^']+'/, `${what}: scripts need a nonce`);
  assert.doesNotMatch(script, /data:|blob:/, `${what}: no data:/blob: scripts`);
}

test("the timeline's CSP (standalone HTML and webview) allows no inline or remote code", () => {
  assertStrictCsp(timelineCsp("abc123"), "timelineCsp");
  assertStrictCsp(timelineCsp("abc123", "vscode-webview://resource"), "timelineCsp with cspSource");
  const client = join(repo, "client/src/timeline.ts");
  if (existsSync(client)) {
    const source = readFileSync(client, "utf8");
    const literal = /Content-Security-Policy" content="\$\{(\w+)\}"/.exec(source);
    assert.ok(literal, "the webview sets its CSP in a meta tag");
    const def = new RegExp(`const ${literal![1]} = \`([^\`]*)\``).exec(source);
    assert.ok(def, "the webview CSP is a template literal we can inspect");
    const csp = def![1].replace(/\$\{nonce\}/g, "n0nce").replace(/\$\{webview\.cspSource\}/g, "vscode-webview://resource");
    assertStrictCsp(csp, "client/src/timeline.ts");
  }
});
