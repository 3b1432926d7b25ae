// The timeline's data model: plain JSON (no Infinity, no Maps) so it travels
// unchanged through the LSP request, the webview message and the standalone
// HTML file, and the same drawing code reads it everywhere.
import type { Range, Severity } from "../types.js";

export type LaneMode = "actor" | "document";
export type TimelineScope = "document" | "workspace";

/** Day numbers (days since 1970-01-01); open ends are flagged, never infinite. */
export interface TimelineSpan {
  edtf: string;
  earliest: number;
  latest: number;
  /** Bounds widened by `?`, `~`, `%`; equal to earliest/latest when the date is plain. */
  looseEarliest: number;
  looseLatest: number;
  /** An EDTF interval (`a/b`) rather than a single date of some precision. */
  interval: boolean;
  uncertain: boolean;
  approximate: boolean;
  unspecified: boolean;
  openStart: boolean;
  openEnd: boolean;
}

export interface TimelineDiagnostic {
  severity: Severity;
  code: string;
  message: string;
}

export interface TimelineClaim extends TimelineSpan {
  /** Stable within one data set: `${document}:${index}`. */
  id: string;
  uri: string;
  /** Index into TimelineData.documents. */
  document: number;
  /** Index of the claim in its document. */
  index: number;
  range: Range;
  /** Claim text with the markup removed, whitespace collapsed. */
  text: string;
  /** Lane keys of the linked actors, subject first (see TimelineData.actors). */
  actors: string[];
  /** Worst severity among the claim's diagnostics. */
  severity?: Severity;
  diagnostics: TimelineDiagnostic[];
  implicit?: boolean;
}

export interface TimelineActor {
  key: string;
  name: string;
  /** Entity type when the link resolved to one fact-base entity. */
  type?: string;
}

/** A fact-base event of a linked actor, drawn faintly behind the claims. */
export interface TimelineContextEvent extends TimelineSpan {
  id: string;
  name: string;
  type: string;
  /** Lane keys of the linked actors taking part. */
  actors: string[];
  sources: string[];
}

export interface TimelineDocument {
  uri: string;
  name: string;
  /** Claims whose date tag could not be placed (invalid date). */
  undated: number;
}

export interface TimelineData {
  version: 1;
  title: string;
  scope: TimelineScope;
  documents: TimelineDocument[];
  actors: TimelineActor[];
  claims: TimelineClaim[];
  context: TimelineContextEvent[];
}

/** Lane key for claims that link no actor. */
export const NO_ACTOR = "";

/** Client → server: the timeline of one document or of the whole workspace (URIs are LSP URIs). */
export const TIMELINE_REQUEST = "clio/timeline";
export interface TimelineParams {
  /** The document (LSP URI) for scope "document"; for "workspace", the one to refresh first. */
  uri?: string;
  scope: TimelineScope;
}
