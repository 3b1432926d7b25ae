// Builds the timeline data model from a workspace: every dated claim of the
// chosen documents with its interval, actors and diagnostics, plus fact-base
// events of the linked actors as context. Pure: reads only the facade.
import type { Claim, ClioDate, ClioDiagnostic, FactIndex, ParsedDocument, Position, Severity } from "../types.js";
import type { ClioWorkspace } from "../workspace.js";
import type {
  TimelineActor,
  TimelineClaim,
  TimelineContextEvent,
  TimelineData,
  TimelineDiagnostic,
  TimelineDocument,
  TimelineScope,
  TimelineSpan,
} from "./timeline-model.js";

export interface BuildTimelineOptions {
  /** Documents to include (already set in the workspace); default: all. */
  uris?: string[];
  scope?: TimelineScope;
  title?: string;
  /** Include prose-mode (implicit) claims; default false, the timeline shows what the author marked up. */
  implicit?: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 4, warning: 3, information: 2, hint: 1 };

export function buildTimeline(ws: ClioWorkspace, options: BuildTimelineOptions = {}): TimelineData {
  const docs: ParsedDocument[] = [];
  for (const uri of options.uris ?? [...ws.documents()].map((d) => d.uri)) {
    const doc = ws.getDocument(uri);
    if (doc) docs.push(doc);
  }
  const facts = safeFacts(ws);
  const actors = new Map<string, TimelineActor>();
  const entityOfKey = new Map<string, string>();
  const resolveCache = new Map<string, string>();

  const actorKey = (target: string, nameUsed: string): string => {
    const cached = resolveCache.get(target);
    if (cached !== undefined) return cached;
    let key = `?${target.trim().toLowerCase()}`;
    let actor: TimelineActor = { key, name: nameUsed.trim() || target.trim() };
    const found = facts ? safeLookup(facts, target) : [];
    if (found.length === 1) {
      key = found[0].id;
      actor = { key, name: found[0].name, type: found[0].type };
      entityOfKey.set(key, found[0].id);
    }
    if (!actors.has(key)) actors.set(key, actor);
    resolveCache.set(target, key);
    return key;
  };

  // Workspace-wide checks run once for all documents, not once per document.
  const workspaceDiagnostics = safeWorkspaceDiagnostics(ws);
  const documents: TimelineDocument[] = [];
  const claims: TimelineClaim[] = [];
  docs.forEach((doc, docIndex) => {
    const entry: TimelineDocument = { uri: doc.uri, name: baseName(doc.uri), undated: 0 };
    documents.push(entry);
    const docClaims = (options.implicit ? safeClaims(ws, doc) : doc.claims).slice().sort((a, b) => a.span.start - b.span.start);
    const diagnostics = [...safeDocumentDiagnostics(ws, doc.uri), ...(workspaceDiagnostics.get(doc.uri) ?? [])];
    const byClaim = assignDiagnostics(docClaims, diagnostics);
    docClaims.forEach((claim, i) => {
      const date = claim.dateTag.date;
      if (!date) {
        entry.undated++;
        return;
      }
      const diagnostics = byClaim[i];
      let severity: Severity | undefined;
      for (const d of diagnostics) if (!severity || SEVERITY_RANK[d.severity] > SEVERITY_RANK[severity]) severity = d.severity;
      const keys: string[] = [];
      for (const link of claim.links) {
        const key = actorKey(link.target, link.nameUsed);
        if (!keys.includes(key)) keys.push(key);
      }
      claims.push({
        id: `${docIndex}:${claim.index}`,
        uri: doc.uri,
        document: docIndex,
        index: claim.index,
        range: claim.range,
        text: plainClaimText(claim),
        actors: keys,
        ...(severity ? { severity } : {}),
        diagnostics,
        ...(claim.implicit ? { implicit: true } : {}),
        ...spanOf(date),
      });
    });
  });

  const context = facts ? contextEvents(facts, claims, entityOfKey) : [];
  const title = options.title ?? (docs.length === 1 ? frontMatterTitle(docs[0]) ?? documents[0].name : `${documents.length} documents`);
  return { version: 1, title, scope: options.scope ?? (documents.length > 1 ? "workspace" : "document"), documents, actors: [...actors.values()], claims, context };
}

