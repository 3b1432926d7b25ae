import { test } from "node:test";
import assert from "node:assert/strict";
import {
  compareDates,
  dayToCivil,
  dayToIso,
  describeDate,
  formatDay,
  isoDay,
  parseEdtf,
  spanDates,
} from "../../server/src/core/dates/index.js";
import type { ClioDate } from "../../server/src/core/types.js";

function date(text: string): ClioDate {
  const r = parseEdtf(text);
  if ("error" in r) assert.fail(`${text}: ${r.error}`);
  return r.date;
}

function error(text: string): string {
  const r = parseEdtf(text);
  if ("date" in r) assert.fail(`${text} should be invalid`);
  return r.error;
}

/** [earliest, latest, looseEarliest, looseLatest] as ISO days. */
function bounds(text: string): string[] {
  const d = date(text);
  return [d.earliest, d.latest, d.looseEarliest, d.looseLatest].map(formatDay);
}

test("day numbers: epoch, leap days, BCE, round trip", () => {
  assert.equal(isoDay(1970, 1, 1), 0);
  assert.equal(isoDay(1969, 12, 31), -1);
  assert.equal(isoDay(2000, 3, 1) - isoDay(2000, 2, 28), 2);
  assert.equal(isoDay(1900, 3, 1) - isoDay(1900, 2, 28), 1);
  assert.equal(dayToIso(isoDay(1953, 3, 5)), "1953-03-05");
  assert.equal(dayToIso(isoDay(-43, 3, 15)), "-0043-03-15");
  assert.equal(dayToIso(isoDay(0, 2, 29)), "0000-02-29");
  for (let n = -800000; n < 800000; n += 997) {
    const { year, month, day } = dayToCivil(n);
    assert.equal(isoDay(year, month, day), n);
  }
  assert.equal(formatDay(Infinity), "..");
});

test("year, month and day precision", () => {
  assert.deepEqual(bounds("1961"), ["1961-01-01", "1961-12-31", "1961-01-01", "1961-12-31"]);
  assert.deepEqual(bounds("1961-02"), ["1961-02-01", "1961-02-28", "1961-02-01", "1961-02-28"]);
  assert.deepEqual(bounds("1960-02"), ["1960-02-01", "1960-02-29", "1960-02-01", "1960-02-29"]);
  assert.deepEqual(bounds("1968-09-05"), ["1968-09-05", "1968-09-05", "1968-09-05", "1968-09-05"]);
  assert.equal(date("1961").precision, "year");
  assert.equal(date("1961-12").precision, "month");
  assert.equal(date("1961-12-03").precision, "day");
});

test("qualifiers widen the loose bounds by the precision's unit", () => {
  assert.deepEqual(bounds("1961~"), ["1961-01-01", "1961-12-31", "1960-01-01", "1962-12-31"]);
  assert.deepEqual(bounds("1961-04?"), ["1961-04-01", "1961-04-30", "1961-03-01", "1961-05-31"]);
  assert.deepEqual(bounds("1961-12-03%"), ["1961-12-03", "1961-12-03", "1961-11-26", "1961-12-10"]);
  const q = date("1961%");
  assert.ok(q.uncertain && q.approximate);
  assert.ok(date("1961?").uncertain && !date("1961?").approximate);
  assert.ok(date("1961~").approximate && !date("1961~").uncertain);
  // Per-component qualifiers (EDTF level 2) still mark the date as uncertain.
  assert.ok(date("2004-?06-11").uncertain);
});

test("seasons are northern meteorological seasons; winter runs into the next year", () => {
  assert.deepEqual(bounds("1962-21").slice(0, 2), ["1962-03-01", "1962-05-31"]);
  assert.deepEqual(bounds("1962-22").slice(0, 2), ["1962-06-01", "1962-08-31"]);
  assert.deepEqual(bounds("1962-23").slice(0, 2), ["1962-09-01", "1962-11-30"]);
  assert.deepEqual(bounds("1962-24").slice(0, 2), ["1962-12-01", "1963-02-28"]);
  assert.equal(date("1962-21").season, 21);
  assert.equal(date("1962-21").precision, "season");
});

test("unspecified digits cover their range without widening", () => {
  assert.deepEqual(bounds("196X"), ["1960-01-01", "1969-12-31", "1960-01-01", "1969-12-31"]);
  assert.deepEqual(bounds("19XX").slice(0, 2), ["1900-01-01", "1999-12-31"]);
  assert.deepEqual(bounds("1961-1X").slice(0, 2), ["1961-10-01", "1961-12-31"]);
  assert.deepEqual(bounds("1961-XX").slice(0, 2), ["1961-01-01", "1961-12-31"]);
  assert.equal(date("196X").precision, "decade");
  assert.equal(date("19XX").precision, "century");
  assert.ok(date("196X").unspecified);
});

