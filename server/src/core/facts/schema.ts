// Validates a parsed fact file against the shipped JSON Schema (the same file
// editors use), mapping each ajv error to the YAML node it concerns.
import type { ErrorObject } from "ajv/dist/2020.js";
import schema from "../../../data/schema/clio-facts.schema.json" with { type: "json" };
// Precompiled by scripts/gen-schema-validator.mjs (ajv standalone): nothing is compiled at run time.
import { validate as precompiled } from "./schema-validator.generated.js";
import type { PathPart, SourceFile } from "./yaml-source.js";
import type { Range } from "../types.js";

export const factFileSchema: object = schema;

interface ValidateFunction {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

function validator(): ValidateFunction {
  return precompiled as ValidateFunction;
}

export interface SchemaProblem {
  path: PathPart[];
  message: string;
  range: Range;
  /** The property the error is about when it is a missing or unexpected one. */
  property?: string;
  keyword: string;
}

/** Schema problems of one file, most specific first, one per node and kind. */
export function validateAgainstSchema(source: SourceFile, value: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    // `oneOf`/`anyOf` wrappers repeat what their branches already said.
    if (err.keyword === "if" || err.keyword === "anyOf" || err.keyword === "oneOf") continue;
    const path = pointerToPath(err.instancePath);
    const dedupe = `${err.instancePath}|${err.keyword}|${JSON.stringify(err.params)}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const property = propertyOf(err);
    const range = err.keyword === "additionalProperties" && property ? source.keyRangeAt(path, property) : source.rangeAt(path);
    out.push({ path, message: describe(err, path), range, property, keyword: err.keyword });
  }
  return out;
}

function pointerToPath(pointer: string): PathPart[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function propertyOf(err: ErrorObject): string | undefined {
  const params = err.params as { missingProperty?: string; additionalProperty?: string };
  return params.missingProperty ?? params.additionalProperty;
}

function where(path: PathPart[]): string {
  if (path.length === 0) return "The file";
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "");
}

function describe(err: ErrorObject, path: PathPart[]): string {
  const at = where(path);
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "required":
      return `${at} lacks the required property "${params.missingProperty}"${params.missingProperty === "sources" ? " (every fact cites its sources)" : ""}.`;
    case "additionalProperties":
      return `${at} has an unknown property "${params.additionalProperty}".`;
    case "minItems":
      return path[path.length - 1] === "sources"
        ? `${at} is empty: every fact cites at least one source.`
        : `${at} must have at least ${params.limit} item(s).`;
    case "enum":
      return `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`;
    case "pattern":
      return `${at} does not match the expected form ${params.pattern}.`;
    case "type":
      return `${at} must be ${params.type === "object" ? "a mapping" : params.type === "array" ? "a list" : `a ${params.type}`}.`;
    default:
      return `${at} ${err.message ?? "is invalid"}.`;
  }
}
