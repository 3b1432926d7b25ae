// Timeline geometry and drawing on hand-made data (independent of the parser and the fact base).
import { test } from "node:test";
import assert from "node:assert/strict";
import { civilFromDays, daysFromCivil, formatYear } from "../../server/src/core/export/calendar.js";
import { axisTicks, layoutTimeline, timeDomain, FACT_BASE_LANE } from "../../server/src/core/export/timeline-layout.js";
import { renderTimelineSvg, escapeXml } from "../../server/src/core/export/timeline-svg.js";
import { jsonForScript, renderStandaloneHtml } from "../../server/src/core/export/timeline-html.js";
import type { TimelineClaim, TimelineData, TimelineSpan } from "../../server/src/core/export/timeline-model.js";

const day = (y: number, m = 1, d = 1) => daysFromCivil(y, m, d);

function span(edtf: string, earliest: number, latest: number, extra: Partial<TimelineSpan> = {}): TimelineSpan {
  return {
    edtf, earliest, latest, looseEarliest: earliest, looseLatest: latest,
    interval: false, uncertain: false, approximate: false, unspecified: false, openStart: false, openEnd: false, ...extra,
  };
}

function claim(i: number, s: TimelineSpan, actors: string[], extra: Partial<TimelineClaim> = {}): TimelineClaim {
  return {
    id: `0:${i}`, uri: "file:///paper.md", document: 0, index: i,
    range: { start: { line: i, character: 0 }, end: { line: i, character: 10 } },
    text: `Claim number ${i}`, actors, diagnostics: [], ...s, ...extra,
  };
}

export function sampleData(): TimelineData {
  return {
    version: 1,
    title: "paper.md",
    scope: "document",
    documents: [{ uri: "file:///paper.md", name: "paper.md", undated: 0 }, { uri: "file:///other.md", name: "other.md", undated: 1 }],
    actors: [{ key: "albania", name: "Albania" }, { key: "soviet-union", name: "Soviet Union" }],
    claims: [
      claim(0, span("1961-12-03", day(1961, 12, 3), day(1961, 12, 3)), ["soviet-union", "albania"], {
        severity: "error", diagnostics: [{ severity: "error", code: "event-date-mismatch", message: "The break came on <3 Dec> & later" }],
      }),
      claim(1, span("1961-04/1961-06", day(1961, 4), day(1961, 6, 30), { interval: true }), ["albania"]),
      claim(2, span("1960~", day(1960), day(1960, 12, 31), { approximate: true, looseEarliest: day(1959), looseLatest: day(1961, 12, 31) }), ["albania"], { severity: "warning", diagnostics: [{ severity: "warning", code: "name-anachronism", message: "x" }] }),
      claim(3, span("1962-04/..", day(1962, 4), day(1962, 4, 30), { interval: true, openEnd: true }), [], { document: 1, id: "1:3" }),
    ],
    context: [{ id: "ev1", name: "Moscow conference", type: "meeting", actors: ["albania"], sources: ["tretiak1962"], ...span("1960-11", day(1960, 11), day(1960, 11, 30)) }],
  };
}

test("calendar: days ↔ civil dates round-trip, BCE years never show year 0", () => {
  assert.equal(daysFromCivil(1970, 1, 1), 0);
  assert.equal(daysFromCivil(1961, 12, 3), -2951);
  for (const d of [-1_000_000, -719468, -2951, 0, 59, 60, 365, 11016, 2_000_000]) {
    const c = civilFromDays(d);
    assert.equal(daysFromCivil(c.year, c.month, c.day), d);
  }
  assert.deepEqual(civilFromDays(daysFromCivil(-43, 3, 15)), { year: -43, month: 3, day: 15 });
  assert.equal(formatYear(0), "1 BCE");
  assert.equal(formatYear(-43), "44 BCE");
  assert.equal(formatYear(1961), "1961");
});

test("timeline layout: one mark per claim, lanes per actor (subject) or per document", () => {
  const data = sampleData();
  const byActor = layoutTimeline(data, { lanes: "actor", width: 1000 });
  assert.deepEqual(byActor.lanes.map((l) => l.name), ["Soviet Union", "Albania", "(no actor)"]);
  const claims = byActor.items.filter((i) => i.kind === "claim");
  assert.equal(claims.length, data.claims.length);
  assert.equal(claims[0].lane, 0); // subject's lane
  assert.equal(claims[1].lane, 1);
  assert.equal(claims[3].lane, 2);
  // The context event of Albania sits in Albania's lane, above its claims.
  const ctx = byActor.items.find((i) => i.kind === "context")!;
  assert.equal(ctx.lane, 1);
  assert.ok(ctx.y < claims[1].y);

  const byDoc = layoutTimeline(data, { lanes: "document", width: 1000 });
  assert.deepEqual(byDoc.lanes.map((l) => l.key), [FACT_BASE_LANE, "doc:0", "doc:1"]);
  assert.equal(byDoc.items.filter((i) => i.kind === "claim" && i.lane === 1).length, 3);
});

