// Day numbers ↔ proleptic Gregorian dates for axis ticks and labels. Kept here
// (tiny, dependency-free) so the browser bundle of the timeline view does not
// pull in the EDTF parser.

export interface CivilDate {
  /** Astronomical year: 0 is 1 BCE, -1 is 2 BCE. */
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (era arithmetic, exact for any year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDays(days: number): CivilDate {
  const z = Math.floor(days) + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** "1961", or "44 BCE" for astronomical year -43 (year 0 is 1 BCE, never "year 0"). */
export function formatYear(year: number): string {
  return year > 0 ? String(year) : `${1 - year} BCE`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? "?";
}

/** "3 Dec 1961" — readable day for tooltips. */
export function formatDay(days: number): string {
  const c = civilFromDays(days);
  return `${c.day} ${monthName(c.month)} ${formatYear(c.year)}`;
}
