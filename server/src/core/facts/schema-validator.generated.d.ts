// Types for the precompiled fact-file schema validator (scripts/gen-schema-validator.mjs).
import type { ErrorObject } from "ajv/dist/2020.js";
export interface ValidateFunction {
  (value: unknown, context?: { instancePath?: string }): boolean;
  errors?: ErrorObject[] | null;
}
export declare const validate: ValidateFunction;
/** Per top-level list, the validator the whole-file one applies to each item. */
export declare const itemValidators: Readonly<Record<string, ValidateFunction>>;
export default validate;