test("timeline layout: shapes — day is a dot, EDTF interval a bar, ~ gets fuzzy ends, open end reaches the edge", () => {
  const layout = layoutTimeline(sampleData(), { lanes: "actor", width: 1000 });
  const [point, interval, approx, open] = layout.items.filter((i) => i.kind === "claim");
  assert.equal(point.shape, "dot");
  assert.equal(interval.shape, "bar");
  assert.ok(interval.x3 > interval.x2 + 10);
  assert.equal(approx.shape, "range");
  assert.ok(approx.fuzzyStart && approx.fuzzyEnd);
  assert.ok(approx.x1 < approx.x2 && approx.x3 < approx.x4);
  assert.ok(!interval.fuzzyStart && !interval.fuzzyEnd);
  assert.equal(open.x3, layout.plotRight);
  assert.ok(open.openEnd);
  // Time runs left to right.
  assert.ok(approx.x2 < interval.x2 && interval.x2 < point.x2);
});

test("timeline layout: overlapping claims in one lane stack into rows, far apart ones share a row", () => {
  const base = sampleData();
  const claims = Array.from({ length: 6 }, (_, i) => claim(i, span("1961", day(1961), day(1961, 12, 31)), ["albania"]));
  claims.push(claim(6, span("1990", day(1990), day(1990, 12, 31)), ["albania"]));
  const layout = layoutTimeline({ ...base, claims, context: [] }, { lanes: "actor", width: 1200 });
  const ys = new Set(layout.items.map((i) => i.y));
  assert.equal(ys.size, 6);
  assert.equal(layout.items[6].y, layout.items[0].y);
  assert.equal(layout.lanes.length, 1);
  assert.ok(layout.lanes[0].height >= 6 * 22);
});

test("axis ticks: years for decades, months for a year, BCE labels", () => {
  const scale = (d: number) => d;
  const decade = axisTicks([day(1955), day(1968)], scale, 900);
  assert.ok(decade.some((t) => t.label === "1960"));
  assert.ok(decade.every((t) => /^\d{4}$/.test(t.label)));
  const year = axisTicks([day(1961, 3), day(1962, 2)], scale, 900);
  assert.ok(year.some((t) => t.label === "1962"));
  assert.ok(year.some((t) => t.label === "Jul"));
  const ancient = axisTicks([day(-60), day(-30)], scale, 900);
  assert.ok(ancient.some((t) => t.label === "51 BCE"), ancient.map((t) => t.label).join());
  assert.ok(!ancient.some((t) => t.label === "0"));
});

test("time domain covers every claim's loose bounds but not far-away context", () => {
  const data = sampleData();
  data.context.push({ ...data.context[0], id: "far", ...span("1900", day(1900), day(1900, 12, 31)) });
  const [lo, hi] = timeDomain(data);
  assert.ok(lo <= day(1959) && hi >= day(1962, 4, 30));
  assert.ok(lo > day(1950));
});

test("SVG: one .claim group per claim, severity classes, escaped text, gradients for fuzzy ends, no style attributes", () => {
  const data = sampleData();
  const svg = renderTimelineSvg(layoutTimeline(data, { lanes: "actor", width: 1000 }), data.title);
  assert.equal(svg.match(/<g class="claim /g)?.length, data.claims.length);
  assert.equal(svg.match(/<g class="context /g)?.length, 1);
  assert.match(svg, /class="claim tone-error shape-dot"/);
  assert.match(svg, /class="claim tone-warning shape-range fuzzy"/);
  assert.match(svg, /fill="url\(#fade-in-warning\)"/);
  assert.match(svg, /&lt;3 Dec&gt; &amp; later/);
  assert.doesNotMatch(svg, /<3 Dec>/);
  assert.doesNotMatch(svg, /style=/);
  assert.equal(escapeXml(`a"b'<`), "a&quot;b&#39;&lt;");
});

test("standalone HTML: strict CSP with nonce, data embedded safely, no remote resources", () => {
  const data = sampleData();
  data.claims[1].text = "Evil </script><script>alert(1)</script> text";
  const html = renderStandaloneHtml(data, { lanes: "actor", nonce: "abc123", script: "console.log('</script>')" });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-abc123'; style-src 'nonce-abc123'; img-src data:">/);
  assert.match(html, /<style nonce="abc123">/);
  assert.match(html, /<script nonce="abc123">console\.log\('<\\\/script>'\)<\/script>/);
  // Only two script elements: the JSON block and the view script.
  assert.equal(html.match(/<script/g)?.length, 2);
  assert.doesNotMatch(html, /(src|href)="https?:/);
  const json = /<script type="application\/json" id="clio-timeline-data">(.*?)<\/script>/s.exec(html)![1];
  assert.deepEqual(JSON.parse(json), data);
  assert.equal(jsonForScript("</script>\u2028"), '"\\u003c/script\\u003e\\u2028"');
});

test("timeline layout: labels are shortened to stay inside the picture at any width", () => {
  const data = sampleData();
  data.claims.forEach((c) => (c.text = `${c.text} with a rather long description that will not fit anywhere`));
  for (const width of [480, 640, 900, 1400]) {
    const layout = layoutTimeline(data, { lanes: "actor", width });
    for (const item of layout.items.filter((i) => i.kind === "claim" && i.label)) {
      const textWidth = item.label.length * 6.4;
      if (item.labelSide === "right") assert.ok(Math.max(item.x4, (item.x2 + item.x3) / 2 + 5) + 5 + textWidth <= width + 1, `${width}: ${item.label}`);
      else if (item.labelSide === "left") assert.ok(item.x1 - 5 - textWidth >= layout.plotLeft - 1, `${width}: ${item.label}`);
      else assert.ok(item.x2 + 6 + textWidth <= item.x3 + 1, `${width}: ${item.label}`);
    }
    assert.ok(layout.items.some((i) => i.kind === "claim" && i.label.endsWith("…")));
  }
});
