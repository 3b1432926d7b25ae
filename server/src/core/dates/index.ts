// EDTF dates as intervals of days. The `edtf` package decides what is valid
// EDTF; this module turns its parse into a ClioDate (first and last day the
// date may denote, plus bounds widened by uncertainty) and compares dates.
// Day arithmetic is pure integers so dates before the common era work.
import { parse as parseEdtfLibrary, type EdtfParsed } from "edtf";
import type { ClioDate, DatePrecision, DayNumber, Overlap } from "../types.js";

export type { ClioDate, DayNumber, Overlap } from "../types.js";

// ---------------------------------------------------------------- day numbers

/** Floor division for possibly negative integers. */
function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (astronomical years: 0 = 1 BCE). */
export function isoDay(year: number, month: number, day: number): DayNumber {
  // Civil-from-days inverse (Hinnant): count from 0000-03-01 so leap days fall at the end of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = floorDiv(153 * shiftedMonth + 2, 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a finite day number. */
export function dayToCivil(n: DayNumber): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = floorDiv(z, 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floorDiv(dayOfEra - floorDiv(dayOfEra, 1460) + floorDiv(dayOfEra, 36524) - floorDiv(dayOfEra, 146096), 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100));
  const shiftedMonth = floorDiv(5 * dayOfYear + 2, 153);
  const day = dayOfYear - floorDiv(153 * shiftedMonth + 2, 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, "0");
}

