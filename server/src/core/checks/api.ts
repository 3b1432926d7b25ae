// The contract every check implements. A new check is one file in this folder
// that exports a DocumentCheck (or WorkspaceCheck), registered in ./index.ts,
// plus its fixtures under test/fixtures/.
import type { Claim, ClioDiagnostic, FactIndex, ParsedDocument, Severity, Source } from "../types.js";

export interface CheckContext {
  doc: ParsedDocument;
  facts: FactIndex;
  /** Source by key: the document's bibliographies first, then the fact base. */
  source(key: string): Source | undefined;
  /** Every known source key (for "closest key" suggestions). */
  sourceKeys(): Iterable<string>;
  /** Path of the workspace fact file where entity stubs go (quick fix). */
  workspaceFactFile?: string;
  /** Current text of a file (for positioning stub edits), if readable. */
  readFile?(path: string): string | undefined;
}

export interface DocumentCheck {
  /** Diagnostic codes this check may emit. */
  codes: readonly string[];
  /** Runs on every claim of the document (explicit and, in prose mode, implicit ones). */
  check(ctx: CheckContext, claims: readonly Claim[]): ClioDiagnostic[];
}

export interface WorkspaceCheck {
  codes: readonly string[];
  /**
   * Runs across every document of the workspace or CLI run, as a generator that may
   * pause (yield) between pieces of work so a server stays responsive on huge papers.
   */
  checkWorkspace(docs: ReadonlyArray<{ doc: ParsedDocument; claims: readonly Claim[] }>, facts: FactIndex): Generator<void, ClioDiagnostic[]>;
}

/** Default severities of spec §5. */
export const DEFAULT_SEVERITY: Readonly<Record<string, Severity>> = {
  "date-invalid": "error",
  "entity-unknown": "warning",
  "entity-ambiguous": "warning",
  "entity-not-existing": "error",
  "role-anachronism": "error",
  "name-anachronism": "warning",
  "event-date-mismatch": "error",
  "citation-unknown": "error",
  "citation-anachronism": "error",
  "citation-locator-out-of-range": "warning",
  "claim-uncited": "information",
  "date-conflict": "warning",
  "front-matter-invalid": "error",
  "fact-file-invalid": "error",
  "bibliography-invalid": "error",
  "untrusted-path": "warning",
};
