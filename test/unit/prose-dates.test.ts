import { test } from "node:test";
import assert from "node:assert/strict";
import { findNaturalDates, sentenceDate } from "../../server/src/core/prose/dates.js";
import { parseEdtf } from "../../server/src/core/dates/index.js";

function dated(sentence: string): string | undefined {
  const r = sentenceDate(sentence);
  return "date" in r ? r.date.edtf : undefined;
}

test("natural dates: every supported form becomes the right EDTF", () => {
  const cases: Array<[string, string]> = [
    ["In April 1961 the talks broke down.", "1961-04"],
    ["The delegation left on 5 September 1968 for Beijing.", "1968-09-05"],
    ["5 September 1968 was a Thursday.", "1968-09-05"],
    ["Albania left the pact on September 5, 1968.", "1968-09-05"],
    ["The mission arrived in spring 1962.", "1962-21"],
    ["Talks resumed in the autumn of 1963.", "1963-23"],
    ["Relations cooled in early 1967.", "1967-01/1967-04"],
    ["Relations cooled in mid-1967.", "1967-05/1967-08"],
    ["Relations cooled in late 1967.", "1967-09/1967-12"],
    ["Trade grew in the mid-1960s.", "1964/1966"],
    ["Trade grew in the 1960s.", "1960/1969"],
    ["Trade grew between 1961 and 1963.", "1961/1963"],
    ["Trade grew from 1961 to 1963.", "1961/1963"],
    ["Trade grew in 1961.", "1961"],
    ["During 1961 trade grew.", "1961"],
    ["On the 3rd of December 1961 relations were severed.", "1961-12-03"],
  ];
  for (const [sentence, edtf] of cases) {
    assert.equal(dated(sentence), edtf, sentence);
    assert.ok("date" in parseEdtf(edtf), `valid EDTF ${edtf}`);
  }
});

test("natural dates: the span covers the phrase as written", () => {
  const [d] = findNaturalDates("Hoxha spoke in April 1961.", 100);
  assert.equal(d.text, "in April 1961");
  assert.deepEqual(d.span, { start: 112, end: 125 });
});

test("natural dates: unclear datings are skipped (precision first)", () => {
  const unclear = [
    "By 1962 the break was complete.",
    "Until April 1961 the base stayed Soviet.",
    "Since 1961 the two parties had quarrelled.",
    "After May 1961 no ships came.",
    "Before 1960 trade was small.",
    "In 1960 and again in 1961 the delegations met.",
    "The 1961 congress met in April 1962.",
    "Relations soured, which in 1961 led to a break.",
    "The split widened (as early as 1960).",
    "Trade fell.",
    "Trade fell between 1963 and 1961.",
  ];
  for (const s of unclear) assert.equal(dated(s), undefined, s);
});

test("natural dates: dates inside brackets or parentheses do not count", () => {
  assert.equal(dated("In April 1961 the talks failed [@tretiak1962, 1962]."), "1961-04");
  assert.equal(dated("Zhou Enlai (1898–1976) toured Albania in 1964."), "1964");
});

test("natural dates: month names must be capitalised, so 'may' is not a month", () => {
  assert.equal(findNaturalDates("they may 1961 arrive").length, 0);
  assert.equal(dated("Early April 1961 saw the recall."), "1961-04");
});

test("natural dates: every written day lies inside the parsed interval (property)", async () => {
  const fc = (await import("fast-check")).default;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  fc.assert(
    fc.property(fc.integer({ min: 1000, max: 2099 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 28 }), (year, month, day) => {
      const forms = [
        `On ${day} ${MONTHS[month]} ${year} the talks ended.`,
        `On ${MONTHS[month]} ${day}, ${year} the talks ended.`,
        `In ${MONTHS[month]} ${year} the talks ended.`,
        `In ${year} the talks ended.`,
        `In the ${Math.floor(year / 10) * 10}s the talks ended.`,
      ];
      const target = Date.UTC(year, month, day) / 86_400_000;
      for (const sentence of forms) {
        const edtf = dated(sentence);
        assert.ok(edtf, sentence);
        const parsed = parseEdtf(edtf);
        assert.ok("date" in parsed, edtf);
        assert.ok(parsed.date.earliest <= target && target <= parsed.date.latest, `${sentence} → ${edtf}`);
      }
    }),
    { numRuns: 200 },
  );
});
