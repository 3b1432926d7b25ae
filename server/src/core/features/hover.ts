// Hover cards, written for a historian: who or what a name denotes, when a
// date tag falls, what a cited work is, who held an office. Markdown strings.
import type { ClioDate, Entity, FactEvent, FactIndex, Office, ParsedDocument, Position, Range, Source } from "../types.js";
import type { ClioWorkspace } from "../workspace.js";
import { constructAt, type Construct } from "./locate.js";
import { chicagoReference, dayInWords, describeDate, shortDate, spanInWords } from "./format.js";
import { md, offsetAt } from "./util.js";

export interface HoverCard {
  markdown: string;
  range: Range;
}

const MAX_EVENTS = 5;
const MAX_SOURCES = 8;

export function safeFacts(ws: ClioWorkspace): FactIndex | undefined {
  try {
    return ws.facts();
  } catch {
    return undefined;
  }
}

export function hoverAt(ws: ClioWorkspace, uri: string, position: Position): HoverCard | undefined {
  const doc = ws.getDocument(uri);
  if (!doc) return undefined;
  const facts = safeFacts(ws);
  const claims = ws.claims(doc);
  const found = constructAt(doc, claims, facts, offsetAt(doc, position));
  if (!found) return undefined;
  const markdown = cardFor(ws, doc, found, facts);
  return markdown ? { markdown, range: found.range } : undefined;
}

function cardFor(ws: ClioWorkspace, doc: ParsedDocument, found: Construct, facts: FactIndex | undefined): string | undefined {
  switch (found.kind) {
    case "date":
      return dateCard(found.tag.raw, found.tag.date, found.tag.error, facts);
    case "entity": {
      if (!facts) return `**${md(found.link.target)}** — the fact base is not loaded.`;
      const matches = facts.lookup(found.link.target);
      if (matches.length === 0) return `**${md(found.link.target)}** is not in the fact base. Add it to \`clio.facts.yaml\` to check claims about it.`;
      if (matches.length > 1) {
        return [`**${md(found.link.target)}** is ambiguous:`, "", ...matches.map((e) => `- ${entityHeadline(e)} — \`[[${e.id}]]\``)].join("\n");
      }
      return entityCard(matches[0], facts, found.claim?.dateTag.date);
    }
    case "citation": {
      const source = ws.sourceLookup(doc).source(found.item.key);
      if (!source) return `\`@${md(found.item.key)}\` is not a known source: it is neither in the bundled fact base nor in this paper's bibliographies.`;
      return sourceCard(source, facts);
    }
    case "title": {
      if (!facts) return undefined;
      const actors = facts.lookup(found.link.target);
      return titleCard(found.title.id, found.title.name, facts, found.claim?.dateTag.date, actors.length === 1 ? actors[0] : undefined);
    }
  }
}

export function dateCard(raw: string, date: ClioDate | undefined, error: string | undefined, facts: FactIndex | undefined): string {
  if (!date) return `\`{${md(raw)}}\` is not a valid date${error ? `: ${md(error)}` : "."}`;
  const lines = [`**${md(describeDate(date))}**`, "", `EDTF \`${md(date.edtf)}\``];
  if (facts && Number.isFinite(date.earliest) && Number.isFinite(date.latest)) {
    // Most telling first: events inside the tag's interval, the most precisely dated before the broad ones.
    const inside = (e: FactEvent) => (e.parsedDate && e.parsedDate.earliest >= date.earliest && e.parsedDate.latest <= date.latest ? 0 : 1);
    const width = (e: FactEvent) => (e.parsedDate ? e.parsedDate.latest - e.parsedDate.earliest : Infinity);
    const events = [...facts.eventsDuring(date)].sort((a, b) => inside(a) - inside(b) || width(a) - width(b) || byEventDate(a, b));
    if (events.length) {
      lines.push("", `**In the fact base during this time** (${events.length}):`);
      for (const e of events.slice(0, MAX_EVENTS)) lines.push(`- ${eventLine(e)}`);
      if (events.length > MAX_EVENTS) lines.push(`- … and ${events.length - MAX_EVENTS} more`);
    }
  }
  return lines.join("\n");
}

/** Events by start; those with an open or unknown start (`../1959`) go last, they say least about a period. */
function byEventDate(a: FactEvent, b: FactEvent): number {
  const key = (e: FactEvent) => {
    const d = e.parsedDate;
    return d && Number.isFinite(d.earliest) ? d.earliest : Number.MAX_SAFE_INTEGER;
  };
  return key(a) - key(b) || a.name.localeCompare(b.name);
}

function sourceKeys(refs: ReadonlyArray<{ key: string; locator?: string }>): string {
  return refs.map((r) => `\`${md(r.key)}\`${r.locator ? ` ${md(r.locator)}` : ""}`).join("; ");
}

