// Geometry of the timeline picture: time scale, axis ticks, lanes and rows.
// Pure and DOM-free so the webview, the standalone HTML and the tests share it.
import { civilFromDays, daysFromCivil, formatDay, formatYear, monthName } from "./calendar.js";
import { NO_ACTOR, type LaneMode, type TimelineData, type TimelineSpan } from "./timeline-model.js";
import type { Severity } from "../types.js";

export interface LayoutOptions {
  lanes: LaneMode;
  /** Total picture width in CSS pixels. */
  width: number;
}

export type ItemShape = "dot" | "range" | "bar";

export interface LaidOutItem {
  kind: "claim" | "context";
  /** Claim id or context event id. */
  id: string;
  /** Index into data.claims or data.context. */
  index: number;
  lane: number;
  /** x of loose start, core start, core end, loose end (x1 ≤ x2 ≤ x3 ≤ x4). */
  x1: number;
  x2: number;
  x3: number;
  x4: number;
  /** Vertical centre. */
  y: number;
  shape: ItemShape;
  fuzzyStart: boolean;
  fuzzyEnd: boolean;
  openStart: boolean;
  openEnd: boolean;
  severity?: Severity;
  label: string;
  /** Where the label goes: right of x4; left of x1 or inside a long bar when it would overflow. */
  labelSide: "right" | "left" | "inside";
  tooltip: string;
}

export interface LaidOutLane {
  key: string;
  name: string;
  y: number;
  height: number;
}

export interface Tick {
  x: number;
  label: string;
  major: boolean;
}

export interface TimelineLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  axisY: number;
  domain: [number, number];
  ticks: Tick[];
  lanes: LaidOutLane[];
  items: LaidOutItem[];
}

const LANE_LABEL_WIDTH = 170;
const RIGHT_MARGIN = 24;
const AXIS_HEIGHT = 30;
const CLAIM_ROW = 22;
const CONTEXT_ROW = 14;
const LANE_PADDING = 6;
const MAX_CONTEXT_ROWS = 3;
const LABEL_CHARS = 34;
const CHAR_WIDTH = 6.4;
const MIN_BAR = 4;
const DOT_BELOW = 6;
export const FACT_BASE_LANE = "\u0000facts";

