// Fuzz properties shared by the short run in `npm test` (fuzz.test.ts) and the long
// run of `npm run fuzz` (scripts/fuzz.mjs). Each property drives the core end to end
// and fails on any exception, any internal-error diagnostic, any range outside its
// file, or any change to the user's text.
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ClioWorkspace, type WorkspaceHost } from "../../server/src/core/workspace.js";
import { buildFactIndex } from "../../server/src/core/facts/index.js";
import { parseBibliography } from "../../server/src/core/bib/index.js";
import { hoverAt, completionsAt } from "../../server/src/core/features/index.js";
import type { ClioDiagnostic, FactFileText, FactProblem, Range } from "../../server/src/core/types.js";

const root = join(import.meta.dirname, "../..");

export function bundledFactFiles(): FactFileText[] {
  const dir = join(root, "server/data/facts");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: `server/data/facts/${f}`, text: readFileSync(join(dir, f), "utf8"), origin: "bundled" as const }));
}

// ---------------------------------------------------------------- invariants

/** Line lengths as LSP counts them (lines end at \n, \r\n or a lone \r). */
let lastText: string | undefined;
let lastLengths: number[] = [];
function lineLengths(text: string): number[] {
  // Memoised: callers check thousands of ranges against the same (possibly 10 MB) text.
  if (text !== lastText) {
    lastLengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
    lastText = text;
  }
  return lastLengths;
}

export function assertRangeInside(range: Range, text: string, what: string): void {
  const lines = lineLengths(text);
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) throw new Error(`${what}: non-integer position ${JSON.stringify(p)}`);
    if (p.line < 0 || p.line >= lines.length) throw new Error(`${what}: line ${p.line} outside the file (${lines.length} lines)`);
    if (p.character < 0 || p.character > lines[p.line]) throw new Error(`${what}: character ${p.character} outside line ${p.line} (length ${lines[p.line]})`);
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) throw new Error(`${what}: range ends before it starts ${JSON.stringify(range)}`);
}

function assertDiagnostics(diags: readonly ClioDiagnostic[], files: Record<string, string>): void {
  for (const d of diags) {
    if (d.code === "internal-error") throw new Error(`internal error: ${d.message}`);
    const text = files[d.uri];
    if (text === undefined) continue; // a diagnostic on a file we did not write (e.g. a missing bibliography)
    assertRangeInside(d.range, text, `${d.code} "${d.message}"`);
    for (const fix of d.fixes ?? []) for (const fe of fix.edits) {
      const target = files[fe.uri];
      if (target !== undefined && !fe.create) for (const e of fe.edits) assertRangeInside(e.range, target, `fix "${fix.title}"`);
    }
  }
}

function assertProblems(problems: readonly FactProblem[], file: string, text: string): void {
  for (const p of problems) if (p.file === file) assertRangeInside(p.range, text, `${p.code} "${p.message}"`);
}

// ---------------------------------------------------------------- generators

const PIECES = [
  "{", "}", "[", "]", "[[", "]]", "|", "@", "`", "```", "~~~", "$", "$$", "<!--", "-->", "<div>", "</div>", "\n", "\n\n", "\r\n", "\r",
  " ", "    ", "\t", ".", "!", "?", ";", ",", "p. ", "pp. ", "1961", "-12", "-02-30", "/", "..", "X", "~", "%", "?", "-0043", "0000",
  "Hồ Chí Minh", "🇦🇱", "\u0000", "\uFEFF", "\uD800", "\uDC00", "\u200B", "é", "e\u0301",
  "---\n", "...\n", "- ", "1. ", "# ", "> ", "\\", "(", ")", "{#id}", "{.class}", "{1961}", "{1961-13}", "{1961-12-03}", "{1962-21}",
  "{196X}", "{1961-04/..}", "{../1961}", "{1961-04/1961-06}", "{-0043-03-15}", "[[Albania]]", "[[Enver Hoxha|Hoxha]]", "[[Zhou Enlai]]",
  "[[Soviet Union]]", "[[nobody]]", "[[", "Premier ", "Defence Minister ", "Marshal ", "visited ", "signed ", "withdrew ",
  "[@tretiak1962, p. 141]", "[@biberaj1986]", "[see @a, p. 3; @b]", "@fink1998 [p. 33]", "[@nosuch]", "[@tretiak1962, p. 99999]",
  "In April 1961, ", "on 5 September 1968 ", "spring 1962 ", "e.g. ", "U.S. ", "J. ",
  "title: x\n", "bibliography: refs.bib\n", "bibliography: ../../etc/passwd\n", "clio:\n", "  prose: true\n", "  facts: [x.yaml]\n",
  "  severity: {claim-uncited: off}\n", "  severity: 7\n",
];

/** Documents made of Markdown and Clio fragments (so the fuzzer reaches the interesting paths), plus raw noise. */
export const documentText = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("---\n", "---\nclio:\n  prose: true\n---\n", ""), fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }))
      .map(([fm, parts]) => fm + parts.join("")),
  },
);

