// Types for the precompiled fact-file schema validator (scripts/gen-schema-validator.mjs).
import type { ErrorObject } from "ajv/dist/2020.js";
export declare const validate: { (value: unknown): boolean; errors?: ErrorObject[] | null };
export default validate;
