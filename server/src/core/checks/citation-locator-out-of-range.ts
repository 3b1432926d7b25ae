// citation-locator-out-of-range: a cited page outside the source's known page range.
import type { ClioDiagnostic, CitationItem, ParsedDocument, Range } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { blockAround, diagnostic, rangeOf } from "./util.js";
import { parsePageRange } from "../facts/load.js";

export const citationLocatorOutOfRange: DocumentCheck = {
  codes: ["citation-locator-out-of-range"],
  check(ctx) {
    const out: ClioDiagnostic[] = [];
    for (const citation of ctx.doc.citations) {
      for (const item of citation.items) {
        const pages = item.locator?.pages;
        if (!pages?.length) continue;
        const source = ctx.source(item.key);
        const bounds = source?.pageRange ?? (source?.page ? parsePageRange(source.page) : undefined);
        if (!source || !bounds) continue;
        const outside = pages.filter(([a, b]) => a < bounds[0] || b > bounds[1]);
        if (outside.length === 0) continue;
        const shown = outside.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ");
        const provenance = source.from === "bibliography" ? "" : ` [${source.key}${source.sources[0]?.locator ? ` ${source.sources[0].locator}` : ""}]`;
        out.push(
          diagnostic(
            ctx.doc,
            "citation-locator-out-of-range",
            "warning",
            locatorRange(ctx.doc, item),
            `Page ${shown} is outside @${item.key}, which runs from p. ${bounds[0]} to p. ${bounds[1]}${provenance}.`,
          ),
        );
      }
    }
    return out;
  },
};

/** The locator as written inside the item, falling back to the key. */
function locatorRange(doc: ParsedDocument, item: CitationItem): Range {
  const value = item.locator?.value;
  if (value) {
    const text = doc.text.slice(item.span.start, Math.max(item.span.end, item.span.start));
    const at = text.lastIndexOf(value);
    if (at >= 0) return rangeOf(doc, { start: item.span.start + at, end: item.span.start + at + value.length });
    // In-text citations `@key [p. 33]` keep the locator after the item's span.
    // Not past the item's own paragraph: results are kept per paragraph.
    const block = blockAround(doc.text, doc.paragraphs, item.span.end);
    const after = doc.text.slice(item.span.end, Math.min(item.span.end + 80, block.end));
    const at2 = after.indexOf(value);
    if (at2 >= 0) return rangeOf(doc, { start: item.span.end + at2, end: item.span.end + at2 + value.length });
  }
  return item.keyRange;
}