/** A ClioDate as finite JSON numbers: an open end collapses onto the known end and is flagged. */
export function spanOf(date: ClioDate): TimelineSpan {
  const finite = (n: number, fallback: number) => (Number.isFinite(n) ? n : fallback);
  const known = Number.isFinite(date.earliest) ? date.earliest : date.latest;
  const earliest = finite(date.earliest, finite(date.latest, 0));
  const latest = finite(date.latest, finite(known, earliest));
  return {
    edtf: date.edtf,
    earliest,
    latest,
    looseEarliest: Math.min(earliest, finite(date.looseEarliest, earliest)),
    looseLatest: Math.max(latest, finite(date.looseLatest, latest)),
    interval: date.precision === "interval",
    uncertain: date.uncertain,
    approximate: date.approximate,
    unspecified: date.unspecified,
    openStart: date.openStart || !Number.isFinite(date.earliest),
    openEnd: date.openEnd || !Number.isFinite(date.latest),
  };
}

/** Claim text without the date tag and with links reduced to their shown text. */
export function plainClaimText(claim: Claim): string {
  let text = claim.text;
  const tag = claim.dateTag.span;
  if (!claim.implicit && tag.start === claim.span.start) text = text.slice(tag.end - tag.start);
  text = text.replace(/\[\[([^\]|]*)(?:\|([^\]]*))?\]\]/g, (_m, target: string, shown?: string) => (shown ?? target).trim());
  // A tag inside a sentence ("Across {196X}, the alliance…") leaves the clause's punctuation in front.
  text = text.replace(/\s+/g, " ").trim().replace(/^[,;:]\s*/, "");
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}

function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Each diagnostic goes to the claim whose range contains its start (binary search; claims do not overlap). */
function assignDiagnostics(claims: readonly Claim[], diagnostics: readonly ClioDiagnostic[]): TimelineDiagnostic[][] {
  const out: TimelineDiagnostic[][] = claims.map(() => []);
  for (const d of diagnostics) {
    let lo = 0;
    let hi = claims.length - 1;
    let hit = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (comparePos(claims[mid].range.start, d.range.start) <= 0) {
        hit = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (hit >= 0 && comparePos(d.range.start, claims[hit].range.end) <= 0) {
      out[hit].push({ severity: d.severity, code: d.code, message: d.message });
    }
  }
  return out;
}

function contextEvents(facts: FactIndex, claims: readonly TimelineClaim[], entityOfKey: ReadonlyMap<string, string>): TimelineContextEvent[] {
  if (claims.length === 0 || entityOfKey.size === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of claims) {
    lo = Math.min(lo, c.looseEarliest);
    hi = Math.max(hi, c.looseLatest);
  }
  // Only events near the claims: a context layer reaching decades away would squash the picture.
  const margin = Math.max(365, (hi - lo) * 0.1);
  const keyOfEntity = new Map<string, string>();
  for (const [key, id] of entityOfKey) keyOfEntity.set(id, key);
  const out = new Map<string, TimelineContextEvent>();
  for (const id of entityOfKey.values()) {
    let events;
    try {
      events = facts.eventsWith([id]);
    } catch {
      continue;
    }
    for (const ev of events) {
      if (out.has(ev.id) || !ev.parsedDate) continue;
      const span = spanOf(ev.parsedDate);
      if (span.looseLatest < lo - margin || span.looseEarliest > hi + margin) continue;
      const actors = ev.participants.filter((p) => keyOfEntity.has(p)).map((p) => keyOfEntity.get(p)!);
      out.set(ev.id, { id: ev.id, name: ev.name, type: ev.type, actors, sources: ev.sources.map((s) => s.key), ...span });
    }
  }
  return [...out.values()].sort((a, b) => a.earliest - b.earliest);
}

// The timeline is a view: when a lower layer fails it shows less, it does not fail.
function safeFacts(ws: ClioWorkspace): FactIndex | undefined {
  try {
    return ws.facts();
  } catch {
    return undefined;
  }
}

function safeLookup(facts: FactIndex, target: string) {
  try {
    return facts.lookup(target);
  } catch {
    return [];
  }
}

function safeClaims(ws: ClioWorkspace, doc: ParsedDocument): Claim[] {
  try {
    return ws.claims(doc);
  } catch {
    return doc.claims;
  }
}

function safeDocumentDiagnostics(ws: ClioWorkspace, uri: string): ClioDiagnostic[] {
  try {
    return ws.documentDiagnostics(uri);
  } catch {
    return [];
  }
}

function safeWorkspaceDiagnostics(ws: ClioWorkspace): Map<string, ClioDiagnostic[]> {
  try {
    return ws.workspaceDiagnostics();
  } catch {
    return new Map();
  }
}

function frontMatterTitle(doc: ParsedDocument): string | undefined {
  const title = doc.frontMatter?.data.title;
  return typeof title === "string" && title.trim() ? title.trim() : undefined;
}

function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, "");
  const name = clean.slice(clean.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(name) || uri;
  } catch {
    return name || uri;
  }
}