/** EDTF/ISO form of a finite day: `1953-03-05`, `-0043-03-15`. */
export function dayToIso(n: DayNumber): string {
  const { year, month, day } = dayToCivil(n);
  return `${year < 0 ? "-" : ""}${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Like dayToIso, but `..` for an open end. */
export function formatDay(n: DayNumber): string {
  return Number.isFinite(n) ? dayToIso(n) : "..";
}

// ---------------------------------------------------------------- words

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** A year in words: astronomical year 0 is 1 BCE, -43 is 44 BCE. */
export function yearInWords(year: number): string {
  return year > 0 ? String(year) : `${1 - year} BCE`;
}

/** `5 September 1968`, `15 March 44 BCE`. */
export function dayInWords(n: DayNumber): string {
  const { year, month, day } = dayToCivil(n);
  return `${day} ${MONTHS[month - 1]} ${yearInWords(year)}`;
}

/** A run of days in the shortest words: `1–30 April 1961`, `1 October – 31 December 1961`. */
function daysInWords(first: DayNumber, last: DayNumber): string {
  if (first === last) return dayInWords(first);
  const a = dayToCivil(first);
  const b = dayToCivil(last);
  if (a.year === b.year && a.month === b.month) return `${a.day}–${b.day} ${MONTHS[a.month - 1]} ${yearInWords(a.year)}`;
  if (a.year === b.year) return `${a.day} ${MONTHS[a.month - 1]} – ${b.day} ${MONTHS[b.month - 1]} ${yearInWords(a.year)}`;
  return `${dayInWords(first)} – ${dayInWords(last)}`;
}

// ---------------------------------------------------------------- seasons

interface SeasonSpan {
  name: string;
  /** First month (1–12) and number of months; a season may run into the next year. */
  firstMonth: number;
  months: number;
}

// Seasons are northern-hemisphere meteorological seasons (spring = March–May …
// winter = December to February of the following year). Codes 25–41 are the
// EDTF level-2 extras: hemispheric seasons, quarters, quadrimesters, semesters.
const SEASONS: Record<number, SeasonSpan> = {
  21: { name: "spring", firstMonth: 3, months: 3 },
  22: { name: "summer", firstMonth: 6, months: 3 },
  23: { name: "autumn", firstMonth: 9, months: 3 },
  24: { name: "winter", firstMonth: 12, months: 3 },
  25: { name: "spring (northern hemisphere)", firstMonth: 3, months: 3 },
  26: { name: "summer (northern hemisphere)", firstMonth: 6, months: 3 },
  27: { name: "autumn (northern hemisphere)", firstMonth: 9, months: 3 },
  28: { name: "winter (northern hemisphere)", firstMonth: 12, months: 3 },
  29: { name: "spring (southern hemisphere)", firstMonth: 9, months: 3 },
  30: { name: "summer (southern hemisphere)", firstMonth: 12, months: 3 },
  31: { name: "autumn (southern hemisphere)", firstMonth: 3, months: 3 },
  32: { name: "winter (southern hemisphere)", firstMonth: 6, months: 3 },
  33: { name: "first quarter", firstMonth: 1, months: 3 },
  34: { name: "second quarter", firstMonth: 4, months: 3 },
  35: { name: "third quarter", firstMonth: 7, months: 3 },
  36: { name: "fourth quarter", firstMonth: 10, months: 3 },
  37: { name: "first quadrimester", firstMonth: 1, months: 4 },
  38: { name: "second quadrimester", firstMonth: 5, months: 4 },
  39: { name: "third quadrimester", firstMonth: 9, months: 4 },
  40: { name: "first semester", firstMonth: 1, months: 6 },
  41: { name: "second semester", firstMonth: 7, months: 6 },
};

/** Adds months to a (year, month) pair. */
function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: floorDiv(index, 12), month: index - floorDiv(index, 12) * 12 + 1 };
}

function monthStart(year: number, month: number): DayNumber {
  return isoDay(year, month, 1);
}

function monthEnd(year: number, month: number): DayNumber {
  return isoDay(year, month, daysInMonth(year, month));
}

// ---------------------------------------------------------------- endpoints

/** One date (not an interval) as an interval of days: a ClioDate without its text and open ends. */
type Endpoint = Omit<ClioDate, "edtf" | "openStart" | "openEnd">;

/** The interval from start's earliest day to end's latest day; a missing side is open. */
function joinEndpoints(edtf: string, start: Endpoint | undefined, end: Endpoint | undefined, openStart: boolean, openEnd: boolean): ClioDate {
  return {
    edtf,
    earliest: start ? start.earliest : -Infinity,
    latest: end ? end.latest : Infinity,
    looseEarliest: start ? start.looseEarliest : -Infinity,
    looseLatest: end ? end.looseLatest : Infinity,
    precision: "interval",
    uncertain: !!(start?.uncertain || end?.uncertain),
    approximate: !!(start?.approximate || end?.approximate),
    unspecified: !!(start?.unspecified || end?.unspecified),
    openStart,
    openEnd,
  };
}

/** How far `~`, `?` and `%` widen a date of each precision (see docs/markup-decisions.md). */
function widen(e: Endpoint, firstYear: number, firstMonth: number, lastYear: number, lastMonth: number): void {
  switch (e.precision) {
    case "day":
      e.looseEarliest = e.earliest - 7;
      e.looseLatest = e.latest + 7;
      return;
    case "month":
    case "season": {
      const before = addMonths(firstYear, firstMonth, -1);
      const after = addMonths(lastYear, lastMonth, 1);
      e.looseEarliest = monthStart(before.year, before.month);
      e.looseLatest = monthEnd(after.year, after.month);
      return;
    }
    case "year":
      e.looseEarliest = isoDay(firstYear - 1, 1, 1);
      e.looseLatest = isoDay(lastYear + 1, 12, 31);
      return;
    case "decade":
      e.looseEarliest = isoDay(firstYear - 5, 1, 1);
      e.looseLatest = isoDay(lastYear + 5, 12, 31);
      return;
    default:
      e.looseEarliest = isoDay(firstYear - 25, 1, 1);
      e.looseLatest = isoDay(lastYear + 25, 12, 31);
  }
}

function flag(value: boolean | number | undefined): boolean {
  return value === true || (typeof value === "number" && value !== 0);
}

/** Range of a possibly partly unspecified year: bit i of the mask marks digit i (of 4) as `X`. */
function yearRange(value: number, mask: number): [number, number] {
  const magnitude = Math.abs(value);
  let spread = 0;
  for (let i = 0; i < 4; i++) if (mask & (1 << i)) spread += 9 * 10 ** (3 - i);
  // Unspecified digits of a BCE year widen it towards the past.
  return value < 0 ? [-(magnitude + spread), -magnitude] : [magnitude, magnitude + spread];
}

/** Digit range allowed by a two-digit field with unspecified digits (tens = bit `tensBit`). */
function fieldRange(known: number, mask: number, tensBit: number, min: number, max: number): [number, number] {
  const tensUnknown = (mask & (1 << tensBit)) !== 0;
  const unitsUnknown = (mask & (1 << (tensBit + 1))) !== 0;
  if (!tensUnknown && !unitsUnknown) return [known, known];
  if (tensUnknown && unitsUnknown) return [min, max];
  if (unitsUnknown) {
    const tens = Math.floor(known / 10);
    return [Math.max(min, tens * 10), Math.min(max, tens * 10 + 9)];
  }
  // Tens unknown, units known (e.g. `X5`): the span of all matching values.
  const units = known % 10;
  const first = units >= min ? units : units + 10;
  let last = first;
  while (last + 10 <= max) last += 10;
  return [first, last];
}

function dateEndpoint(p: EdtfParsed): Endpoint | { error: string } {
  const values = p.values as number[];
  const mask = p.unspecified ?? 0;
  const [y0, y1] = yearRange(values[0], mask & 0b1111);
  const yearUnspecifiedDigits = [0, 1, 2, 3].filter((i) => mask & (1 << i)).length;
  let precision: DatePrecision = values.length >= 3 ? "day" : values.length === 2 ? "month" : "year";
  let firstMonth = 1;
  let lastMonth = 12;
  let earliest: DayNumber;
  let latest: DayNumber;
  if (values.length === 1) {
    if (yearUnspecifiedDigits === 1 && mask & 0b1000) precision = "decade";
    else if (yearUnspecifiedDigits === 2 && (mask & 0b1100) === 0b1100) precision = "century";
    earliest = isoDay(y0, 1, 1);
    latest = isoDay(y1, 12, 31);
  } else {
    // edtf stores months 0-based; unspecified digits read as 0 there.
    const [m0, m1] = fieldRange(values[1] + 1, mask, 4, 1, 12);
    if (m0 > m1) return { error: "no month matches these unspecified digits" };
    firstMonth = m0;
    lastMonth = m1;
    if (values.length === 2) {
      earliest = monthStart(y0, m0);
      latest = monthEnd(y1, m1);
    } else {
      const [d0, d1] = fieldRange(values[2], mask, 6, 1, 31);
      // The edtf library accepts some impossible days (it treats 1900 as a leap year).
      if (m0 === m1 && y0 === y1 && d0 === d1 && d0 > daysInMonth(y0, m0)) {
        return { error: `${impossibleDay(y0, m0, d0)}` };
      }
      earliest = isoDay(y0, m0, Math.min(d0, daysInMonth(y0, m0)));
      latest = isoDay(y1, m1, Math.min(d1, daysInMonth(y1, m1)));
    }
  }
  const e: Endpoint = {
    earliest,
    latest,
    looseEarliest: earliest,
    looseLatest: latest,
    precision,
    uncertain: flag(p.uncertain),
    approximate: flag(p.approximate),
    unspecified: mask !== 0,
  };
  if (e.uncertain || e.approximate) widen(e, y0, firstMonth, y1, lastMonth);
  return e;
}


/** A decade or century: whole years from `first`, widened like any date when qualified. */
function yearBlock(p: { uncertain?: boolean | number; approximate?: boolean | number }, first: number, years: number, precision: "decade" | "century"): Endpoint {
  const e: Endpoint = {
    earliest: isoDay(first, 1, 1),
    latest: isoDay(first + years - 1, 12, 31),
    looseEarliest: isoDay(first, 1, 1),
    looseLatest: isoDay(first + years - 1, 12, 31),
    precision,
    uncertain: flag(p.uncertain),
    approximate: flag(p.approximate),
    unspecified: false,
  };
  if (e.uncertain || e.approximate) widen(e, first, 1, first + years - 1, 12);
  return e;
}

function endpointOf(p: EdtfParsed): Endpoint | { error: string } {
  switch (p.type) {
    case "Date":
      return dateEndpoint(p);
    case "Year": {
      const year = p.values[0] as number;
      const e: Endpoint = {
        earliest: isoDay(year, 1, 1),
        latest: isoDay(year, 12, 31),
        looseEarliest: isoDay(year, 1, 1),
        looseLatest: isoDay(year, 12, 31),
        precision: "year",
        uncertain: flag(p.uncertain),
        approximate: flag(p.approximate),
        unspecified: false,
      };
      if (e.uncertain || e.approximate) widen(e, year, 1, year, 12);
      return e;
    }
    case "Season": {
      const [year, code] = p.values as number[];
      const season = SEASONS[code];
      if (!season) return { error: `season code ${code} does not exist (spring is 21, summer 22, autumn 23, winter 24)` };
      const last = addMonths(year, season.firstMonth, season.months - 1);
      const e: Endpoint = {
        earliest: monthStart(year, season.firstMonth),
        latest: monthEnd(last.year, last.month),
        looseEarliest: 0,
        looseLatest: 0,
        precision: "season",
        uncertain: flag(p.uncertain),
        approximate: flag(p.approximate),
        unspecified: false,
        season: code,
      };
      e.looseEarliest = e.earliest;
      e.looseLatest = e.latest;
      if (e.uncertain || e.approximate) widen(e, year, season.firstMonth, last.year, last.month);
      return e;
    }
    case "Decade":
      return yearBlock(p, (p.values[0] as number) * 10, 10, "decade");
    case "Century":
      return yearBlock(p, (p.values[0] as number) * 100, 100, "century");
    default:
      return { error: "sets and lists of dates are not supported in a date tag; write an interval such as 1961/1963" };
  }
}

// ---------------------------------------------------------------- parsing

const OPEN = "..";

function impossibleDay(year: number, month: number, day: number): string {
  const iso = `${year < 0 ? "-" : ""}${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return `${iso} is not a day of ${MONTHS[month - 1]} ${yearInWords(year)} (it has ${daysInMonth(year, month)} days)`;
}

/** Explains why a text the edtf library rejected is not a date, in a historian's words. */
function explainInvalid(text: string): string {
  for (const part of text.split("/")) {
    const bare = part.replace(/[?~%]/g, "");
    const m = /^(-?)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(bare);
    if (!m) continue;
    const year = (m[1] ? -1 : 1) * Number(m[2]);
    if (m[3] === undefined) continue;
    const month = Number(m[3]);
    if (m[4] === undefined) {
      if (month === 0 || (month > 12 && month < 21) || month > 41) return `month ${m[3]} does not exist`;
      continue;
    }
    if (month === 0 || month > 12) return `month ${m[3]} does not exist`;
    const day = Number(m[4]);
    if (day === 0) return `day 00 does not exist`;
    if (day > daysInMonth(year, month)) return impossibleDay(year, month, day);
  }
  if (/^\s|\s$/.test(text)) return `"${text}" has spaces around the date`;
  return `"${text}" is not an EDTF date (expected forms like 1961, 1961-12, 1961-12-03, 1961-12?, 196X, 1962-21 or 1961-04/1961-06)`;
}

// Perf (issue 7): the edtf library's Earley parser costs ~30 µs a date (it also
// rebuilds its grammar on every call), which made a 100k-entity fact base take
// seconds and a cold parse of a book spend a third of its time there. The common
// forms take a regex path giving the library's exact result (or its refusal);
// test/unit/dates-fast-path.test.ts holds the two to agreement. The rest is memoised.

/** A calendar date, optionally qualified as a whole: 1961, 1961-04, 1961-04-03, 1961?, 1961-04~, 1961-04-03%. */
const SIMPLE_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)$/;
/** A decade or century written with unspecified digits: 196X, 19XX. */
const UNSPECIFIED_YEAR = /^(\d{2})(\d|X)X$/;

