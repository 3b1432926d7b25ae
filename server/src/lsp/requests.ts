// Clio's custom requests used by the VS Code commands.
import { entityCard, entityHeadline } from "../core/features/index.js";
import type { ServerState } from "./state.js";
import type { DiagnosticsScheduler } from "./diagnostics.js";
import {
  CHECK_WORKSPACE_REQUEST,
  ENTITIES_REQUEST,
  ENTITY_CARD_REQUEST,
  TIMINGS_REQUEST,
  type CheckWorkspaceResult,
  type TimingsResult,
  type EntityCardParams,
  type EntitySummary,
} from "./protocol.js";

export function registerRequests(state: ServerState, scheduler: DiagnosticsScheduler): void {
  const timings = state.timings;
  if (timings) {
    state.connection.onRequest(TIMINGS_REQUEST, (): TimingsResult => {
      const out = Object.fromEntries(timings);
      timings.clear();
      return out;
    });
  }
  state.connection.onRequest(
    CHECK_WORKSPACE_REQUEST,
    state.guard("checkWorkspace", null as CheckWorkspaceResult | null, async (): Promise<CheckWorkspaceResult> => {
      scheduler.checkAll = true;
      scheduler.scheduleAll(0);
      await scheduler.whenIdle();
      let files = 0;
      for (const _ of state.ws.documents()) files++;
      return { ...scheduler.lastStatus, files };
    }),
  );
  state.connection.onRequest(
    ENTITIES_REQUEST,
    state.guard("entities", [] as EntitySummary[], (): EntitySummary[] => {
      const facts = state.ws.facts();
      return [...facts.entities.values()]
        .map((e) => ({ id: e.id, name: e.name, type: e.type, detail: entityHeadline(e).replace(/\*\*/g, ""), aliases: e.aliases }))
        .sort((a, b) => a.name.localeCompare(b.name));
    }),
  );
  state.connection.onRequest(
    ENTITY_CARD_REQUEST,
    state.guard("entityCard", null as string | null, (params: EntityCardParams): string | null => {
      const facts = state.ws.facts();
      const entity = facts.entities.get(params.id);
      return entity ? entityCard(entity, facts, undefined) : null;
    }),
  );
}
