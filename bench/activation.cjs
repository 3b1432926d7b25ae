// Times extension activation without VS Code: loads dist/extension.cjs with a
// stub `vscode` module (every property is a callable, constructible no-op) and
// runs activate() with a fake ExtensionContext. Prints {requireMs, activateMs,
// totalMs}, plus deferredMs: loading dist/lsp-client.cjs, which the extension
// requires only after activate() has returned (not part of activation).
const Module = require("node:module");
const path = require("node:path");
const fs = require("node:fs");
function stub(name) {
  const fn = function () { return stub(name + "()"); };
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === "then") return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === "length") return 0;
      return stub(name + "." + String(prop));
    },
    set() { return true; }, // e.g. statusBarItem.text = …
    construct() { return stub("new " + name); },
    apply() { return stub(name + "()"); },
  });
}
// The module itself must list its exports: a bundle's `import * as vscode`
// copies the module's own property names (esbuild's __toESM), and a bare
// proxy has none, so activate() would fail at its first `vscode.workspace`.
function vscodeNames() {
  try {
    const dts = fs.readFileSync(require.resolve("@types/vscode/index.d.ts"), "utf8");
    return [...new Set([...dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)].map((m) => m[1]))];
  } catch {
    return ["version", "workspace", "window", "commands", "languages", "extensions", "env", "Uri", "EventEmitter", "Disposable", "Range", "Position"];
  }
}
const names = vscodeNames();
const known = new Set(names);
// One stub per export, as the real module hands out the same objects each time.
const exported = new Map();
const member = (prop) => {
  if (!exported.has(prop)) exported.set(prop, stub("vscode." + String(prop)));
  return exported.get(prop);
};
const vscode = new Proxy(
  {},
  {
    get: (_t, prop) => (prop === "then" || prop === "__esModule" ? undefined : member(prop)),
    ownKeys: () => names,
    getOwnPropertyDescriptor: (_t, prop) =>
      known.has(prop) ? { configurable: true, enumerable: true, writable: false, value: member(prop) } : undefined,
  },
);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") return vscode;
  return load.call(this, request, parent, isMain);
};
const file = path.resolve(process.argv[2] || "dist/extension.cjs");
const root = path.dirname(path.dirname(file));
const t0 = performance.now();
const ext = require(file);
const t1 = performance.now();
const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: { fsPath: root, path: root, scheme: "file", toString: () => "file://" + root },
  asAbsolutePath: (p) => path.join(root, p),
  globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
  storageUri: undefined, globalStorageUri: { fsPath: "/tmp" }, logUri: { fsPath: "/tmp" },
  extensionMode: 1, environmentVariableCollection: stub("env"), secrets: stub("secrets"),
};
let error;
Promise.resolve()
  .then(() => ext.activate && ext.activate(context))
  .catch((e) => { error = String(e && e.message || e); })
  .finally(() => {
    const t2 = performance.now();
    // Exits before the extension's own deferred start (a setImmediate) can run.
    let deferredMs;
    const client = path.join(path.dirname(file), "lsp-client.cjs");
    if (fs.existsSync(client)) {
      require(client);
      deferredMs = performance.now() - t2;
    }
    process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, deferredMs, error }) + "\n");
    process.exit(0);
  });
