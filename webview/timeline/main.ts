// The timeline front end, bundled by esbuild into dist/timeline-view.js. It runs
// in the VS Code webview (data arrives by message, clicks go back to the
// extension) and in the standalone HTML file (data embedded as JSON).
import { layoutTimeline } from "../../server/src/core/export/timeline-layout.js";
import { describeSpan } from "../../server/src/core/export/timeline-layout.js";
import { renderTimelineSvg } from "../../server/src/core/export/timeline-svg.js";
import type { LaneMode, TimelineData, TimelineScope } from "../../server/src/core/export/timeline-model.js";

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewState {
  lanes: LaneMode;
  scope: TimelineScope;
}

const vscode: VsCodeApi | undefined = typeof acquireVsCodeApi === "function" ? acquireVsCodeApi() : undefined;
const root = document.getElementById("clio-timeline");
if (root) start(root);

function start(root: HTMLElement): void {
  const saved = (vscode?.getState() as Partial<ViewState> | undefined) ?? {};
  const state: ViewState = {
    lanes: saved.lanes ?? (root.dataset.lanes === "document" ? "document" : "actor"),
    scope: saved.scope ?? (root.dataset.scope === "workspace" ? "workspace" : "document"),
  };
  let data: TimelineData | undefined = readEmbeddedData();
  let selected: string | undefined;

  const toolbar = el("div", "toolbar");
  const heading = el("h1");
  const lanesGroup = toggleGroup("Lanes", [["actor", "Actor"], ["document", "Document"]], () => state.lanes, (v) => {
    state.lanes = v as LaneMode;
    save();
    render();
  });
  toolbar.append(heading, lanesGroup.element);
  let scopeGroup: ReturnType<typeof toggleGroup> | undefined;
  if (vscode) {
    scopeGroup = toggleGroup("Show", [["document", "This document"], ["workspace", "Workspace"]], () => state.scope, (v) => {
      state.scope = v as TimelineScope;
      save();
      vscode.postMessage({ type: "scope", scope: state.scope });
    });
    toolbar.append(scopeGroup.element);
  }
  const summary = el("span", "summary");
  const legend = el("span", "legend");
  for (const [tone, name] of [["none", "no problems"], ["error", "error"], ["warning", "warning"], ["information", "information"], ["context", "fact-base event"]]) {
    const item = el("span", `tone-${tone}`);
    item.append(el("i"), document.createTextNode(name));
    legend.append(item);
  }
  toolbar.append(summary, legend);
  const chart = el("div", "chart");
  const details = el("div", "details");
  details.setAttribute("aria-live", "polite");
  // Keep a server-rendered picture (standalone file) until the first client render replaces it.
  const prerendered = root.querySelector("svg.clio-timeline");
  if (prerendered) chart.append(prerendered);
  root.replaceChildren(toolbar, chart, details);

  chart.addEventListener("click", (event) => activate(event.target));
  chart.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      activate(event.target);
    }
  });
  let resizeTimer: number | undefined;
  window.addEventListener("resize", () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(render, 120);
  });
  window.addEventListener("message", (event: MessageEvent) => {
    const message = event.data as { type?: string; data?: TimelineData; scope?: TimelineScope; message?: string };
    if (message?.type === "data" && message.data) {
      data = message.data;
      if (message.scope) state.scope = message.scope;
      render();
    } else if (message?.type === "error") {
      chart.replaceChildren(el("p", "empty", message.message ?? "The timeline could not be computed."));
    }
  });

  render();
  vscode?.postMessage({ type: "ready", scope: state.scope });

  function save(): void {
    vscode?.setState(state);
  }

  function render(): void {
    lanesGroup.sync();
    scopeGroup?.sync();
    if (!data) {
      heading.textContent = "Timeline";
      chart.replaceChildren(el("p", "empty", "Loading…"));
      return;
    }
    heading.textContent = data.title;
    const undated = data.documents.reduce((sum, d) => sum + d.undated, 0);
    const flagged = data.claims.filter((c) => c.severity === "error" || c.severity === "warning").length;
    summary.textContent = `${data.claims.length} claim${data.claims.length === 1 ? "" : "s"}, ${flagged} with problems` + (undated ? `, ${undated} undated (invalid date)` : "");
    if (data.claims.length === 0) {
      chart.replaceChildren(el("p", "empty", "No dated claims. Write a date tag such as {1961-12} before a sentence to place it here."));
      details.replaceChildren();
      return;
    }
    const layout = layoutTimeline(data, { lanes: state.lanes, width: Math.max(480, chart.clientWidth || window.innerWidth - 24) });
    // The SVG is built from escaped strings by our own renderer; no user HTML reaches innerHTML unescaped.
    chart.innerHTML = renderTimelineSvg(layout, data.title);
    if (selected) chart.querySelector(`[data-claim="${CSS.escape(selected)}"]`)?.classList.add("selected");
  }

  function activate(target: EventTarget | null): void {
    const mark = (target as Element | null)?.closest?.("[data-claim]");
    const claim = mark && data?.claims.find((c) => c.id === mark.getAttribute("data-claim"));
    if (!claim) return;
    selected = claim.id;
    chart.querySelectorAll(".claim.selected").forEach((e) => e.classList.remove("selected"));
    mark.classList.add("selected");
    showDetails(claim);
    vscode?.postMessage({ type: "reveal", uri: claim.uri, range: claim.range });
  }

  function showDetails(claim: TimelineData["claims"][number]): void {
    const date = el("div");
    date.append(el("span", "date", claim.edtf), document.createTextNode(` — ${describeSpan(claim)}`));
    const doc = data?.documents[claim.document];
    const where = el("div", "where", `${doc?.name ?? claim.uri}, line ${claim.range.start.line + 1}`);
    const parts: Node[] = [date, el("div", "text", claim.text), where];
    if (claim.diagnostics.length) {
      const list = el("ul");
      for (const d of claim.diagnostics) list.append(el("li", `tone-${d.severity}`, `${d.severity}: ${d.message} [${d.code}]`));
      parts.push(list);
    }
    details.replaceChildren(...parts);
  }
}

function readEmbeddedData(): TimelineData | undefined {
  const node = document.getElementById("clio-timeline-data");
  if (!node?.textContent) return undefined;
  try {
    return JSON.parse(node.textContent) as TimelineData;
  } catch {
    return undefined;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function toggleGroup(label: string, options: Array<[string, string]>, current: () => string, choose: (value: string) => void) {
  const element = el("span", "group");
  element.setAttribute("role", "group");
  element.append(el("span", undefined, `${label}:`));
  const buttons = options.map(([value, text]) => {
    const button = el("button", undefined, text);
    button.type = "button";
    button.dataset.value = value;
    button.addEventListener("click", () => choose(value));
    element.append(button);
    return button;
  });
  return {
    element,
    sync: () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.value === current()))),
  };
}
