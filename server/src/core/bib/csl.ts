// CSL date conversion both ways, and export of sources as CSL-JSON (what
// `pandoc --citeproc --bibliography` reads).
import type { Source } from "../types.js";

/** CSL `issued` (date-parts, raw, literal or a plain string) → EDTF; undefined when unreadable. */
export function cslDateToEdtf(issued: unknown): string | undefined {
  if (typeof issued === "string") return issued.trim() || undefined;
  if (typeof issued === "number") return String(issued);
  if (!issued || typeof issued !== "object") return undefined;
  const d = issued as { "date-parts"?: unknown; raw?: unknown; literal?: unknown; circa?: unknown };
  const parts = d["date-parts"];
  if (Array.isArray(parts) && parts.length > 0) {
    const ends = parts.slice(0, 2).map(datePartsToEdtf);
    if (ends.some((e) => e === undefined)) return undefined;
    const edtf = ends.length === 2 && ends[0] !== ends[1] ? `${ends[0]}/${ends[1]}` : ends[0]!;
    return d.circa ? `${edtf}~` : edtf;
  }
  if (typeof d.raw === "string") return d.raw.trim() || undefined;
  if (typeof d.literal === "string") return d.literal.trim() || undefined;
  return undefined;
}

function datePartsToEdtf(part: unknown): string | undefined {
  if (!Array.isArray(part) || part.length === 0) return undefined;
  const nums = part.map((p) => (typeof p === "string" ? Number(p) : p));
  if (nums.some((n) => typeof n !== "number" || !Number.isInteger(n))) return undefined;
  const [y, m, day] = nums as number[];
  const year = y < 0 ? `-${String(-y).padStart(4, "0")}` : String(y).padStart(4, "0");
  return [year, m, day].filter((v) => v !== undefined).map((v, i) => (i === 0 ? v : String(v).padStart(2, "0"))).join("-");
}

/** EDTF → CSL date-parts (one or two ends); qualifiers become `circa`. */
export function edtfToCslDate(edtf: string): Record<string, unknown> | undefined {
  const clean = edtf.trim();
  const ends = clean.split("/");
  const parts: number[][] = [];
  let circa = false;
  for (const end of ends) {
    if (end === "" || end === "..") continue;
    const m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%]?)$/.exec(end.replace(/X/g, "0"));
    if (!m) return { raw: clean };
    if (m[4]) circa = true;
    const year = Number(m[1]);
    const month = m[2] ? Number(m[2]) : undefined;
    // Seasons (21–24) have no CSL date-part; keep the year and say so in `season`.
    const p = [year];
    if (month !== undefined && month >= 1 && month <= 12) {
      p.push(month);
      if (m[3]) p.push(Number(m[3]));
    }
    parts.push(p);
  }
  if (parts.length === 0) return { raw: clean };
  const out: Record<string, unknown> = { "date-parts": parts };
  if (circa) out.circa = true;
  return out;
}

const INTERNAL_FIELDS = new Set(["key", "sources", "origin", "from", "issuedDate", "pageRange", "issued"]);

/** Sources as CSL-JSON items (`id` = key, `issued` as date-parts), in key order for stable output. */
export function sourcesToCsl(sources: Iterable<Source>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const s of sources) {
    const item: Record<string, unknown> = { id: s.key, type: s.type };
    for (const [k, v] of Object.entries(s)) {
      if (INTERNAL_FIELDS.has(k) || v === undefined || k === "type") continue;
      item[k] = v;
    }
    if (s.issued) {
      const d = edtfToCslDate(s.issued);
      if (d) item.issued = d;
    }
    out.push(item);
  }
  return out.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}
