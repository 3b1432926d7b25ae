// The timeline's stylesheet, shared by the webview and the standalone HTML.
// Every colour is a VS Code theme variable; the standalone page defines
// fallbacks for them (light and dark) so it looks the same outside the editor.

export const TIMELINE_CSS = `
body { margin: 0; padding: 0 12px 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 8px 0; position: sticky; top: 0;
  background: var(--vscode-editor-background); z-index: 1; }
.toolbar h1 { font-size: 1.1em; font-weight: 600; margin: 0 8px 0 0; }
.toolbar .group { display: inline-flex; gap: 2px; align-items: center; }
.toolbar .group span { margin-right: 4px; color: var(--vscode-descriptionForeground); }
.toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: 1px solid var(--vscode-button-border, transparent); padding: 2px 8px; cursor: pointer; }
.toolbar button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
.toolbar .summary { color: var(--vscode-descriptionForeground); }
.legend { display: inline-flex; gap: 10px; color: var(--vscode-descriptionForeground); }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
.legend .tone-none i { background: var(--clio-tone-none); }
.legend .tone-error i { background: var(--clio-tone-error); }
.legend .tone-warning i { background: var(--clio-tone-warning); }
.legend .tone-information i { background: var(--clio-tone-information); }
.legend .tone-context i { background: var(--clio-tone-context); opacity: 0.5; }
.chart { overflow-x: auto; }
.empty { color: var(--vscode-descriptionForeground); padding: 24px 0; }
.details { margin-top: 10px; padding: 8px 10px; border-left: 3px solid var(--vscode-focusBorder); background: var(--vscode-textBlockQuote-background); }
.details:empty { display: none; }
.details .date { font-weight: 600; }
.details ul { margin: 4px 0 0; padding-left: 18px; }
:root { --clio-tone-none: var(--vscode-charts-blue, #1a85ff); --clio-tone-error: var(--vscode-charts-red, #e51400);
  --clio-tone-warning: var(--vscode-charts-orange, #d18616); --clio-tone-information: var(--vscode-charts-purple, #8a63d2);
  --clio-tone-hint: var(--vscode-descriptionForeground, #777); --clio-tone-context: var(--vscode-descriptionForeground, #888); }
svg.clio-timeline { display: block; font-family: inherit; font-size: 11px; }
svg.clio-timeline text { fill: var(--vscode-foreground); }
.lane-bg { fill: transparent; }
.lane.odd .lane-bg { fill: var(--vscode-list-hoverBackground, rgba(128,128,128,0.08)); }
.lane-label { font-weight: 600; }
.axis-line { stroke: var(--vscode-foreground); stroke-opacity: 0.5; }
.grid { stroke: var(--vscode-foreground); stroke-opacity: 0.08; }
.grid.major { stroke-opacity: 0.2; }
svg.clio-timeline text.tick { fill: var(--vscode-descriptionForeground); text-anchor: middle; }
.tone-none { --tone: var(--clio-tone-none); }
.tone-error { --tone: var(--clio-tone-error); }
.tone-warning { --tone: var(--clio-tone-warning); }
.tone-information { --tone: var(--clio-tone-information); }
.tone-hint { --tone: var(--clio-tone-hint); }
.tone-context { --tone: var(--clio-tone-context); }
linearGradient stop { stop-color: var(--tone); }
.mark, .open { fill: var(--tone); }
.claim.shape-range .mark { fill-opacity: 0.7; stroke: var(--tone); stroke-width: 1; }
.claim { cursor: pointer; }
.claim:hover .mark, .claim:focus .mark, .claim.selected .mark { stroke: var(--vscode-focusBorder, #007fd4); stroke-width: 2; }
.claim:focus { outline: none; }
svg.clio-timeline .claim text.label { fill: var(--vscode-foreground); }
.claim.tone-error text.label { fill: var(--clio-tone-error); }
svg.clio-timeline .claim text.label.inside { fill: var(--vscode-editor-background); font-weight: 600; }
svg.clio-timeline .claim.shape-range text.label.inside { fill: var(--vscode-foreground); }
.context { opacity: 0.45; }
.context .mark { fill-opacity: 0.6; }
`;

/** Fallbacks for the VS Code variables when the page is opened outside the editor. */
export const STANDALONE_THEME_CSS = `
:root { --vscode-foreground: #1f1f1f; --vscode-descriptionForeground: #616161; --vscode-editor-background: #ffffff;
  --vscode-focusBorder: #005fb8; --vscode-textBlockQuote-background: #f2f2f2; --vscode-list-hoverBackground: #f0f0f0;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-secondaryBackground: #e5e5e5;
  --vscode-button-secondaryForeground: #3b3b3b; --vscode-charts-blue: #1a85ff; --vscode-charts-red: #d62728;
  --vscode-charts-orange: #d18616; --vscode-charts-purple: #8a63d2; }
@media (prefers-color-scheme: dark) {
  :root { --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1f1f1f;
    --vscode-focusBorder: #0078d4; --vscode-textBlockQuote-background: #2b2b2b; --vscode-list-hoverBackground: #2a2d2e;
    --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-secondaryBackground: #313131;
    --vscode-button-secondaryForeground: #cccccc; --vscode-charts-blue: #3794ff; --vscode-charts-red: #f14c4c;
    --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; }
}
`;