/** The days the library allows in a month: it does not check leap years, so February always has 29. */
function libraryDaysInMonth(month: number): number {
  return month === 2 ? 29 : daysInMonth(2000, month);
}

/** SIMPLE_DATE as the library reads it; null when it refuses the text, undefined for forms left to it (seasons). */
function simpleDate(text: string): EdtfParsed | null | undefined {
  const m = SIMPLE_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const values = [year];
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (m[3] === undefined && month >= 21) return month <= 41 ? undefined : null; // seasons are the library's
    if (month < 1 || month > 12) return null;
    values.push(month - 1);
    if (m[3] !== undefined) {
      const day = Number(m[3]);
      if (day < 1 || day > libraryDaysInMonth(month)) return null;
      values.push(day);
    }
  }
  const qualifier = m[4];
  const parsed: Record<string, unknown> = { type: "Date", level: qualifier ? 1 : 0, values };
  if (qualifier === "~" || qualifier === "%") parsed.approximate = true;
  if (qualifier === "?" || qualifier === "%") parsed.uncertain = true;
  return parsed as unknown as EdtfParsed;
}

/** The library's parse of a common EDTF form; null when the library refuses it; undefined when the library must decide. */
export function parseCommonEdtf(text: string): EdtfParsed | null | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) {
    const date = simpleDate(text);
    if (date !== undefined) return date;
    const x = UNSPECIFIED_YEAR.exec(text);
    if (!x) return undefined;
    const century = x[2] === "X";
    const values = [century ? Number(x[1]) * 100 : Number(x[1] + x[2]) * 10];
    return { values, unspecified: century ? 0b1100 : 0b1000, type: "Date", level: 1 } as unknown as EdtfParsed;
  }
  if (text.indexOf("/", slash + 1) >= 0) return undefined;
  const ends: Array<EdtfParsed | number | null> = [];
  let level = 0;
  for (const part of [text.slice(0, slash), text.slice(slash + 1)]) {
    if (part === "" || part === OPEN) {
      // An unknown end is null, an open one Infinity; either makes the interval level 1.
      ends.push(part === "" ? null : Infinity);
      level = Math.max(level, 1);
      continue;
    }
    const date = simpleDate(part);
    if (date === undefined) return undefined;
    if (date === null) return null;
    ends.push(date);
    level = Math.max(level, date.level as number);
  }
  // Neither end a date ("../", "/.."): the library's to judge.
  if (!ends.some((end) => end !== null && typeof end === "object")) return undefined;
  return { values: ends, type: "Interval", level } as unknown as EdtfParsed;
}

