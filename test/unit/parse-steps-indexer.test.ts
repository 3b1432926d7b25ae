// The language server's startup index parses the workspace's closed papers in
// steps (lsp/indexer.ts): every paper ends up parsed exactly as parseDocument
// would, a large one takes many steps rather than one, and a paper the
// workspace got meanwhile (opened in the editor, re-read from disk) keeps that
// newer text. Steps are counted, never timed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClioWorkspace } from "../../server/src/core/workspace.js";
import { parseDocument } from "../../server/src/core/parse/index.js";
import { indexPapersInSteps, reindexPaperInSlices, runInSlices, type IndexOptions } from "../../server/src/lsp/indexer.js";

const SMALL = "{1961} [[Albania]] left the bloc [@k, p. 3].\n";
const LARGE = "{1962} [[China]] sent aid [@k, p. 4]. Nothing more is known.\n\n".repeat(6000);

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "clio-index-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function emptyWorkspace(): ClioWorkspace {
  return new ClioWorkspace({ root: "/", bundledFacts: [], readFile: () => undefined, listDir: () => [] });
}

function options(ws: ClioWorkspace, open: Set<string> = new Set()): IndexOptions {
  return { workspace: () => ws, isOpen: (file) => open.has(file), onError: (file, err) => assert.fail(`${file}: ${String(err)}`) };
}

/** Runs the index to its end; `between` is called before every step after the first. */
function run(steps: Generator<void, number>, between: (step: number) => void = () => {}): { found: number; steps: number } {
  for (let count = 1; ; count++) {
    if (count > 1) between(count);
    const next = steps.next();
    if (next.done) return { found: next.value, steps: count };
  }
}

test("the index parses every paper as parseDocument does, a large one in many steps", () => {
  const root = folder({ "a.md": SMALL, "book/large.md": LARGE, "notes.txt": "not a paper", "node_modules/x.md": SMALL });
  try {
    const ws = emptyWorkspace();
    const { found, steps } = run(indexPapersInSteps(root, options(ws)));
    assert.equal(found, 2);
    assert.deepEqual(ws.getDocument(join(root, "a.md")), parseDocument(join(root, "a.md"), SMALL));
    assert.deepEqual(ws.getDocument(join(root, "book/large.md")), parseDocument(join(root, "book/large.md"), LARGE));
    assert.equal(ws.getDocument(join(root, "node_modules/x.md")), undefined);
    // 6,000 paragraphs: far more steps than files, since no paper is parsed in one go.
    assert.ok(steps > 50, `${steps} steps`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a paper open in the editor, or set while the index parsed it, keeps that text", () => {
  const root = folder({ "large.md": LARGE, "open.md": SMALL });
  try {
    const ws = emptyWorkspace();
    const large = join(root, "large.md");
    const open = join(root, "open.md");
    let setMeanwhile = false;
    run(indexPapersInSteps(root, options(ws, new Set([open]))), (step) => {
      // Halfway through the large paper's parse, the editor's buffer arrives.
      if (step === 20) {
        assert.equal(ws.getDocument(large), undefined, "not yet stored at step 20");
        ws.setDocument(large, "{1999} the buffer.\n");
        setMeanwhile = true;
      }
    });
    assert.ok(setMeanwhile);
    assert.equal(ws.getDocument(large)?.text, "{1999} the buffer.\n");
    assert.equal(ws.getDocument(open), undefined, "an open paper is the editor's to parse");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a paper deleted on disk while the index parsed it stays deleted", () => {
  const root = folder({ "large.md": LARGE, "kept.md": SMALL });
  try {
    const ws = emptyWorkspace();
    const large = join(root, "large.md");
    run(indexPapersInSteps(root, options(ws)), (step) => {
      // What the file watcher sees halfway through the parse: the file is gone.
      if (step === 20) rmSync(large);
    });
    assert.equal(ws.getDocument(large), undefined);
    assert.equal(ws.getDocument(join(root, "kept.md"))?.text, SMALL);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("runInSlices gives the event loop back between slices and reports the result once", async () => {
  let stepsRun = 0;
  function* steps(): Generator<void, string> {
    for (let i = 0; i < 200; i++) {
      stepsRun++;
      // Each step takes about a millisecond, so 200 of them cannot fit in one 5 ms slice.
      const until = performance.now() + 1;
      while (performance.now() < until);
      yield;
    }
    return "done";
  }
  let immediates = 0;
  const ticking = setInterval(() => immediates++, 0);
  let reports = 0;
  const result = await new Promise<string | undefined>((resolve) =>
    runInSlices(steps(), (value) => {
      reports++;
      resolve(value);
    }, 5),
  );
  clearInterval(ticking);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(result, "done");
  assert.equal(reports, 1);
  assert.equal(stepsRun, 200);
  assert.ok(immediates > 0, "timers ran while the steps were under way");
});

test("a paper re-read from disk is parsed in slices; a later re-read or the editor's buffer wins", async () => {
  const ws = emptyWorkspace();
  const file = "/w/chapter.md";
  ws.setDocument(file, SMALL);
  const reread = (text: string, open: Set<string> = new Set()) =>
    new Promise<void>((resolve) => reindexPaperInSlices(file, text, options(ws, open), resolve));
  // Changed on disk: the new text replaces the old, parsed as parseDocument would.
  await reread(LARGE);
  assert.deepEqual(ws.getDocument(file), parseDocument(file, LARGE));
  // Two quick changes: the second read wins even though the first started earlier.
  const first = reread(LARGE + "{1970} [[Albania]] first.\n");
  const second = reread("{1971} [[Albania]] second.\n");
  await Promise.all([first, second]);
  assert.equal(ws.getDocument(file)?.text, "{1971} [[Albania]] second.\n");
  // Opened in the editor meanwhile: the buffer is the editor's to parse, the read gives way.
  await reread(LARGE, new Set([file]));
  assert.equal(ws.getDocument(file)?.text, "{1971} [[Albania]] second.\n");
});