/** Random edits applied to a seed text: insert a fragment, delete a slice, duplicate a slice, flip a character. */
export function mutate(seedText: string) {
  const edit = fc.oneof(
    fc.tuple(fc.constant("insert" as const), fc.nat(), fc.constantFrom(...PIECES)),
    fc.tuple(fc.constant("delete" as const), fc.nat(), fc.nat({ max: 40 })),
    fc.tuple(fc.constant("duplicate" as const), fc.nat(), fc.nat({ max: 80 })),
    fc.tuple(fc.constant("flip" as const), fc.nat(), fc.integer({ min: 0, max: 0xffff })),
  );
  return fc.array(edit, { minLength: 1, maxLength: 12 }).map((edits) => {
    let t = seedText;
    for (const [kind, at, arg] of edits) {
      const i = t.length ? at % (t.length + 1) : 0;
      if (kind === "insert") t = t.slice(0, i) + arg + t.slice(i);
      else if (kind === "delete") t = t.slice(0, i) + t.slice(i + (arg as number));
      else if (kind === "duplicate") t = t.slice(0, i) + t.slice(i, i + (arg as number)) + t.slice(i);
      else t = t.slice(0, i) + String.fromCharCode(arg as number) + t.slice(i + 1);
    }
    return t;
  });
}

// ---------------------------------------------------------------- end-to-end drivers

const DOC = "/fuzz/ws/paper.md";
const BIB = "/fuzz/ws/refs.bib";
const FACTS = "/fuzz/ws/clio.facts.yaml";

function memoryHost(files: Record<string, string>, bundledFacts: FactFileText[]): WorkspaceHost {
  return { root: "/fuzz/ws", readFile: (f) => files[f], listDir: () => [], bundledFacts };
}

/** A document through the whole workspace: parse, every check, hover and completion at a few positions. */
export function checkDocumentEndToEnd(ws: ClioWorkspace, text: string, files: Record<string, string>, probes: number[] = []): void {
  const doc = ws.setDocument(DOC, text, 1);
  if (doc.text !== text) throw new Error("the parsed document does not hold the user's text unchanged");
  const all = { ...files, [DOC]: text };
  assertDiagnostics(ws.diagnostics(DOC), all);
  for (const [, list] of ws.workspaceDiagnostics()) assertDiagnostics(list, all);
  const lines = text.split(/\r\n|\r|\n/);
  for (const probe of probes) {
    const line = probe % lines.length;
    const position = { line, character: (probe >>> 8) % (lines[line].length + 1) };
    const card = hoverAt(ws, DOC, position);
    if (card) assertRangeInside(card.range, text, "hover range");
    for (const item of completionsAt(ws, DOC, position)) assertRangeInside(item.range, text, `completion "${item.label}"`);
  }
}

let sharedWorkspace: ClioWorkspace | undefined;
/** One workspace over the bundled facts, reused across runs: the fact index is built once. */
export function bundledWorkspace(): ClioWorkspace {
  if (!sharedWorkspace) {
    sharedWorkspace = new ClioWorkspace(memoryHost({ [BIB]: "@book{refs1990, title={A}, year={1990}}" }, bundledFactFiles()));
    sharedWorkspace.facts();
  }
  return sharedWorkspace;
}

/** A fact file through buildFactIndex and, as the workspace's clio.facts.yaml, through the workspace. */
export function checkFactFileEndToEnd(text: string, docText = "{1961} [[Albania]] visited [[bench-x]] [@k]."): void {
  const index = buildFactIndex([{ file: FACTS, text, origin: "workspace" }]);
  assertProblems(index.problems, FACTS, text);
  // Touch the lookups the checks use, on whatever the file defined.
  for (const e of [...index.entities.values()].slice(0, 20)) {
    index.lookup(e.name);
    void e.origin.range;
  }
  const files = { [FACTS]: text };
  const ws = new ClioWorkspace(memoryHost(files, []));
  ws.setDocument(DOC, docText, 1);
  assertDiagnostics(ws.diagnostics(DOC), { ...files, [DOC]: docText });
  for (const d of ws.factDiagnostics()) if (d.uri === FACTS) assertRangeInside(d.range, text, `${d.code} "${d.message}"`);
}

export function checkBibliography(text: string, file = BIB): void {
  const { sources, problems } = parseBibliography(file, text);
  assertProblems(problems, file, text);
  for (const s of sources) if (typeof s.key !== "string") throw new Error("a source without a string key");
}

// ---------------------------------------------------------------- seeds for mutation

export const SEED_PAPER = [
  "---",
  "title: Seed",
  "bibliography: refs.bib",
  "clio:",
  "  severity: {claim-uncited: information}",
  "---",
  "",
  "{1961-12} The [[Soviet Union]] broke off relations with [[Albania]] [@tretiak1962, p. 141].",
  "Premier [[Zhou Enlai]] visited [[Albania]] {1963-12-31/1964-01-09} [see @biberaj1986, pp. 12–14; @refs1990].",
  "",
  "In April 1961, Premier Khrushchev wrote to Tirana. {1961-13} [[Nobody]] left.",
  "",
  "```",
  "{1961} [[Albania]] in code",
  "```",
  "",
  "- {1955~} [[Enver Hoxha|Hoxha]] spoke $x_{1}$ <!-- {1999} --> `{1950}` @fink1998 [p. 33].",
].join("\n");