const libraryCache = new Map<string, EdtfParsed | undefined>();
const LIBRARY_CACHE_LIMIT = 20000;

function libraryParse(text: string): EdtfParsed | undefined {
  const common = parseCommonEdtf(text);
  if (common !== undefined) return common ?? undefined;
  if (libraryCache.has(text)) return libraryCache.get(text);
  let parsed: EdtfParsed | undefined;
  try {
    parsed = parseEdtfLibrary(text, { level: 2 });
  } catch {
    parsed = undefined;
  }
  if (libraryCache.size >= LIBRARY_CACHE_LIMIT) libraryCache.clear();
  libraryCache.set(text, parsed);
  return parsed;
}

/** The two ends of an interval; edtf marks an open end (`..`) as Infinity and an unknown one as null. */
function intervalEnds(p: EdtfParsed): Array<Endpoint | { error: string } | undefined> {
  return (p.values as unknown[]).slice(0, 2).map((v) => (v && typeof v === "object" ? endpointOf(v as EdtfParsed) : undefined));
}

function toClioDate(edtf: string, p: EdtfParsed): { date: ClioDate } | { error: string } {
  if (p.type !== "Interval") {
    const e = endpointOf(p);
    if ("error" in e) return e;
    return { date: { edtf, ...e, openStart: false, openEnd: false } };
  }
  const [start, end] = intervalEnds(p);
  if (start && "error" in start) return start;
  if (end && "error" in end) return end;
  if (start && end && end.latest < start.earliest) {
    return { error: `the interval ends (${daysInWords(end.earliest, end.latest)}) before it starts (${daysInWords(start.earliest, start.latest)})` };
  }
  return { date: joinEndpoints(edtf, start, end, !start, !end) };
}

