// The regex path for common EDTF forms (dates/index.ts, parseCommonEdtf) must give
// exactly what the edtf library gives, or refuse exactly what it refuses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse as parseLibrary } from "edtf";
import { parseCommonEdtf } from "../../server/src/core/dates/index.js";

function library(text: string): unknown {
  try {
    // Through JSON-like plain objects: the library's results carry no prototypes we rely on.
    return { ...parseLibrary(text, { level: 2 }) };
  } catch {
    return null;
  }
}

function agree(text: string): boolean {
  const fast = parseCommonEdtf(text);
  if (fast === undefined) return false;
  const expected = library(text);
  if (fast === null) assert.equal(expected, null, `${text}: the library accepts what the fast path refuses`);
  else assert.deepStrictEqual({ ...fast }, expected, text);
  return true;
}

const YEARS = ["0000", "0004", "1000", "1600", "1900", "1961", "1964", "2000", "2023", "9999"];
const MONTHS = ["00", "01", "02", "04", "09", "10", "11", "12", "13", "19", "20", "21", "24", "41", "42", "50", "99"];
const DAYS = ["00", "01", "09", "28", "29", "30", "31", "32", "40", "99"];
const QUALIFIERS = ["", "?", "~", "%"];

test("common EDTF forms: the fast path agrees with the library on dates, qualified or not", () => {
  let decided = 0;
  for (const y of YEARS) {
    for (const q of QUALIFIERS) {
      if (agree(y + q)) decided++;
      for (const m of MONTHS) {
        if (agree(`${y}-${m}${q}`)) decided++;
        // Days in full only for the plain form; the qualified ones on the interesting months.
        for (const d of DAYS) {
          if (q && !["00", "02", "04", "12", "13"].includes(m)) continue;
          if (agree(`${y}-${m}-${d}${q}`)) decided++;
        }
      }
    }
  }
  assert.ok(decided > 2000, `only ${decided} forms took the fast path`);
});

test("common EDTF forms: decades and centuries with unspecified digits", () => {
  for (const text of ["000X", "196X", "199X", "200X", "00XX", "19XX", "20XX", "99XX"]) assert.ok(agree(text), text);
  // Left to the library: other unspecified forms.
  for (const text of ["1XXX", "XXXX", "1961-1X", "196X~", "196X-04"]) assert.equal(parseCommonEdtf(text), undefined, text);
});

test("common EDTF forms: intervals between such dates, open and unknown ends", () => {
  const ends = ["", "..", "1961", "1961~", "1961-04", "1961-04?", "1961-04-03", "1961-02-29", "1961-02-30%", "1961-13", "1962", "1960-12-31", "0000"];
  let decided = 0;
  for (const a of ends) for (const b of ends) if (agree(`${a}/${b}`)) decided++;
  assert.ok(decided > 100, `only ${decided} intervals took the fast path`);
  // Left to the library: seasons and unspecified digits in intervals, no date at either end, several slashes.
  for (const text of ["1961-21/1962", "196X/1970", "../", "/..", "../..", "1961/1962/1963", "-0043/0001"]) {
    assert.equal(parseCommonEdtf(text), undefined, text);
  }
});

test("common EDTF forms: anything else is left to the library", () => {
  for (const text of ["1961-21", "1961-41", "-0043", "Y170000", "1961-04-03T10:00", "[1961..1963]", "{1961,1962}", " 1961", "1961 ", "196", "19610"]) {
    assert.equal(parseCommonEdtf(text), undefined, text);
  }
});
