// Draws a laid-out timeline as SVG markup. Colours come only from CSS classes
// (see timeline-style.ts), never from style attributes, so a strict CSP
// without 'unsafe-inline' holds and the picture follows the editor theme.
import type { TimelineLayout, LaidOutItem } from "./timeline-layout.js";

const TONES = ["none", "error", "warning", "information", "hint", "context"] as const;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const n = (x: number) => (Math.round(x * 10) / 10).toString();

export function renderTimelineSvg(layout: TimelineLayout, title: string): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="clio-timeline" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeXml(`Timeline: ${title}`)}">`,
  );
  // Fuzzy ends: one fade-in and one fade-out gradient per tone, in bounding-box units so every mark shares them.
  out.push("<defs>");
  for (const tone of TONES) {
    out.push(
      `<linearGradient id="fade-in-${tone}" class="tone-${tone}"><stop offset="0" stop-opacity="0"/><stop offset="1" stop-opacity="0.7"/></linearGradient>`,
      `<linearGradient id="fade-out-${tone}" class="tone-${tone}"><stop offset="0" stop-opacity="0.7"/><stop offset="1" stop-opacity="0"/></linearGradient>`,
    );
  }
  out.push("</defs>");

  out.push(`<g class="lanes">`);
  layout.lanes.forEach((lane, i) => {
    out.push(
      `<g class="lane${i % 2 ? " odd" : ""}"><rect class="lane-bg" x="0" y="${n(lane.y)}" width="${layout.width}" height="${n(lane.height)}"/>`,
      `<text class="lane-label" x="8" y="${n(lane.y + 15)}">${escapeXml(truncate(lane.name, 24))}<title>${escapeXml(lane.name)}</title></text></g>`,
    );
  });
  out.push("</g>");

  out.push(`<g class="axis">`);
  out.push(`<line class="axis-line" x1="${layout.plotLeft}" x2="${layout.plotRight}" y1="${layout.axisY - 0.5}" y2="${layout.axisY - 0.5}"/>`);
  for (const tick of layout.ticks) {
    out.push(
      `<line class="grid${tick.major ? " major" : ""}" x1="${n(tick.x)}" x2="${n(tick.x)}" y1="${layout.axisY - 5}" y2="${layout.height}"/>`,
      `<text class="tick" x="${n(tick.x)}" y="${layout.axisY - 9}">${escapeXml(tick.label)}</text>`,
    );
  }
  out.push("</g>");

  out.push(`<g class="context-layer">`);
  for (const item of layout.items) if (item.kind === "context") out.push(renderItem(item));
  out.push(`</g><g class="claims">`);
  for (const item of layout.items) if (item.kind === "claim") out.push(renderItem(item));
  out.push("</g></svg>");
  return out.join("");
}

function renderItem(item: LaidOutItem): string {
  const tone = item.kind === "context" ? "context" : (item.severity ?? "none");
  const h = item.kind === "context" ? 6 : 10;
  const top = item.y - h / 2;
  const classes = [item.kind, `tone-${tone}`, `shape-${item.shape}`];
  if (item.fuzzyStart || item.fuzzyEnd) classes.push("fuzzy");
  const attrs = item.kind === "claim" ? ` data-claim="${escapeXml(item.id)}" tabindex="0" role="button"` : ` data-event="${escapeXml(item.id)}"`;
  const parts: string[] = [`<g class="${classes.join(" ")}"${attrs}><title>${escapeXml(item.tooltip)}</title>`];
  if (item.fuzzyStart) parts.push(`<rect class="fuzz" x="${n(item.x1)}" y="${n(top)}" width="${n(item.x2 - item.x1)}" height="${h}" fill="url(#fade-in-${tone})"/>`);
  if (item.fuzzyEnd) parts.push(`<rect class="fuzz" x="${n(item.x3)}" y="${n(top)}" width="${n(item.x4 - item.x3)}" height="${h}" fill="url(#fade-out-${tone})"/>`);
  const mid = (item.x2 + item.x3) / 2;
  if (item.shape === "dot") {
    parts.push(`<circle class="mark" cx="${n(mid)}" cy="${n(item.y)}" r="${item.kind === "context" ? 3 : 5}"/>`);
  } else {
    parts.push(`<rect class="mark" x="${n(item.x2)}" y="${n(top)}" width="${n(Math.max(1, item.x3 - item.x2))}" height="${h}" rx="${item.shape === "range" ? h / 2 : 2}"/>`);
  }
  // Open ends: a small arrowhead at the plot edge says "continues beyond".
  if (item.openStart) parts.push(`<path class="open" d="M${n(item.x2 - 5)} ${n(item.y)} l6 -5 v10 z"/>`);
  if (item.openEnd) parts.push(`<path class="open" d="M${n(item.x3 + 5)} ${n(item.y)} l-6 -5 v10 z"/>`);
  if (item.label) {
    if (item.labelSide === "inside") {
      parts.push(`<text class="label inside" x="${n(item.x2 + 6)}" y="${n(item.y + 4)}">${escapeXml(item.label)}</text>`);
    } else {
      const right = item.labelSide === "right";
      const x = right ? Math.max(item.x4, item.shape === "dot" ? mid + 5 : item.x4) + 5 : item.x1 - 5;
      parts.push(`<text class="label" x="${n(x)}" y="${n(item.y + 4)}"${right ? "" : ` text-anchor="end"`}>${escapeXml(item.label)}</text>`);
    }
  }
  parts.push("</g>");
  return parts.join("");
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