// Papers repeat the same few hundred dates; the EDTF grammar is the slow part of
// parsing, so results are memoised. Results are shared: treat them as read-only.
const memo = new Map<string, { date: ClioDate } | { error: string }>();
const MEMO_LIMIT = 10000;

/** Parses an EDTF date (levels 0 and 1, plus the level-2 forms that still denote one interval). */
export function parseEdtf(text: string): { date: ClioDate } | { error: string } {
  let result = memo.get(text);
  if (!result) {
    result = parseEdtfUncached(text);
    if ("date" in result) Object.freeze(result.date);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, result);
  }
  return result;
}

function parseEdtfUncached(text: string): { date: ClioDate } | { error: string } {
  const edtf = text.trim();
  if (edtf === "") return { error: "the date is empty" };
  if (edtf === OPEN || edtf === "/" || edtf === "../..") return { error: "an interval needs at least one known end" };
  const parsed = libraryParse(edtf);
  if (!parsed) return { error: explainInvalid(edtf) };
  return toClioDate(edtf, parsed);
}

/** Convenience for code that knows its input is valid (fact files check theirs first). */
export function parseEdtfOrUndefined(text: string | undefined): ClioDate | undefined {
  if (text === undefined) return undefined;
  const r = parseEdtf(text);
  return "date" in r ? r.date : undefined;
}

// ---------------------------------------------------------------- comparing

/** "overlap" when the intervals intersect, "fuzzy" when only the loose ones do, else "disjoint". */
export function compareDates(a: ClioDate, b: ClioDate): Overlap {
  if (a.earliest <= b.latest && b.earliest <= a.latest) return "overlap";
  if (a.looseEarliest <= b.looseLatest && b.looseEarliest <= a.looseLatest) return "fuzzy";
  return "disjoint";
}