export function layoutTimeline(data: TimelineData, options: LayoutOptions): TimelineLayout {
  const width = Math.max(480, Math.round(options.width));
  // Narrow panels give the plot most of the room.
  const plotLeft = Math.round(Math.min(LANE_LABEL_WIDTH, Math.max(100, width * 0.18)));
  const labelChars = Math.round(Math.min(LABEL_CHARS, Math.max(12, (width - plotLeft) / 3 / CHAR_WIDTH)));
  const plotRight = width - RIGHT_MARGIN;
  const domain = timeDomain(data);
  const scale = (day: number) => plotLeft + ((day - domain[0]) / (domain[1] - domain[0])) * (plotRight - plotLeft);

  // Lanes in order of first appearance; claims go to their subject's lane (one mark per claim).
  const laneKeys: string[] = [];
  const laneNames = new Map<string, string>();
  const addLane = (key: string, name: string) => {
    if (!laneNames.has(key)) {
      laneKeys.push(key);
      laneNames.set(key, name);
    }
  };
  const actorName = new Map(data.actors.map((a) => [a.key, a.name]));
  const claimLane = data.claims.map((c) => (options.lanes === "document" ? `doc:${c.document}` : (c.actors[0] ?? NO_ACTOR)));
  if (options.lanes === "document" && data.context.length) addLane(FACT_BASE_LANE, "Fact base");
  data.claims.forEach((c, i) => {
    const key = claimLane[i];
    if (options.lanes === "document") addLane(key, data.documents[c.document]?.name ?? "?");
    else if (key !== NO_ACTOR) addLane(key, actorName.get(key) ?? key);
  });
  if (claimLane.includes(NO_ACTOR) && options.lanes === "actor") addLane(NO_ACTOR, "(no actor)");
  const contextLane = data.context.map((ev) => {
    if (options.lanes === "document") return FACT_BASE_LANE;
    return ev.actors.find((a) => laneNames.has(a)) ?? FACT_BASE_LANE;
  });
  if (contextLane.includes(FACT_BASE_LANE)) addLane(FACT_BASE_LANE, "Fact base");
  const laneIndex = new Map(laneKeys.map((k, i) => [k, i]));

  // Horizontal geometry first, then rows packed per lane (context rows above claim rows).
  const items: LaidOutItem[] = [];
  data.context.forEach((ev, i) => {
    // Context outside the claims' time span would only pile up at the edges.
    if (ev.looseLatest < domain[0] || ev.looseEarliest > domain[1]) return;
    items.push(place("context", ev.id, i, laneIndex.get(contextLane[i])!, ev, undefined, ev.name, contextTooltip(ev), scale, plotLeft, plotRight, labelChars));
  });
  data.claims.forEach((c, i) => {
    const diag = c.diagnostics.map((d) => `\n${d.severity}: ${d.message} [${d.code}]`).join("");
    const tooltip = `${c.edtf} — ${describeSpan(c)}\n${c.text}${diag}`;
    items.push(place("claim", c.id, i, laneIndex.get(claimLane[i])!, c, c.severity, c.text, tooltip, scale, plotLeft, plotRight, labelChars));
  });

  const contextRows = laneKeys.map(() => [] as number[]);
  const claimRows = laneKeys.map(() => [] as number[]);
  const rowOf = new Array<number>(items.length);
  const order = items.map((_, i) => i).sort((a, b) => extent(items[a])[0] - extent(items[b])[0]);
  for (const i of order) {
    const item = items[i];
    const rows = item.kind === "context" ? contextRows[item.lane] : claimRows[item.lane];
    const [start, end] = extent(item);
    let row = rows.findIndex((rowEnd) => rowEnd + 4 <= start);
    if (row < 0 && item.kind === "context" && rows.length >= MAX_CONTEXT_ROWS) {
      // The context layer stays a thin band: past a few rows, faint marks may overlap.
      row = rows.indexOf(Math.min(...rows));
      rows[row] = Math.max(rows[row], end);
    } else if (row < 0) row = rows.push(end) - 1;
    else rows[row] = end;
    rowOf[i] = row;
  }

  const lanes: LaidOutLane[] = [];
  const contextHeights: number[] = [];
  let y = AXIS_HEIGHT;
  laneKeys.forEach((key, lane) => {
    const contextHeight = contextRows[lane].length * CONTEXT_ROW;
    const height = Math.max(CLAIM_ROW, LANE_PADDING * 2 + contextHeight + claimRows[lane].length * CLAIM_ROW);
    lanes.push({ key, name: laneNames.get(key) ?? key, y, height });
    contextHeights.push(contextHeight);
    y += height;
  });
  items.forEach((item, i) => {
    const top = lanes[item.lane].y + LANE_PADDING;
    item.y = item.kind === "context"
      ? top + rowOf[i] * CONTEXT_ROW + CONTEXT_ROW / 2
      : top + contextHeights[item.lane] + rowOf[i] * CLAIM_ROW + CLAIM_ROW / 2;
  });

  return { width, height: y + 8, plotLeft, plotRight, axisY: AXIS_HEIGHT, domain, ticks: axisTicks(domain, scale, plotRight - plotLeft), lanes, items };
}

/** Days covered by the claims (loose bounds), padded; context events do not widen it. */
export function timeDomain(data: TimelineData): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const spans: TimelineSpan[] = data.claims.length ? data.claims : data.context;
  for (const s of spans) {
    lo = Math.min(lo, s.looseEarliest);
    hi = Math.max(hi, s.looseLatest + 1);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = daysFromCivil(1960, 1, 1);
    hi = daysFromCivil(1961, 1, 1);
  }
  if (hi - lo < 60) {
    const mid = (lo + hi) / 2;
    lo = mid - 30;
    hi = mid + 30;
  }
  const pad = (hi - lo) * 0.04;
  return [Math.floor(lo - pad), Math.ceil(hi + pad)];
}

function place(
  kind: "claim" | "context",
  id: string,
  index: number,
  lane: number,
  span: TimelineSpan,
  severity: Severity | undefined,
  text: string,
  tooltip: string,
  scale: (day: number) => number,
  plotLeft: number,
  plotRight: number,
  labelChars: number,
): LaidOutItem {
  const clamp = (x: number) => Math.min(plotRight, Math.max(plotLeft, x));
  let x2 = span.openStart ? plotLeft : clamp(scale(span.earliest));
  let x3 = span.openEnd ? plotRight : clamp(scale(span.latest + 1));
  const x1 = span.openStart ? plotLeft : Math.min(x2, clamp(scale(span.looseEarliest)));
  const x4 = span.openEnd ? plotRight : Math.max(x3, clamp(scale(span.looseLatest + 1)));
  let shape: ItemShape;
  if (span.interval || span.openStart || span.openEnd) {
    shape = "bar";
    if (x3 - x2 < MIN_BAR) {
      const mid = (x2 + x3) / 2;
      x2 = mid - MIN_BAR / 2;
      x3 = mid + MIN_BAR / 2;
    }
  } else shape = x3 - x2 < DOT_BELOW ? "dot" : "range";
  // The label goes right of the mark, else left, else inside a long bar; shortened to the room there is.
  const fit = (room: number) => Math.floor((room - 6) / CHAR_WIDTH);
  const clip = (chars: number) => (text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text);
  const wanted = Math.min(text.length, labelChars);
  const right = fit(plotRight + RIGHT_MARGIN - x4 - (shape === "dot" ? 5 : 0));
  const left = fit(x1 - plotLeft);
  const inside = fit(x3 - x2 - 6);
  let labelSide: LaidOutItem["labelSide"] = "right";
  let chars = Math.min(wanted, right);
  if (right < wanted) {
    if (left >= wanted) [labelSide, chars] = ["left", wanted];
    else if (shape === "bar" && inside >= Math.min(wanted, 12)) [labelSide, chars] = ["inside", Math.min(wanted, inside)];
    else if (left > right) [labelSide, chars] = ["left", left];
  }
  const label = chars >= 6 ? clip(chars) : "";
  return {
    kind,
    id,
    index,
    lane,
    x1,
    x2,
    x3,
    x4: Math.max(x4, x3),
    y: 0,
    shape,
    fuzzyStart: x1 < x2 - 0.5,
    fuzzyEnd: x4 > x3 + 0.5,
    openStart: span.openStart,
    openEnd: span.openEnd,
    ...(severity ? { severity } : {}),
    label: kind === "claim" ? label : "",
    labelSide,
    tooltip,
  };
}

