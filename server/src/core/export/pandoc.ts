// `clio export`: a Clio paper as clean Pandoc Markdown. Date tags go (or become
// span attributes), entity links become their shown text, the front matter's
// `clio:` block goes; every other byte is kept, citations included.
import { parseDocument as parseYaml, isMap, isScalar, type Pair } from "yaml";
import type { ParsedDocument } from "../types.js";
import { lineAt } from "../text.js";

export interface PandocExportOptions {
  /** Keep each claim's date as a span attribute: `[claim text]{.claim date="1961-12"}`. */
  keepDates?: boolean;
}

export interface PandocExportResult {
  text: string;
  /** Things the author may want to know (invalid date tags dropped, claims not wrapped). */
  warnings: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function exportPandoc(doc: ParsedDocument, options: PandocExportOptions = {}): PandocExportResult {
  const text = doc.text;
  const edits: Edit[] = [];
  const warnings: string[] = [];
  const lineOf = (offset: number) => lineAt(doc.lineStarts, offset) + 1;

  if (doc.frontMatter) {
    const edit = removeClioBlock(text, doc.frontMatter.span.start, doc.frontMatter.span.end);
    if (edit) edits.push(edit);
  }

  const wrapped = new Set<number>();
  if (options.keepDates) {
    for (const claim of doc.claims) {
      const tag = claim.dateTag;
      if (claim.implicit || !tag.date || tag.span.start !== claim.span.start) continue;
      let start = tag.span.end;
      while (start < claim.span.end && /\s/.test(text[start])) start++;
      let end = claim.span.end;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end <= start) continue;
      if (!balanced(text.slice(start, end))) {
        warnings.push(`line ${lineOf(tag.span.start)}: claim {${tag.raw}} not wrapped in a span (its text has unbalanced brackets, backticks or emphasis); its date is kept as an empty span.`);
        continue;
      }
      wrapped.add(tag.span.start);
      edits.push({ start, end: start, text: "[" }, { start: end, end, text: `]{.claim date="${attributeValue(tag.date.edtf)}"}` });
    }
  }

  for (const tag of doc.dateTags) {
    if (!tag.date) warnings.push(`line ${lineOf(tag.span.start)}: invalid date tag {${tag.raw}} dropped (${tag.error ?? "not a valid EDTF date"}).`);
    const keepAsEmptySpan = options.keepDates && tag.date && !wrapped.has(tag.span.start);
    edits.push(tagRemoval(text, tag.span.start, tag.span.end, keepAsEmptySpan ? `[]{.claim date="${attributeValue(tag.date!.edtf)}"}` : ""));
  }

  for (const link of doc.links) {
    if (link.implicit) continue;
    edits.push({ start: link.span.start, end: link.span.end, text: link.shown ?? link.target });
  }

  return { text: applyEdits(text, edits), warnings };
}

/**
 * Removes a tag and the blanks after it; before a line end or punctuation
 * ("Across {196X}, the…") the blanks before it instead, so no stray spaces remain.
 */
function tagRemoval(text: string, start: number, end: number, replacement: string): Edit {
  if (replacement) return { start, end, text: replacement };
  let after = end;
  while (after < text.length && isBlank(text[after])) after++;
  const next = text[after];
  const closes = next === undefined || next === "\n" || next === "\r" || (after === end && /[,.;:!?)\]]/.test(next));
  if (!closes) return { start, end: after, text: "" };
  let before = start;
  while (before > 0 && isBlank(text[before - 1])) before--;
  return { start: before, end: after, text: "" };
}

/** The edit deleting the front matter's `clio:` entry, or the whole front matter when nothing else is left. */
function removeClioBlock(text: string, fmStart: number, fmEnd: number): Edit | undefined {
  const block = text.slice(fmStart, fmEnd);
  const open = /^---[ \t]*\r?\n/.exec(block);
  if (!open) return undefined;
  const contentStart = fmStart + open[0].length;
  // The closing fence is the last `---` or `...` line of the front matter.
  const closeMatch = /(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n)?$/.exec(block);
  const contentEnd = closeMatch ? fmStart + closeMatch.index + (closeMatch[0].startsWith("\n") ? 1 : 0) : fmEnd;
  if (contentEnd < contentStart) return undefined;
  const content = text.slice(contentStart, contentEnd);
  const yaml = parseYaml(content, { keepSourceTokens: false });
  if (!isMap(yaml.contents)) return undefined;
  const pairs = yaml.contents.items as Pair[];
  const index = pairs.findIndex((p) => isScalar(p.key) && p.key.value === "clio");
  if (index < 0) return undefined;
  const pair = pairs[index];
  const keyStart = (pair.key as { range?: [number, number, number] }).range?.[0];
  if (keyStart === undefined) return undefined;
  let start = keyStart;
  while (start > 0 && content[start - 1] !== "\n") start--;
  const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
  let end = Math.max(valueRange ? valueRange[1] : keyStart, keyStart + 1);
  // A block value's range may already end after its last newline.
  if (content[end - 1] !== "\n") {
    end = content.indexOf("\n", end);
    end = end < 0 ? content.length : end + 1;
  }
  // Indented or blank lines that follow (comments inside the block) belong to it.
  while (end < content.length) {
    const lineEnd = content.indexOf("\n", end);
    const line = content.slice(end, lineEnd < 0 ? content.length : lineEnd);
    if (line.trim() !== "" && !/^\s/.test(line)) break;
    end = lineEnd < 0 ? content.length : lineEnd + 1;
  }
  const rest = content.slice(0, start) + content.slice(end);
  if (rest.replace(/^\s*#.*$/gm, "").trim() === "") {
    // Nothing but the clio block: drop the whole front matter and the blank line after it.
    let after = fmEnd;
    if (text.startsWith("\r\n", after)) after += 2;
    else if (text[after] === "\n") after += 1;
    return { start: fmStart, end: after, text: "" };
  }
  return { start: contentStart + start, end: contentStart + end, text: "" };
}

/** Whether wrapping the text in `[ … ]` keeps Pandoc's inline structure intact. */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]" && --depth < 0) return false;
  }
  if (depth !== 0) return false;
  const stripped = text.replace(/\\./g, "");
  if ((stripped.match(/`/g)?.length ?? 0) % 2) return false;
  if ((stripped.match(/\*/g)?.length ?? 0) % 2) return false;
  // Intraword underscores do not emphasise; only those at word edges count.
  if ((stripped.match(/(?:^|[^\p{L}\p{N}])_|_(?=$|[^\p{L}\p{N}])/gu)?.length ?? 0) % 2) return false;
  return true;
}

function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue; // overlapping edits: the first wins, the text stays intact
    out.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  out.push(text.slice(at));
  return out.join("");
}

function attributeValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