export const SEED_FACTS = `sources:
  - key: k
    type: book
    title: A book
    issued: "1960"
    page: "1-200"
    sources: [{ key: k, locator: "p. 1" }]
entities:
  - id: bench-x
    type: person
    name: Bench X
    aliases: [X, Bee Ex]
    existence: { start: "1900-01-01", end: "1970" }
    offices:
      - { title: premier, of: albania, start: "1950", end: "1960", sources: [{ key: k }] }
    names:
      - { name: Old X, kind: short, from: "1900", to: "1940", sources: [{ key: k }] }
    sources: [{ key: k, locator: "p. 2" }]
    alternatives: [{ start: "1899", sources: [{ key: k }] }]
    conflict: true
  - id: albania
    type: state
    name: Albania
    sources: [{ key: k }]
events:
  - id: ev-1
    type: visit
    name: A visit
    participants: [bench-x, albania]
    date: "1955-04/1955-06"
    sources: [{ key: k }]
titles:
  - { id: premier, name: Premier, aliases: [Prime Minister] }
eventTypes:
  - { id: visit, name: Visit, triggers: [visited, toured] }
conflicts:
  - { id: c1, about: "entity:bench-x.start", sources: [{ key: k }] }
`;

export const SEED_BIBTEX = `@book{fink1998,
  author = {Fink, Carole and {Academy of Sciences}},
  title = {The {Cold} War: An \\"{U}ber-History},
  publisher = {Westview},
  year = {1998},
  pages = {1--350},
}
@article{tretiak1962, author={Tretiak, Daniel}, title={Entente}, journal={CQ}, date={1962-06}, pages={123--143}}
@string{cq = "China Quarterly"}
@misc{x, title = cq # " issue", note = {% not a comment}}
`;

export const SEED_CSL = JSON.stringify([
  { id: "a1990", type: "book", title: "A", issued: { "date-parts": [[1990, 4]] }, page: "1-20", author: [{ family: "A", given: "B" }] },
  { id: "b", type: "article", issued: { literal: "spring 1962" } },
]);

/** Structured fact files: arbitrary JSON-ish values in roughly the right shape, serialised as YAML or JSON. */
export const factFileValue = fc.record(
  {
    sources: fc.array(fc.record({ key: fc.oneof(fc.string(), fc.constant("k")), type: fc.constantFrom("book", "article", 7), issued: fc.oneof(fc.string(), fc.constantFrom("1960", "1961-13", "..")) }, { requiredKeys: [] }), { maxLength: 3 }),
    entities: fc.array(
      fc.record(
        {
          id: fc.oneof(fc.constantFrom("a", "b", "albania", "a"), fc.string()),
          type: fc.constantFrom("person", "state", "party", "event", "unicorn"),
          name: fc.oneof(fc.string(), fc.constant("Albania"), fc.constant("")),
          aliases: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
          existence: fc.record({ start: fc.oneof(fc.string(), fc.constantFrom("1900", "1961-02-30", "2000/1900")), end: fc.string() }, { requiredKeys: [] }),
          offices: fc.array(fc.record({ title: fc.constantFrom("premier", "nope"), of: fc.constantFrom("a", "zzz"), start: fc.string(), end: fc.string(), sources: fc.constant([{ key: "k" }]) }, { requiredKeys: [] }), { maxLength: 2 }),
          names: fc.array(fc.record({ name: fc.string(), kind: fc.constantFrom("official", "short", "x"), from: fc.string(), to: fc.string() }, { requiredKeys: [] }), { maxLength: 2 }),
          sources: fc.oneof(fc.constant([{ key: "k" }]), fc.constant([{ key: "missing" }]), fc.anything({ maxDepth: 2 })),
          conflict: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    ),
    events: fc.array(fc.record({ id: fc.string(), type: fc.string(), participants: fc.array(fc.constantFrom("a", "b", "ghost"), { maxLength: 3 }), date: fc.string() }, { requiredKeys: [] }), { maxLength: 3 }),
    conflicts: fc.array(fc.record({ id: fc.string(), about: fc.constantFrom("entity:a", "event:x.date", "bogus", "") }, { requiredKeys: [] }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

export const bibtexText = fc.oneof(
  mutate(SEED_BIBTEX),
  fc.array(fc.constantFrom("@", "@book", "{", "}", ",", "=", "\"", "#", "\\", "{\\\"u}", "key", " ", "\n", "author", "and", "%", "@string", "@comment", "--", "title"), { maxLength: 80 }).map((a) => a.join("")),
  fc.string({ unit: "binary", maxLength: 200 }),
);

export const cslText = fc.oneof(mutate(SEED_CSL), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)));
