import { test } from "node:test";
import assert from "node:assert/strict";
import { dayRangeInWords, chicagoReference } from "../../server/src/core/features/format.js";
import { isoDay } from "../../server/src/core/dates/index.js";
import type { Source } from "../../server/src/core/types.js";

const origin = { file: "x.yaml" };

test("day ranges collapse shared months and years", () => {
  assert.equal(dayRangeInWords(isoDay(1961, 4, 1), isoDay(1961, 4, 30)), "1–30 April 1961");
  assert.equal(dayRangeInWords(isoDay(1961, 1, 1), isoDay(1961, 12, 31)), "1961");
  assert.equal(dayRangeInWords(isoDay(1963, 12, 31), isoDay(1964, 1, 9)), "31 December 1963 – 9 January 1964");
  assert.equal(dayRangeInWords(isoDay(1961, 5, 3), isoDay(1961, 6, 2)), "3 May – 2 June 1961");
  assert.equal(dayRangeInWords(isoDay(0, 3, 15), isoDay(0, 3, 15)), "15 March 1 BCE");
  assert.equal(dayRangeInWords(isoDay(1912, 11, 28), Infinity), "from 28 November 1912");
});

test("Chicago author-date: journal article", () => {
  const s: Source = {
    key: "tretiak1962", type: "article-journal", author: [{ family: "Tretiak", given: "Daniel" }],
    title: "The Founding of the Sino-Albanian Entente", "container-title": "The China Quarterly", issue: "10",
    issued: "1962-06", page: "123-143", sources: [], origin, from: "bundled",
  };
  assert.equal(chicagoReference(s), "Tretiak, Daniel. 1962. “The Founding of the Sino-Albanian Entente.” *The China Quarterly* 10: 123–143.");
});

test("Chicago author-date: book with two authors and a place", () => {
  const s: Source = {
    key: "x", type: "book", author: [{ family: "Doe", given: "Ann" }, { family: "Roe", given: "Ben" }],
    title: "Albania and China", publisher: "Westview Press", "publisher-place": "Boulder", issued: "1986",
    sources: [], origin, from: "bundled",
  };
  assert.equal(chicagoReference(s), "Doe, Ann, and Ben Roe. 1986. *Albania and China.* Boulder: Westview Press.");
});

test("Chicago author-date: a newspaper issue without author", () => {
  const s: Source = { key: "bashkimi:1956-09-19", type: "article-newspaper", "container-title": "Bashkimi", issued: "1956", sources: [], origin, from: "bundled" };
  assert.equal(chicagoReference(s), "*Bashkimi*. 1956.");
});
