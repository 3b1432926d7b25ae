// YAML front matter (spec §4): `bibliography:` and the `clio:` block. Bad YAML
// or bad settings become `front-matter-invalid` diagnostics at the offending
// node, never exceptions; the rest of the document is parsed regardless.
import { isMap, isScalar, isSeq, parseDocument as parseYaml, type Document } from "yaml";
import type { ClioDiagnostic, ClioFrontMatterSettings, FrontMatter, Severity, SeveritySetting, Span } from "../types.js";
import { DEFAULT_SEVERITY } from "../checks/api.js";
import { rangeOf } from "../text.js";

const SEVERITY_SETTINGS = new Set<string>(["error", "warning", "information", "hint", "off"]);

/** The front matter's extent: an opening `---` on the very first line and a closing `---` or `...` line. */
export function findFrontMatter(text: string): { span: Span; content: Span } | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstLine = /^---[ \t]*(\r\n|\n|\r)/.exec(text.slice(bom, bom + 8));
  if (!firstLine) return undefined;
  const contentStart = bom + firstLine[0].length;
  // As in Pandoc, `---` followed by a blank line is a thematic break, not front matter.
  if (/^[ \t]*(\r\n|\n|\r|$)/.test(text.slice(contentStart, contentStart + 80))) return undefined;
  let lineStart = contentStart;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== "\n" && text[lineEnd] !== "\r") lineEnd++;
    const line = text.slice(lineStart, lineEnd).trimEnd();
    if (line === "---" || line === "...") {
      return { span: { start: 0, end: lineEnd }, content: { start: contentStart, end: lineStart } };
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === "\r" && text[lineEnd + 1] === "\n" ? 2 : 1);
  }
  // Without a closing line it is not front matter (Pandoc reads a thematic break).
  return undefined;
}

export function parseFrontMatter(
  uri: string,
  text: string,
  starts: readonly number[],
  where: { span: Span; content: Span },
): { frontMatter: FrontMatter; diagnostics: ClioDiagnostic[] } {
  const base = where.content.start;
  const diagnostics: ClioDiagnostic[] = [];
  // An offset between \r and \n (YAML error ends can land there) is no LSP position: move it before the break (fuzzer, issue 7).
  const offLineBreak = (o: number) => (o > 0 && text.charCodeAt(o) === 10 && text.charCodeAt(o - 1) === 13 ? o - 1 : o);
  const report = (span: Span, severity: Severity, message: string) => {
    diagnostics.push({
      uri,
      range: rangeOf(starts, { start: offLineBreak(span.start), end: offLineBreak(span.end) }),
      severity,
      code: "front-matter-invalid",
      message,
      source: "clio",
    });
  };
  const nodeSpan = (node: unknown): Span => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? { start: base + range[0], end: base + range[1] } : { start: 0, end: 3 };
  };
  const frontMatter: FrontMatter = { span: where.span, range: rangeOf(starts, where.span), data: {}, bibliography: [] };

  let yaml: Document;
  try {
    yaml = parseYaml(text.slice(where.content.start, where.content.end), { prettyErrors: false });
  } catch (err) {
    report({ start: 0, end: 3 }, "error", `Front matter cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    return { frontMatter, diagnostics };
  }
  if (yaml.errors.length) {
    for (const e of yaml.errors) {
      const [start, end] = e.pos;
      report({ start: base + start, end: base + Math.max(end, start) }, "error", `Front matter is not valid YAML: ${firstLine(e.message)}`);
    }
    return { frontMatter, diagnostics };
  }
  const contents = yaml.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { frontMatter, diagnostics };
  if (!isMap(contents)) {
    report(nodeSpan(contents), "error", "Front matter must be a YAML mapping (key: value lines).");
    return { frontMatter, diagnostics };
  }
  let data: Record<string, unknown>;
  try {
    data = yaml.toJS() as Record<string, unknown>;
  } catch (err) {
    // e.g. an alias bomb: yaml refuses to expand too many aliases.
    report(nodeSpan(contents), "error", `Front matter cannot be read: ${err instanceof Error ? firstLine(err.message) : String(err)}`);
    return { frontMatter, diagnostics };
  }
  frontMatter.data = data;

  const bibliographyNode = yaml.get("bibliography", true);
  if (bibliographyNode !== undefined) {
    const files = stringList(data.bibliography);
    if (files) frontMatter.bibliography = files;
    else report(nodeSpan(bibliographyNode), "error", "`bibliography` must be a file name or a list of file names.");
  }

  const clioNode = yaml.get("clio", true);
  if (clioNode !== undefined) {
    if (!isMap(clioNode)) {
      report(nodeSpan(clioNode), "error", "`clio` must be a mapping with `facts`, `severity` and `prose`.");
    } else {
      frontMatter.clio = readClioSettings(yaml, data.clio as Record<string, unknown>, nodeSpan, report);
    }
  }
  return { frontMatter, diagnostics };
}

function readClioSettings(
  yaml: Document,
  clio: Record<string, unknown>,
  nodeSpan: (node: unknown) => Span,
  report: (span: Span, severity: Severity, message: string) => void,
): ClioFrontMatterSettings {
  const settings: ClioFrontMatterSettings = { facts: [], severity: {} };
  if (clio.facts !== undefined && clio.facts !== null) {
    const files = stringList(clio.facts);
    if (files) settings.facts = files;
    else report(nodeSpan(yaml.getIn(["clio", "facts"], true)), "warning", "`clio.facts` must be a file name or a list of file names.");
  }
  const severityNode = yaml.getIn(["clio", "severity"], true);
  if (severityNode !== undefined && !(isScalar(severityNode) && severityNode.value === null)) {
    if (!isMap(severityNode)) {
      report(nodeSpan(severityNode), "warning", "`clio.severity` must map diagnostic codes to error, warning, information, hint or off.");
    } else {
      for (const pair of severityNode.items) {
        const code = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const value = isScalar(pair.value) ? pair.value.value : undefined;
        if (typeof value !== "string" || !SEVERITY_SETTINGS.has(value)) {
          report(nodeSpan(pair.value ?? pair.key), "warning", `Severity of \`${code}\` must be error, warning, information, hint or off.`);
          continue;
        }
        if (!(code in DEFAULT_SEVERITY)) {
          report(nodeSpan(pair.key), "warning", `\`${code}\` is not a Clio diagnostic code.`);
          continue;
        }
        settings.severity[code] = value as SeveritySetting;
      }
    }
  }
  if (clio.prose !== undefined && clio.prose !== null) {
    if (typeof clio.prose === "boolean") settings.prose = clio.prose;
    else report(nodeSpan(yaml.getIn(["clio", "prose"], true)), "warning", "`clio.prose` must be true or false.");
  }
  return settings;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
