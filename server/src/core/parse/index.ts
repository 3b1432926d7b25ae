// STUB — replaced by the parser (issue 2).
import type { ParsedDocument } from "../types.js";
export function parseDocument(uri: string, text: string, version?: number): ParsedDocument {
  return { uri, text, version, lineStarts: [0], dateTags: [], links: [], citations: [], claims: [], diagnostics: [], excluded: [], paragraphs: [] };
}
