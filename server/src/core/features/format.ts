// Human wording for the editor: dates as intervals in words ("1–30 April 1961,
// uncertain") and sources as Chicago author-date references.
import type { ClioDate, DayNumber, Source } from "../types.js";
import { md } from "./util.js";
import { dayToCivil, describeDate as describeDateInWords } from "../dates/index.js";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

type Civil = ReturnType<typeof dayToCivil>;

export const civilFromDays = dayToCivil;

/** Astronomical year → display year; EDTF year 0000 is 1 BCE. */
export function yearInWords(year: number): string {
  return year > 0 ? String(year) : `${1 - year} BCE`;
}

function isMonthStart(c: Civil): boolean {
  return c.day === 1;
}
function isMonthEnd(days: DayNumber): boolean {
  return civilFromDays(days + 1).day === 1;
}

/** A closed day interval in words, collapsing shared month and year: "1–30 April 1961", "3 May – 2 June 1961". */
export function dayRangeInWords(earliest: DayNumber, latest: DayNumber): string {
  const open = (d: DayNumber) => !Number.isFinite(d);
  if (open(earliest) && open(latest)) return "any time";
  if (open(earliest)) return `until ${dayInWords(latest)}`;
  if (open(latest)) return `from ${dayInWords(earliest)}`;
  const a = civilFromDays(earliest);
  const b = civilFromDays(latest);
  if (earliest === latest) return dayInWords(earliest);
  // Whole years and whole months read better without days.
  if (a.month === 1 && a.day === 1 && b.month === 12 && b.day === 31) {
    return a.year === b.year ? yearInWords(a.year) : `${yearInWords(a.year)}–${yearInWords(b.year)}`;
  }
  if (isMonthStart(a) && isMonthEnd(latest) && a.year === b.year && a.month === b.month) {
    return `${a.day}–${b.day} ${MONTHS[a.month - 1]} ${yearInWords(a.year)}`;
  }
  if (a.year === b.year && a.month === b.month) return `${a.day}–${b.day} ${MONTHS[a.month - 1]} ${yearInWords(a.year)}`;
  if (a.year === b.year) return `${a.day} ${MONTHS[a.month - 1]} – ${b.day} ${MONTHS[b.month - 1]} ${yearInWords(a.year)}`;
  return `${dayInWords(earliest)} – ${dayInWords(latest)}`;
}

export function dayInWords(days: DayNumber): string {
  const c = civilFromDays(days);
  return `${c.day} ${MONTHS[c.month - 1]} ${yearInWords(c.year)}`;
}

/** The interval a date denotes, in words, with its qualifiers ("1–30 April 1961, uncertain"): the dates module's wording. */
export const describeDate = describeDateInWords;

/** Compact wording for lists and spans: a whole month reads "April 1961", not "1–30 April 1961". */
export function compactRangeInWords(earliest: DayNumber, latest: DayNumber): string {
  if (Number.isFinite(earliest) && Number.isFinite(latest) && earliest !== latest) {
    const a = civilFromDays(earliest);
    const b = civilFromDays(latest);
    if (a.month === 1 && a.day === 1 && b.month === 12 && b.day === 31) return dayRangeInWords(earliest, latest);
    if (a.day === 1 && isMonthEnd(latest) && a.year === b.year && a.month === b.month) return `${MONTHS[a.month - 1]} ${yearInWords(a.year)}`;
    if (a.day === 1 && isMonthEnd(latest) && a.year === b.year) return `${MONTHS[a.month - 1]} – ${MONTHS[b.month - 1]} ${yearInWords(a.year)}`;
  }
  return dayRangeInWords(earliest, latest);
}

/** Short wording of a date: the interval without loose bounds; falls back to the EDTF text. */
export function shortDate(date: ClioDate | undefined, raw?: string): string {
  if (!date) return raw ?? "?";
  let text = compactRangeInWords(date.earliest, date.latest);
  if (date.uncertain || date.approximate) text += " (uncertain)";
  return text;
}

/** "5 March 1898 – 8 January 1976", "from 1912", "until 1991" for a start/end pair. */
export function spanInWords(start?: ClioDate, end?: ClioDate, rawStart?: string, rawEnd?: string): string {
  const from = start ? shortDate(start) : rawStart;
  const to = end ? shortDate(end) : rawEnd;
  if (from && to) return `${from} – ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return "dates unknown";
}

type Person = { family?: string; given?: string; literal?: string };

function personName(p: Person, inverted: boolean): string {
  if (p.literal) return p.literal;
  if (!p.given) return p.family ?? "";
  return inverted ? `${p.family}, ${p.given}` : `${p.given} ${p.family}`;
}

function names(list: Person[]): string {
  const parts = list.map((p, i) => personName(p, i === 0));
  if (parts.length <= 1) return parts.join("");
  if (parts.length === 2) return `${parts[0]}, and ${parts[1]}`;
  return `${parts.slice(0, -1).join(", ")}, and ${parts[parts.length - 1]}`;
}

function pagesInWords(page: string): string {
  return page.replace(/\s*[-–]\s*/g, "–");
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** The reference as Chicago author-date style writes it, in Markdown. */
export function chicagoReference(source: Source): string {
  const year = source.issuedDate && Number.isFinite(source.issuedDate.earliest)
    ? yearInWords(civilFromDays(source.issuedDate.earliest).year)
    : source.issued?.slice(0, 4) || "n.d.";
  const container = source["container-title"];
  const parts: string[] = [];
  const authors = source.author?.length ? source.author : source.editor;
  const lead = authors?.length ? names(authors) + (source.author?.length ? "" : ", ed.") : container ? `*${md(container)}*` : md(source.key);
  parts.push(sentence(authors?.length ? md(lead) : lead));
  parts.push(`${year}.`);
  const isBook = /^(book|thesis|report)$/.test(source.type);
  if (source.title) parts.push(isBook ? `*${md(sentence(source.title))}*` : `“${md(sentence(source.title))}”`);
  if (container && (authors?.length || source.title)) {
    let c = `*${md(container)}*`;
    if (source.volume) c += ` ${md(source.volume)}`;
    if (source.issue) c += source.volume ? ` (${md(source.issue)})` : ` ${md(source.issue)}`;
    if (source.page && !/newspaper/.test(source.type)) c += `: ${md(pagesInWords(source.page))}`;
    parts.push(sentence(c));
  } else if (source.page && !isBook) {
    parts.push(sentence(md(pagesInWords(source.page))));
  }
  if (/newspaper|magazine|broadcast/.test(source.type) && source.issuedDate && source.issuedDate.earliest === source.issuedDate.latest) {
    const c = civilFromDays(source.issuedDate.earliest);
    parts.push(`${MONTHS[c.month - 1]} ${c.day}.`);
  }
  if (isBook && (source.publisher || source["publisher-place"])) {
    parts.push(sentence(md([source["publisher-place"], source.publisher].filter(Boolean).join(": "))));
  } else if (source["publisher-place"] && /newspaper/.test(source.type)) {
    parts.push(sentence(md(source["publisher-place"])));
  }
  if (source.archive) parts.push(sentence(md([source.archive, source.archive_location].filter(Boolean).join(", "))));
  if (source.URL) parts.push(`<${source.URL}>`);
  return parts.join(" ");
}
