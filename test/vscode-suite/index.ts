// Entry of the in-host suite (@vscode/test-electron layout): the extension host
// calls run(), which runs every bundled *.test.cjs beside this file with mocha.
import * as path from "node:path";
import * as fs from "node:fs";
import Mocha from "mocha";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", color: false, timeout: 60000 });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith(".test.cjs")) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} Clio extension tests failed.`)) : resolve()));
  });
}
