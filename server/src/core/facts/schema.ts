// Validates a parsed fact file against the shipped JSON Schema (the same file
// editors use), mapping each ajv error to the YAML node it concerns.
import type { ErrorObject } from "ajv/dist/2020.js";
import schema from "../../../data/schema/clio-facts.schema.json" with { type: "json" };
// Precompiled by scripts/gen-schema-validator.mjs (ajv standalone): nothing is compiled at run time.
import { validate as precompiled, itemValidators, type ValidateFunction } from "./schema-validator.generated.js";
import type { PathPart, SourceFile } from "./yaml-source.js";
import type { Range } from "../types.js";

export type { ErrorObject, ValidateFunction };

export const factFileSchema: object = schema;

/** The validator that the whole-file one applies to each item of a top-level list (`entities`…), if `list` is one. */
export function itemValidator(list: string): ValidateFunction | undefined {
  return Object.hasOwn(itemValidators, list) ? itemValidators[list] : undefined;
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
  return precompiled(value) ? [] : describeErrors(source, precompiled.errors ?? []);
}

/**
 * The errors of a file read list item by list item, in the order the whole-file
 * validator gives them: `skeleton` is the file with its streamed lists left empty,
 * whose errors come first at the root, then per property in the schema's order,
 * each streamed list's item errors right after its property's own.
 */
export function orderStreamedErrors(skeleton: unknown, itemErrors: ReadonlyMap<string, readonly ErrorObject[]>): ErrorObject[] {
  const out: ErrorObject[] = [];
  const byProperty = new Map<string, ErrorObject[]>();
  if (!precompiled(skeleton)) {
    for (const err of precompiled.errors ?? []) {
      if (err.instancePath === "") out.push(err);
      else {
        const property = String(pointerToPath(err.instancePath)[0]);
        const list = byProperty.get(property);
        if (list) list.push(err);
        else byProperty.set(property, [err]);
      }
    }
  }
  // Loops, not push(...list): a list of 100k bad items would overflow the argument stack.
  const append = (list: readonly ErrorObject[] | undefined) => {
    for (const err of list ?? []) out.push(err);
  };
  for (const property of Object.keys(schema.properties)) {
    append(byProperty.get(property));
    append(itemErrors.get(property));
    byProperty.delete(property);
  }
  for (const rest of byProperty.values()) append(rest);
  return out;
}

/** Schema problems from ajv errors, most specific first, one per node and kind. */
export function describeErrors(source: SourceFile, errors: readonly ErrorObject[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
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
