// The standalone timeline: one HTML file with the data, the stylesheet and the
// front-end script inline, a strict CSP, and the picture pre-rendered so it
// shows even where scripts are off.
import { layoutTimeline } from "./timeline-layout.js";
import type { LaneMode, TimelineData } from "./timeline-model.js";
import { escapeXml, renderTimelineSvg } from "./timeline-svg.js";
import { STANDALONE_THEME_CSS, TIMELINE_CSS } from "./timeline-style.js";

export interface StandaloneOptions {
  lanes: LaneMode;
  /** The bundled front-end script (dist/timeline-view.js); without it the page is a static picture. */
  script?: string;
  /** CSP nonce for the inline script and style: fresh random text per file. */
  nonce: string;
  /** Width of the pre-rendered picture. */
  width?: number;
}

/** JSON that is safe inside a <script> element: no `</script`, no `<!--`, no line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function timelineCsp(nonce: string, cspSource = ""): string {
  const style = [cspSource, `'nonce-${nonce}'`].filter(Boolean).join(" ");
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${style}; img-src data:`;
}

export function renderStandaloneHtml(data: TimelineData, options: StandaloneOptions): string {
  const nonce = escapeXml(options.nonce);
  const layout = layoutTimeline(data, { lanes: options.lanes, width: options.width ?? 1200 });
  const picture = data.claims.length ? renderTimelineSvg(layout, data.title) : `<p class="empty">No dated claims.</p>`;
  // A script's text cannot be escaped, only kept from closing its element early.
  const script = options.script?.replace(/<\/(script)/gi, "<\\/$1");
  return [
    "<!DOCTYPE html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${timelineCsp(nonce)}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="Clio">`,
    `<title>${escapeXml(`Timeline — ${data.title}`)}</title>`,
    `<style nonce="${nonce}">${STANDALONE_THEME_CSS}${TIMELINE_CSS}</style>`,
    "</head>",
    "<body>",
    `<div id="clio-timeline" data-lanes="${options.lanes}" data-scope="${data.scope}">`,
    `<div class="toolbar"><h1>${escapeXml(data.title)}</h1></div>`,
    picture,
    "</div>",
    `<script type="application/json" id="clio-timeline-data">${jsonForScript(data)}</script>`,
    script ? `<script nonce="${nonce}">${script}</script>` : "",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
