import { generateManuscript, loadBundledVocabulary } from "./gen.js";
import { scanBlocks } from "../server/src/core/parse/blocks.js";
import { parseInline } from "../server/src/core/parse/inline.js";
import { lineStarts } from "../server/src/core/text.js";
import { parseDocument } from "../server/src/core/parse/index.js";
const vocab = loadBundledVocabulary(process.cwd());
const t = generateManuscript({ bytes: 1_000_000, vocab, seed: 1, bibliography: "refs.bib" }).text;
for (let r = 0; r < 6; r++) {
  let t0 = performance.now(); const ls = lineStarts(t); const a = performance.now() - t0;
  t0 = performance.now(); const blocks = scanBlocks(t, 0); const b = performance.now() - t0;
  t0 = performance.now(); let n = 0; for (const bl of blocks) if (bl.kind === "prose") n += parseInline(t.slice(bl.start, bl.end)).tags.length; const c = performance.now() - t0;
  t0 = performance.now(); parseDocument("/m.md", t); const d = performance.now() - t0;
  console.log(`lines ${a.toFixed(1)} blocks ${b.toFixed(1)} inline ${c.toFixed(1)} full ${d.toFixed(1)}`);
}
