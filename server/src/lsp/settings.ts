// The `clio.*` settings: clio.prose (auto|on|off), clio.severity.<code>, clio.factFiles.
import type { SeveritySetting } from "../core/types.js";
import type { WorkspaceSettings } from "../core/workspace.js";
import type { ServerState } from "./state.js";

export interface ClioConfiguration {
  prose?: "auto" | "on" | "off";
  severity?: Record<string, SeveritySetting | "default" | undefined>;
  factFiles?: string[];
}

const SEVERITIES = new Set(["error", "warning", "information", "hint", "off"]);

export function toWorkspaceSettings(config: ClioConfiguration | null | undefined): WorkspaceSettings {
  const settings: WorkspaceSettings = {};
  if (config?.prose === "on") settings.prose = true;
  else if (config?.prose === "off") settings.prose = false;
  const severity: Record<string, SeveritySetting> = {};
  for (const [code, value] of Object.entries(config?.severity ?? {})) {
    if (typeof value === "string" && SEVERITIES.has(value)) severity[code] = value as SeveritySetting;
  }
  if (Object.keys(severity).length) settings.severity = severity;
  if (Array.isArray(config?.factFiles)) settings.factFiles = config.factFiles.filter((f): f is string => typeof f === "string" && f.length > 0);
  return settings;
}

/** Pulls the settings from the client; returns whether the fact files changed. */
export async function refreshSettings(state: ServerState, initial?: ClioConfiguration): Promise<boolean> {
  let config: ClioConfiguration | undefined = initial;
  if (state.capabilities.configuration) {
    config = (await state.connection.workspace.getConfiguration({ section: "clio" })) as ClioConfiguration | undefined;
  }
  const next = toWorkspaceSettings(config);
  next.trusted = state.ws.settings.trusted; // trust comes from the client at start-up, not from settings
  const factsChanged = JSON.stringify(next.factFiles ?? []) !== JSON.stringify(state.ws.settings.factFiles ?? []);
  state.ws.settings = next;
  if (factsChanged) state.ws.invalidateFacts();
  return factsChanged;
}
