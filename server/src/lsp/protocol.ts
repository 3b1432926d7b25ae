// Clio's custom LSP messages, shared by the server and the VS Code client.
// Kept free of imports so both bundles can include it.

/** Server → client notification after every diagnostics run. */
export const STATUS_NOTIFICATION = "clio/status";
export interface ClioStatus {
  /** Fact base size; undefined when it could not be loaded. */
  entities?: number;
  events?: number;
  sources?: number;
  errors: number;
  warnings: number;
  information: number;
  /** Documents the server holds (open and indexed). */
  documents: number;
  /** Set when the fact base failed to load. */
  problem?: string;
}

/** Client → server: check every indexed document and publish all diagnostics. */
export const CHECK_WORKSPACE_REQUEST = "clio/checkWorkspace";
export type CheckWorkspaceResult = ClioStatus & { files: number };

/** Client → server: entities for a quick pick. */
export const ENTITIES_REQUEST = "clio/entities";
export interface EntitySummary {
  id: string;
  name: string;
  type: string;
  detail: string;
  aliases: string[];
}

/** Client → server: the hover card of one entity, as Markdown. */
export const ENTITY_CARD_REQUEST = "clio/entityCard";
export interface EntityCardParams {
  id: string;
}

/** Benchmark → server (only when started with CLIO_TIMINGS=1): handler times in ms by request name since the last call. */
export const TIMINGS_REQUEST = "clio/timings";
export type TimingsResult = Record<string, number[]>;
