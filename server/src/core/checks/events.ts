// Which fact-base events a claim asserts (spec §5): the subject is an event
// entity, or the claim links every participant (at least two) of an event and
// contains a trigger word of that event's type. Shared by event-date-mismatch
// and date-conflict.
import type { Claim, FactEvent, FactIndex, ParsedDocument } from "../types.js";
import { isReferenceMention, resolve, resolveUnique, tokenKey, tokenize } from "./util.js";

/**
 * Event types that happen again and again between the same participants (two
 * leaders meet, a party denounces a neighbour): a claim with their participants
 * and a trigger word may well be another occurrence the fact base does not list,
 * so the participants route does not tie it to a listed event. Naming the event
 * itself (the subject route) still does. An event type in the data may set
 * `recurring: true|false` to override this default.
 */
export const RECURRING_EVENT_TYPES: ReadonlySet<string> = new Set([
  "statement", "message", "meeting", "trade", "aid", "loan", "agreement", "decision", "appointment", "clash",
  "purge", "congress", "conference", "plenum", "trial", "unrest", "vote", "ceremony", "dismissal",
]);

function isRecurring(facts: FactIndex, typeId: string): boolean {
  const declared = (facts.eventTypes.get(typeId) as { recurring?: unknown } | undefined)?.recurring;
  return typeof declared === "boolean" ? declared : RECURRING_EVENT_TYPES.has(typeId);
}

export interface AssertedEvents {
  events: FactEvent[];
  /** How the claim asserts them: by naming the event, or by participants plus a trigger word. */
  via: "subject" | "participants";
  /** The trigger word found (participants route). */
  trigger?: string;
}

export function assertedEvents(doc: ParsedDocument, claim: Claim, facts: FactIndex): AssertedEvents | undefined {
  const subject = claim.subject;
  if (subject) {
    const event = eventOfLink(facts, subject.target);
    if (event) return { events: [event], via: "subject" };
  }
  // Participants: the claim's uniquely resolved entities that act in it (not "the late X").
  const linked = new Set<string>();
  for (const link of claim.links) {
    if (isReferenceMention(doc.text, link.span)) continue;
    const e = resolveUnique(facts, link);
    if (e) linked.add(e.id);
  }
  if (linked.size < 2) return undefined;
  const candidates = new Map<string, FactEvent>();
  for (const id of linked) {
    for (const ev of safe(() => facts.eventsWith([id]))) {
      if (ev.participants.length >= 2 && ev.participants.every((p) => linked.has(p)) && !isRecurring(facts, ev.type)) candidates.set(ev.id, ev);
    }
  }
  // In prose, the sentence must be about a participant: its subject takes part in the event.
  if (claim.implicit) {
    const subjectId = claim.subject && resolveUnique(facts, claim.subject)?.id;
    for (const [id, ev] of candidates) if (!subjectId || !ev.participants.includes(subjectId)) candidates.delete(id);
  }
  if (candidates.size === 0) return undefined;
  // Trigger words of the claim's own text (outside its links, so a name never acts as a trigger).
  const types = new Map<string, string>();
  const tokens = tokenize(textOutsideLinks(doc, claim));
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    words.push(tokens[i].norm);
    // Two-word triggers ("broke off", "pulled out") and hyphenated ones ("interest-free").
    if (i + 1 < tokens.length) words.push(`${tokens[i].norm} ${tokens[i + 1].norm}`, `${tokens[i].norm}-${tokens[i + 1].norm}`);
  }
  for (const word of words) {
    for (const t of safe(() => facts.eventTypesForWord(word))) if (!types.has(t.id)) types.set(t.id, word);
  }
  const events = [...candidates.values()].filter((ev) => types.has(ev.type));
  if (events.length === 0) return undefined;
  events.sort((a, b) => (a.parsedDate?.earliest ?? 0) - (b.parsedDate?.earliest ?? 0) || a.id.localeCompare(b.id));
  return { events, via: "participants", trigger: types.get(events[0].type) };
}

/** An event named by a link target: an event id, or an entity of type event that is also an event record. */
export function eventOfLink(facts: FactIndex, target: string): FactEvent | undefined {
  const direct = facts.events.get(target.trim());
  if (direct) return direct;
  const found = resolve(facts, target);
  if (found.length !== 1) {
    // Events may be named by their title even when the entity lookup does not know them.
    const byName = eventsByName(facts).get(tokenKey(target));
    return byName?.length === 1 ? byName[0] : undefined;
  }
  return facts.events.get(found[0].id);
}

const nameTables = new WeakMap<FactIndex, Map<string, FactEvent[]>>();
function eventsByName(facts: FactIndex): Map<string, FactEvent[]> {
  let table = nameTables.get(facts);
  if (!table) {
    table = new Map();
    for (const ev of facts.events.values()) {
      const key = tokenKey(ev.name);
      table.set(key, [...(table.get(key) ?? []), ev]);
    }
    nameTables.set(facts, table);
  }
  return table;
}

function textOutsideLinks(doc: ParsedDocument, claim: Claim): string {
  let out = "";
  let pos = claim.span.start;
  const spans = claim.links.map((l) => l.span).sort((a, b) => a.start - b.start);
  for (const s of spans) {
    if (s.start > pos) out += doc.text.slice(pos, s.start);
    out += " ";
    pos = Math.max(pos, s.end);
  }
  out += doc.text.slice(pos, claim.span.end);
  return out;
}

function safe<T>(f: () => T[]): T[] {
  try {
    return f();
  } catch {
    return [];
  }
}
