// STUB — replaced by the fact-base loader (issue 3).
import type { FactFileText, FactIndex } from "../types.js";
export function buildFactIndex(_files: FactFileText[]): FactIndex {
  throw new Error("fact index not implemented yet");
}
