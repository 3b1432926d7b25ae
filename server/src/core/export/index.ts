// Timeline data, drawing and Pandoc export: the pure parts behind `clio timeline`,
// `clio export` and the editor's timeline view.
export * from "./timeline-model.js";
export { buildTimeline, spanOf, plainClaimText, type BuildTimelineOptions } from "./timeline-data.js";
export { layoutTimeline, timeDomain, axisTicks, describeSpan, type TimelineLayout, type LaidOutItem, type LaidOutLane, type Tick } from "./timeline-layout.js";
export { renderTimelineSvg, escapeXml } from "./timeline-svg.js";
export { renderStandaloneHtml, timelineCsp, jsonForScript, type StandaloneOptions } from "./timeline-html.js";
export { TIMELINE_CSS, STANDALONE_THEME_CSS } from "./timeline-style.js";
export { exportPandoc, type PandocExportOptions, type PandocExportResult } from "./pandoc.js";
