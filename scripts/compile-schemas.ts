/**
 * Compiles the scenario's and the profiles' schema validators with ajv into
 * dist/validators/<name>.cjs (src/scenario/precompiled-validators.ts), after tsc: a command then
 * loads them instead of compiling the schemas. Each file carries the fingerprint of the schema and
 * options it was compiled from, so a later change to either is compiled afresh at run time.
 * `npm run build` runs it.
 */

import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PRECOMPILED_SCHEMAS, precompiledValidatorPath, schemaFingerprint } from "../src/scenario/precompiled-validators.js";
import { AJV_OPTIONS } from "../src/scenario/validate-document.js";

// A CommonJS module whose function is also its `default`.
const standaloneCode = standalone.default;
// The same options, keeping the generated source for standaloneCode.
const ajv = new Ajv({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code, source: true } });
for (const [name, schema] of Object.entries(PRECOMPILED_SCHEMAS)) {
  const code = standaloneCode(ajv, ajv.compile(schema));
  const path = precompiledValidatorPath(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${code}\nmodule.exports.fingerprint = ${JSON.stringify(schemaFingerprint(schema, AJV_OPTIONS))};\n`);
}
