// Which fact-base events a claim asserts (spec §5): the subject is an event
// entity, or the claim links every participant (at least two) of an event and
// contains a trigger word of that event's type. Shared by event-date-mismatch
// and date-conflict.
import type { Claim, FactEvent, FactIndex, ParsedDocument } from "../types.js";
import { firstVersion } from "../moved.js";
import { isReferenceMention, resolve, resolveUnique, tokenKey, tokenize } from "./util.js";

/** Recurring event types (flag in the event-type data) are tied to a listed event only by name. */
function isRecurring(facts: FactIndex, typeId: string): boolean {
  return facts.eventTypes.get(typeId)?.recurring === true;
}

export interface AssertedEvents {
  events: FactEvent[];
  /** How the claim asserts them: by naming the event, or by participants plus a trigger word. */
  via: "subject" | "participants";
  /** The trigger word found (participants route). */
  trigger?: string;
}

// event-date-mismatch and date-conflict ask about the same claims: remember the answer per claim and fact index.
const assertedCache = new WeakMap<Claim, { facts: FactIndex; result: AssertedEvents | undefined }>();

export function assertedEvents(doc: ParsedDocument, claim: Claim, facts: FactIndex): AssertedEvents | undefined {
  // Keyed by the claim as first parsed: a paragraph moved by an edit keeps its answers (core/moved.ts).
  const key = firstVersion(claim);
  const cached = assertedCache.get(key);
  if (cached && cached.facts === facts) return cached.result;
  const result = computeAssertedEvents(doc, claim, facts);
  assertedCache.set(key, { facts, result });
  return result;
}

/** Events of at least two participants, of a type that does not recur, in which the entity takes part. */
const singularCache = new WeakMap<FactIndex, Map<string, FactEvent[]>>();
function singularEventsOf(facts: FactIndex, id: string): FactEvent[] {
  let byId = singularCache.get(facts);
  if (!byId) {
    byId = new Map();
    singularCache.set(facts, byId);
  }
  let list = byId.get(id);
  if (!list) {
    list = safe(() => facts.eventsWith([id])).filter((ev) => ev.participants.length >= 2 && !isRecurring(facts, ev.type));
    byId.set(id, list);
  }
  return list;
}

function computeAssertedEvents(doc: ParsedDocument, claim: Claim, facts: FactIndex): AssertedEvents | undefined {
  const subject = claim.subject;
  if (subject) {
    const event = eventOfLink(facts, subject.target);
    if (event) return { events: [event], via: "subject" };
  }
  // Participants: the claim's uniquely resolved entities that act in it (not "the late X").
  const linked = new Set<string>();
  for (const link of claim.links) {
    if (isReferenceMention(doc.text, link.span, doc.paragraphs)) continue;
    const e = resolveUnique(facts, link);
    if (e) linked.add(e.id);
  }
  if (linked.size < 2) return undefined;
  const candidates = new Map<string, FactEvent>();
  for (const id of linked) {
    for (const ev of singularEventsOf(facts, id)) {
      if (!candidates.has(ev.id) && ev.participants.every((p) => linked.has(p))) candidates.set(ev.id, ev);
    }
  }
  // In prose, the sentence must be about a participant: its subject takes part in the event.
  if (claim.implicit) {
    const subjectId = claim.subject && resolveUnique(facts, claim.subject)?.id;
    for (const [id, ev] of candidates) if (!subjectId || !ev.participants.includes(subjectId)) candidates.delete(id);
  }
  if (candidates.size === 0) return undefined;
  // Trigger words of the claim's own text (outside its links, so a name never acts as a trigger).
  const types = triggerTypes(facts, tokenize(textOutsideLinks(doc, claim)));
  const events = [...candidates.values()].filter((ev) => types.has(ev.type));
  if (events.length === 0) return undefined;
  events.sort((a, b) => (a.parsedDate?.earliest ?? 0) - (b.parsedDate?.earliest ?? 0) || a.id.localeCompare(b.id));
  return { events, via: "participants", trigger: types.get(events[0].type) };
}

/** Event per link target, per fact index (null: none); asked for every claim's subject. */
const eventOfLinkCache = new WeakMap<FactIndex, Map<string, FactEvent | null>>();

/** An event named by a link target: an event id, or an entity of type event that is also an event record. */
export function eventOfLink(facts: FactIndex, target: string): FactEvent | undefined {
  let cache = eventOfLinkCache.get(facts);
  if (!cache) eventOfLinkCache.set(facts, (cache = new Map()));
  let event = cache.get(target);
  if (event === undefined) {
    event = findEventOfLink(facts, target) ?? null;
    if (cache.size > 50_000) cache.clear();
    cache.set(target, event);
  }
  return event ?? undefined;
}

function findEventOfLink(facts: FactIndex, target: string): FactEvent | undefined {
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

interface TriggerTable {
  /** First word of each trigger → the triggers starting with it, as word lists. */
  byFirstWord: Map<string, string[][]>;
}
const triggerTables = new WeakMap<FactIndex, TriggerTable>();

function triggerTable(facts: FactIndex): TriggerTable {
  let table = triggerTables.get(facts);
  if (!table) {
    table = { byFirstWord: new Map() };
    for (const [trigger] of safe(() => [...facts.allTriggers()])) {
      const words = tokenize(trigger).map((t) => t.norm);
      if (!words.length) continue;
      const list = table.byFirstWord.get(words[0]) ?? [];
      list.push(words);
      table.byFirstWord.set(words[0], list);
    }
    triggerTables.set(facts, table);
  }
  return table;
}

/** Event type id → the trigger word (as written in the data) found in the tokens; multi-word triggers included. */
function triggerTypes(facts: FactIndex, tokens: readonly { norm: string }[]): Map<string, string> {
  const { byFirstWord } = triggerTable(facts);
  const types = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const candidates = byFirstWord.get(tokens[i].norm);
    if (!candidates) continue;
    for (const words of candidates) {
      if (!words.every((w, k) => tokens[i + k]?.norm === w)) continue;
      // Ask the index with both spellings a data file may use ("broke off", "interest-free").
      const spaced = words.join(" ");
      const found = [...safe(() => facts.eventTypesForWord(spaced)), ...safe(() => facts.eventTypesForWord(words.join("-")))];
      for (const t of found) if (!types.has(t.id)) types.set(t.id, spaced);
    }
  }
  return types;
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