test("intervals, open and unknown ends", () => {
  assert.deepEqual(bounds("1961-04/1961-06"), ["1961-04-01", "1961-06-30", "1961-04-01", "1961-06-30"]);
  const open = date("1961-04/..");
  assert.equal(open.latest, Infinity);
  assert.ok(open.openEnd && !open.openStart);
  const before = date("../1961");
  assert.equal(before.earliest, -Infinity);
  assert.ok(before.openStart);
  assert.equal(date("1961-04/").latest, Infinity);
  assert.equal(date("/1961").earliest, -Infinity);
  assert.deepEqual(bounds("1961-04?/1961-06~"), ["1961-04-01", "1961-06-30", "1961-03-01", "1961-07-31"]);
  assert.equal(date("1961/1962").precision, "interval");
});

test("years before the common era", () => {
  assert.deepEqual(bounds("-0043-03-15").slice(0, 2), ["-0043-03-15", "-0043-03-15"]);
  assert.deepEqual(bounds("0000").slice(0, 2), ["0000-01-01", "0000-12-31"]);
  assert.ok(date("-0043").latest < date("0000").earliest);
});

test("invalid dates say why", () => {
  assert.match(error("1961-13"), /month 13 does not exist/);
  assert.match(error("1961-02-30"), /1961-02-30 is not a day of February 1961/);
  assert.match(error("1961-04-31"), /not a day of April 1961/);
  assert.match(error("1961-12-03/1961-12-01"), /ends .* before it starts/);
  assert.match(error("abc"), /not an EDTF date/);
  assert.match(error(""), /empty/);
  assert.match(error("../.."), /known end/);
  assert.match(error("{1961,1962}"), /not supported/);
  assert.ok("date" in parseEdtf("1960-02-29"));
  assert.ok("error" in parseEdtf("1900-02-29"));
});

test("compareDates: overlap, fuzzy, disjoint", () => {
  assert.equal(compareDates(date("1961"), date("1961-04")), "overlap");
  assert.equal(compareDates(date("1961"), date("1962")), "disjoint");
  assert.equal(compareDates(date("1961~"), date("1962")), "fuzzy");
  assert.equal(compareDates(date("1961-04-01"), date("1961-04-05?")), "fuzzy");
  assert.equal(compareDates(date("1961-04-01"), date("1961-05-05?")), "disjoint");
  assert.equal(compareDates(date("1961-04/.."), date("2020")), "overlap");
  assert.equal(compareDates(date("../1961"), date("1962")), "disjoint");
  assert.equal(compareDates(date("1962-24"), date("1963-01-15")), "overlap");
});

test("spanDates builds existence intervals and tenures", () => {
  const life = spanDates(date("1878~"), date("1953-03-05"));
  assert.equal(formatDay(life.earliest), "1878-01-01");
  assert.equal(formatDay(life.latest), "1953-03-05");
  assert.equal(formatDay(life.looseEarliest), "1877-01-01");
  assert.equal(compareDates(life, date("1955")), "disjoint");
  assert.equal(compareDates(life, date("1953")), "overlap");
  const tenure = spanDates(date("1954-03"));
  assert.equal(tenure.latest, Infinity);
  assert.ok(tenure.openEnd);
  const unknown = spanDates(undefined, date("1944"));
  assert.equal(unknown.earliest, -Infinity);
  assert.ok(unknown.openStart);
});

test("describeDate speaks plain words", () => {
  assert.equal(describeDate(date("1961-04?")), "1–30 April 1961, uncertain");
  assert.equal(describeDate(date("1968-09-05")), "5 September 1968");
  assert.equal(describeDate(date("1962-21")), "spring 1962 (March–May)");
  assert.equal(describeDate(date("1962-24")), "winter 1962 (December 1962–February 1963)");
  assert.equal(describeDate(date("196X")), "the 1960s");
  assert.equal(describeDate(date("1961-04/..")), "from April 1961 (open end)");
  assert.equal(describeDate(date("../1961")), "until 1961 (open start)");
  assert.equal(describeDate(date("1961-04/")), "from April 1961 (end unknown)");
  assert.equal(describeDate(date("0000")), "1 BCE");
  assert.equal(describeDate(date("-0043")), "44 BCE");
  assert.equal(describeDate(date("-0043-03-15")), "15 March 44 BCE");
  assert.equal(describeDate(date("1961~")), "1961, approximate");
  assert.equal(describeDate(date("1961%")), "1961, uncertain and approximate");
  assert.equal(describeDate(date("1961-04/1961-06")), "April 1961 – June 1961");
  assert.equal(describeDate(spanDates(date("1908"), date("1985-04-11"))), "1908 – 11 April 1985");
});

test("decades and centuries (EDTF level 2 short forms) cover their years and widen when qualified", () => {
  assert.deepEqual(bounds("196"), ["1960-01-01", "1969-12-31", "1960-01-01", "1969-12-31"]);
  assert.deepEqual(bounds("196~"), ["1960-01-01", "1969-12-31", "1955-01-01", "1974-12-31"]);
  assert.deepEqual(bounds("19?"), ["1900-01-01", "1999-12-31", "1875-01-01", "2024-12-31"]);
  assert.equal(date("19").precision, "century");
});
