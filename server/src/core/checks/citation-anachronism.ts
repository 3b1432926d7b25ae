// citation-anachronism: a source issued before the claim's earliest day cannot
// attest it (a 1962 article cannot report a 1964 visit).
import type { ClioDate, ClioDiagnostic, Source } from "../types.js";
import type { DocumentCheck } from "./api.js";
import { claimDateText, diagnostic, severityFor, sourceLabel } from "./util.js";
import { parseEdtfOrUndefined } from "../dates/index.js";

export const citationAnachronism: DocumentCheck = {
  codes: ["citation-anachronism"],
  check(ctx, claims) {
    const out: ClioDiagnostic[] = [];
    for (const claim of claims) {
      const date = claim.dateTag.date;
      if (!date || !Number.isFinite(date.earliest)) continue;
      for (const citation of claim.citations) {
        for (const item of citation.items) {
          const source = ctx.source(item.key);
          // Bibliography entries may carry only the issue date as text.
          const issued = source && issuedOf(source);
          if (!source || !issued || !Number.isFinite(issued.latest)) continue;
          if (issued.latest >= date.earliest) continue;
          // Certainly earlier, or earlier only once uncertainty is taken away.
          const overlap = issued.looseLatest >= date.looseEarliest ? "fuzzy" : "disjoint";
          const provenance = source.from === "bibliography" ? "" : ` ${sourceLabel(source.sources)}`;
          out.push(
            diagnostic(
              ctx.doc,
              "citation-anachronism",
              severityFor("error", overlap),
              item.keyRange,
              `@${item.key} was issued ${source.issued}${provenance}, before this claim's date ${claimDateText(claim.dateTag.raw, date)}, so it cannot attest it.`,
              {
                related: [{ uri: ctx.doc.uri, range: claim.dateTag.range, message: `The claim's date: ${claimDateText(claim.dateTag.raw, date)}` }],
                implicit: claim.implicit || undefined,
              },
            ),
          );
        }
      }
    }
    return out;
  },
};

/** Parsed issue dates of bibliography entries, once per entry (a book cites the same sources over and over). */
const issuedCache = new WeakMap<Source, ClioDate | null>();

function issuedOf(source: Source): ClioDate | undefined {
  if (source.issuedDate) return source.issuedDate;
  let issued = issuedCache.get(source);
  if (issued === undefined) issuedCache.set(source, (issued = parseEdtfOrUndefined(source.issued) ?? null));
  return issued ?? undefined;
}
