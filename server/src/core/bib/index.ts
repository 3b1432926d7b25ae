// STUB — replaced by the bibliography loader (issue 3).
import type { FactProblem, Source } from "../types.js";
export function parseBibliography(_file: string, _text: string): { sources: Source[]; problems: FactProblem[] } {
  return { sources: [], problems: [] };
}