function eventLine(e: FactEvent): string {
  const when = shortDate(e.parsedDate, e.date);
  const cited = e.sources.length ? ` [${sourceKeys(e.sources)}]` : "";
  return `${md(when)}: ${md(e.name)}${cited}${e.conflict ? " *(sources disagree)*" : ""}`;
}

export function entityHeadline(e: Entity): string {
  const life = e.startDate || e.endDate || e.existence ? ` (${md(spanInWords(e.startDate, e.endDate, e.existence?.start, e.existence?.end))})` : "";
  return `**${md(e.name)}**${life}`;
}

const EXISTENCE_WORDS: Record<string, [string, string]> = {
  person: ["born", "died"],
  state: ["founded", "dissolved"],
  party: ["founded", "dissolved"],
  organisation: ["founded", "dissolved"],
  place: ["from", "until"],
  event: ["began", "ended"],
};

export function entityCard(e: Entity, facts: FactIndex, at: ClioDate | undefined): string {
  const lines: string[] = [];
  // The born/died line below gives the dates in words; the headline stays short.
  lines.push(`**${md(e.name)}** · ${e.type}${e.existence ? "" : " · dates unknown"}`);
  if (e.description) lines.push("", `*${md(e.description)}*`);
  const [born, died] = EXISTENCE_WORDS[e.type] ?? ["from", "until"];
  const life: string[] = [];
  if (e.existence?.start) life.push(`${born} ${md(shortDate(e.startDate, e.existence.start))}`);
  if (e.existence?.end) life.push(`${died} ${md(shortDate(e.endDate, e.existence.end))}`);
  if (life.length) lines.push("", life.join(" · ").replace(/^./, (c) => c.toUpperCase()));
  if (e.aliases.length) lines.push("", `Also written: ${e.aliases.map(md).join(", ")}`);
  if (e.names.length) {
    lines.push("", "**Names by period**");
    const inUse = at ? facts.namesAt(e.id, at) : [];
    for (const n of e.names) {
      const mark = inUse.includes(n) ? " ← in use at this claim's date" : "";
      lines.push(`- ${md(n.name)} (${n.kind}, ${md(spanInWords(n.fromDate, n.toDate, n.from, n.to))})${mark}`);
    }
  }
  if (e.offices.length) {
    lines.push("", "**Offices**");
    const heldNow = at ? facts.officesAt(e.id, at) : [];
    const offices = [...e.offices].sort((a, b) => (a.startDate?.earliest ?? 0) - (b.startDate?.earliest ?? 0));
    for (const o of offices) {
      const held = heldNow.find((h) => h.office === o || (h.office.title === o.title && h.office.start === o.start && h.office.of === o.of));
      const mark = held ? (held.overlap === "overlap" ? " ← **held at this claim's date**" : " ← *possibly held at this claim's date*") : "";
      lines.push(`- ${officeLine(o, facts)}${mark}`);
    }
  }
  const events = facts.eventsWith([e.id]).slice().sort(byEventDate);
  if (events.length) {
    lines.push("", `**Events** (${events.length})`);
    for (const ev of pickEvents(events, at)) lines.push(`- ${eventLine(ev)}`);
    if (events.length > MAX_EVENTS) lines.push(`- … and ${events.length - MAX_EVENTS} more`);
  }
  const keys = new Set<string>();
  for (const s of e.sources) keys.add(s.key);
  for (const o of e.offices) for (const s of o.sources) keys.add(s.key);
  for (const ev of events) for (const s of ev.sources) keys.add(s.key);
  if (keys.size) {
    const shown = [...keys].slice(0, MAX_SOURCES).map((k) => `\`${md(k)}\``).join(", ");
    lines.push("", `**Sources:** ${shown}${keys.size > MAX_SOURCES ? ` and ${keys.size - MAX_SOURCES} more` : ""}`);
  }
  if (e.wikidata) lines.push("", `Wikidata: [${md(e.wikidata)}](https://www.wikidata.org/wiki/${encodeURIComponent(e.wikidata)})`);
  if (e.conflict) lines.push("", "*Sources disagree about some of these facts; see `conflicts` in the fact base.*");
  return lines.join("\n");
}

/** The events nearest the claim's date when there are too many to list. */
function pickEvents(events: FactEvent[], at: ClioDate | undefined): FactEvent[] {
  if (events.length <= MAX_EVENTS || !at || !Number.isFinite(at.earliest)) return events.slice(0, MAX_EVENTS);
  const distance = (e: FactEvent) => Math.abs((e.parsedDate?.earliest ?? 0) - at.earliest);
  return [...events].sort((a, b) => distance(a) - distance(b)).slice(0, MAX_EVENTS).sort(byEventDate);
}

