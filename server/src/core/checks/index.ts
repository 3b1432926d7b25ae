// Registry of checks. Each check lives in its own file in this folder.
import type { DocumentCheck, WorkspaceCheck } from "./api.js";

export const documentChecks: DocumentCheck[] = [];
export const workspaceChecks: WorkspaceCheck[] = [];