/** Horizontal room an item needs, label included (for row packing). */
function extent(item: LaidOutItem): [number, number] {
  const dotPad = item.shape === "dot" ? 5 : 0;
  const labelWidth = item.label ? 6 + item.label.length * CHAR_WIDTH : 0;
  if (item.labelSide === "left") return [item.x1 - dotPad - labelWidth, item.x4 + dotPad];
  if (item.labelSide === "inside") return [item.x1, item.x4];
  return [item.x1 - dotPad, item.x4 + dotPad + labelWidth];
}

export function describeSpan(span: TimelineSpan): string {
  const parts: string[] = [];
  const from = span.openStart ? "…" : formatDay(span.earliest);
  const to = span.openEnd ? "…" : formatDay(span.latest);
  parts.push(from === to ? from : `${from} – ${to}`);
  const quality = [span.uncertain && "uncertain", span.approximate && "approximate", span.unspecified && "unspecified digits"].filter(Boolean);
  if (quality.length) parts.push(`(${quality.join(", ")})`);
  return parts.join(" ");
}

function contextTooltip(ev: TimelineData["context"][number]): string {
  const sources = ev.sources.length ? ` [${ev.sources.join("; ")}]` : "";
  return `Fact base: ${ev.name} — ${ev.edtf} (${describeSpan(ev)})${sources}`;
}

// ------------------------------------------------------------------ axis

const DAY_STEPS = [1, 2, 7, 14];
const MONTH_STEPS = [1, 2, 3, 6];
const YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000];

export function axisTicks(domain: [number, number], scale: (day: number) => number, plotWidth: number): Tick[] {
  const [d0, d1] = domain;
  const span = d1 - d0;
  const maxTicks = Math.max(2, Math.floor(plotWidth / 90));
  const ticks: Tick[] = [];
  const dayStep = DAY_STEPS.find((s) => span / s <= maxTicks);
  if (dayStep !== undefined) {
    for (let d = Math.ceil(d0); d <= d1; d += dayStep) {
      const c = civilFromDays(d);
      ticks.push({ x: scale(d), label: `${c.day} ${monthName(c.month)}`, major: c.day === 1 });
    }
    return ticks;
  }
  const monthStep = MONTH_STEPS.find((s) => span / (s * 30.44) <= maxTicks);
  if (monthStep !== undefined) {
    const c = civilFromDays(d0);
    let year = c.year;
    let month = c.month;
    let day = daysFromCivil(year, month, 1);
    if (day < d0) month++;
    while ((month - 1) % monthStep !== 0) month++;
    for (;;) {
      if (month > 12) {
        year += Math.floor((month - 1) / 12);
        month = ((month - 1) % 12) + 1;
      }
      day = daysFromCivil(year, month, 1);
      if (day > d1) break;
      ticks.push({ x: scale(day), label: month === 1 ? formatYear(year) : monthName(month), major: month === 1 });
      month += monthStep;
    }
    return ticks;
  }
  const years = span / 365.2425;
  const yearStep = YEAR_STEPS.find((s) => years / s <= maxTicks) ?? Math.ceil(years / maxTicks);
  const first = civilFromDays(d0).year;
  for (let year = Math.ceil(first / yearStep) * yearStep; ; year += yearStep) {
    const day = daysFromCivil(year, 1, 1);
    if (day < d0) continue;
    if (day > d1) break;
    ticks.push({ x: scale(day), label: formatYear(year), major: year % (yearStep * 5) === 0 });
  }
  return ticks;
}
