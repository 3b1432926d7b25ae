// Times extension activation without VS Code: loads dist/extension.cjs with a
// stub `vscode` module (every property is a callable, constructible no-op) and
// runs activate() with a fake ExtensionContext. Prints {requireMs, activateMs}.
const Module = require("node:module");
const path = require("node:path");
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
    construct() { return stub("new " + name); },
    apply() { return stub(name + "()"); },
  });
}
const vscode = stub("vscode");
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
    process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, error }) + "\n");
    process.exit(0);
  });