function officeLine(o: Office, facts: FactIndex): string {
  const title = facts.titles.get(o.title)?.name ?? o.title;
  const of = o.of ? facts.entities.get(o.of)?.name ?? o.of : undefined;
  const when = spanInWords(o.startDate, o.endDate, o.start, o.end);
  return `${md(title)}${of ? ` of ${md(of)}` : ""}, ${md(when)}${o.conflict ? " *(sources disagree)*" : ""}`;
}

export function sourceCard(source: Source, facts: FactIndex | undefined): string {
  const lines = [chicagoReference(source)];
  const meta: string[] = [];
  if (source.issued) meta.push(`issued ${md(shortDate(source.issuedDate, source.issued))}`);
  if (source.page) meta.push(`pages ${md(source.page.replace(/-/g, "–"))}`);
  meta.push(source.from === "bibliography" ? "from this paper's bibliography" : source.from === "facts" ? "from the workspace facts" : "bundled source");
  lines.push("", meta.join(" · "));
  if (facts) {
    const cited = [...facts.events.values()].filter((e) => e.sources.some((s) => s.key === source.key)).sort(byEventDate);
    if (cited.length) {
      let first = Infinity;
      let last = -Infinity;
      for (const e of cited) {
        const d = e.parsedDate;
        if (d && Number.isFinite(d.earliest)) first = Math.min(first, d.earliest);
        if (d && Number.isFinite(d.latest)) last = Math.max(last, d.latest);
      }
      const period = Number.isFinite(first) && Number.isFinite(last) ? `${dayInWords(first)} – ${dayInWords(last)}` : "an open period";
      lines.push("", `**Covers** ${md(period)} in ${cited.length} fact-base event${cited.length === 1 ? "" : "s"}.`);
      const actors = new Map<string, number>();
      for (const e of cited) for (const p of e.participants) actors.set(p, (actors.get(p) ?? 0) + 1);
      const top = [...actors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
      if (top.length) lines.push("", `**Actors:** ${top.map(([id]) => md(facts.entities.get(id)?.name ?? id)).join(", ")}`);
      for (const e of cited.slice(0, MAX_EVENTS)) lines.push(`- ${eventLine(e)}`);
      if (cited.length > MAX_EVENTS) lines.push(`- … and ${cited.length - MAX_EVENTS} more`);
    }
  }
  return lines.join("\n");
}

const MAX_HOLDERS = 12;

/**
 * Who held the office, when. When the linked actor ever held this title, the
 * list keeps to the same state or party (Premier of the Soviet Union for
 * Khrushchev), so the card answers the question the claim raises.
 */
export function titleCard(titleId: string, titleName: string, facts: FactIndex, at: ClioDate | undefined, actor?: Entity): string {
  const scope = new Set((actor?.offices ?? []).filter((o) => o.title === titleId && o.of).map((o) => o.of!));
  const holders: Array<{ entity: Entity; office: Office }> = [];
  for (const entity of facts.entities.values()) {
    for (const office of entity.offices) {
      if (office.title === titleId && (scope.size === 0 || (office.of && scope.has(office.of)))) holders.push({ entity, office });
    }
  }
  const start = (o: Office) => (o.startDate && Number.isFinite(o.startDate.earliest) ? o.startDate.earliest : Number.MAX_SAFE_INTEGER);
  holders.sort((a, b) => start(a.office) - start(b.office));
  const scopeName = [...scope].map((id) => facts.entities.get(id)?.name ?? id).join(", ");
  const lines = [`**${md(titleName)}${scopeName ? ` of ${md(scopeName)}` : ""}** — office holders in the fact base (${holders.length})`];
  const current = at ? facts.holdersAt(titleId, at) : [];
  const isCurrent = (h: { entity: Entity; office: Office }) =>
    current.some((c) => c.office === h.office || (c.entity.id === h.entity.id && c.office.start === h.office.start && c.office.of === h.office.of));
  // Keep every holder at the claim's date, then fill up with the others in order of tenure.
  const shown = new Set(holders.filter(isCurrent));
  for (const h of holders) if (shown.size < MAX_HOLDERS) shown.add(h);
  for (const h of holders) {
    if (!shown.has(h)) continue;
    const of = h.office.of && scope.size !== 1 ? ` (${md(facts.entities.get(h.office.of)?.name ?? h.office.of)})` : "";
    lines.push(`- ${md(h.entity.name)}${of}, ${md(spanInWords(h.office.startDate, h.office.endDate, h.office.start, h.office.end))}${isCurrent(h) ? " ← **at this claim's date**" : ""}`);
  }
  if (holders.length > shown.size) lines.push(`- … and ${holders.length - shown.size} more`);
  if (at && holders.length && !holders.some(isCurrent)) lines.push("", "*Nobody in the fact base held this office at this claim's date.*");
  return lines.join("\n");
}