/** The interval from start's earliest day to end's latest day, open where a side is missing (existence, tenures). */
export function spanDates(start?: ClioDate, end?: ClioDate): ClioDate {
  const startText = start ? (start.edtf.includes("/") ? formatDay(start.earliest) : start.edtf) : OPEN;
  const endText = end ? (end.edtf.includes("/") ? formatDay(end.latest) : end.edtf) : OPEN;
  return joinEndpoints(`${startText}/${endText}`, start, end, !start || start.openStart, !end || end.openEnd);
}

// ---------------------------------------------------------------- describing

function qualifierWords(uncertain: boolean, approximate: boolean): string {
  if (uncertain && approximate) return "uncertain and approximate";
  if (uncertain) return "uncertain";
  if (approximate) return "approximate";
  return "";
}

function seasonWords(e: Endpoint): string {
  const season = SEASONS[e.season ?? 0];
  const a = dayToCivil(e.earliest);
  const b = dayToCivil(e.latest);
  const months =
    a.year === b.year
      ? `${MONTHS[a.month - 1]}–${MONTHS[b.month - 1]}`
      : `${MONTHS[a.month - 1]} ${yearInWords(a.year)}–${MONTHS[b.month - 1]} ${yearInWords(b.year)}`;
  return `${season?.name ?? "season"} ${yearInWords(a.year)} (${months})`;
}

/** One endpoint in words; `standalone` spells a month as its days, as hovers show a lone date. */
function endpointWords(e: Endpoint, standalone: boolean): string {
  const a = dayToCivil(e.earliest);
  const b = dayToCivil(e.latest);
  switch (e.precision) {
    case "day":
      return daysInWords(e.earliest, e.latest);
    case "month":
      if (!standalone && a.month === b.month && a.year === b.year) return `${MONTHS[a.month - 1]} ${yearInWords(a.year)}`;
      return daysInWords(e.earliest, e.latest);
    case "season":
      return seasonWords(e);
    case "year":
      return a.year === b.year ? yearInWords(a.year) : `${yearInWords(a.year)}–${yearInWords(b.year)}`;
    case "decade":
      return a.year > 0 ? `the ${a.year}s` : `${yearInWords(a.year)}–${yearInWords(b.year)}`;
    default:
      return `${yearInWords(a.year)}–${yearInWords(b.year)}`;
  }
}

function withQualifiers(words: string, e: { uncertain: boolean; approximate: boolean }, separator: string): string {
  const q = qualifierWords(e.uncertain, e.approximate);
  return q ? `${words}${separator}${q}` : words;
}

/** A date in words for hovers: "1–30 April 1961, uncertain", "spring 1962 (March–May)", "44 BCE". */
export function describeDate(d: ClioDate): string {
  const parsed = libraryParse(d.edtf);
  if (parsed && parsed.type !== "Interval") {
    const e = endpointOf(parsed);
    if (!("error" in e)) return withQualifiers(endpointWords(e, true), e, ", ");
  }
  if (parsed && parsed.type === "Interval") {
    const [start, end] = intervalEnds(parsed);
    if (!(start && "error" in start) && !(end && "error" in end)) {
      const startWords = start ? withQualifiers(endpointWords(start, false), start, ", ") : "";
      const endWords = end ? withQualifiers(endpointWords(end, false), end, ", ") : "";
      const unknownStart = d.edtf.startsWith("/");
      const unknownEnd = d.edtf.endsWith("/");
      if (start && end) return `${startWords} – ${endWords}`;
      if (start) return `from ${startWords} (${unknownEnd ? "end unknown" : "open end"})`;
      if (end) return `until ${endWords} (${unknownStart ? "start unknown" : "open start"})`;
    }
  }
  // Synthesised dates (spanDates) may not re-parse; fall back to their days.
  const from = Number.isFinite(d.earliest) ? dayInWords(d.earliest) : undefined;
  const to = Number.isFinite(d.latest) ? dayInWords(d.latest) : undefined;
  let words: string;
  if (from && to) words = d.earliest === d.latest ? from : daysInWords(d.earliest, d.latest);
  else if (from) words = `from ${from} (open end)`;
  else if (to) words = `until ${to} (open start)`;
  else words = "any time";
  return withQualifiers(words, d, ", ");
}
