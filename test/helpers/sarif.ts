import fs from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import addFormatsModule, {type FormatsPlugin} from 'ajv-formats';
import type {ErrorObject, ValidateFunction} from 'ajv';
import {fixture} from './paths.js';

// ajv-formats is CommonJS: its default export arrives as the module object's `default`.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as {default?: FormatsPlugin}).default ?? (addFormatsModule as unknown as FormatsPlugin);

let validator: ValidateFunction | null = null;

/**
 * Validate a log against the SARIF 2.1.0 JSON schema in test/fixtures/sarif-schema-2.1.0.json
 * (formats such as uri and uri-reference included). Returns the errors, [] when valid.
 */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv2020({allErrors: true, strict: false});
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(fixture('sarif-schema-2.1.0.json'), 'utf8')) as object);
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
}
