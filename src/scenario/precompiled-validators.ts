/**
 * The scenario's and the profiles' schema validators, compiled by ajv when the package is built
 * (scripts/compile-schemas.ts) into dist/validators/<name>.cjs: loading one takes about 40 ms
 * where compiling both took about 190 ms of every run's start. A compiled validator is used only
 * while its schema and ajv's options are the ones it was compiled from (a fingerprint of both),
 * else the schema is compiled as before.
 */

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { packageRoot, packageRootIfFound } from "./package-root.js";
import { PROFILE_SCHEMA } from "./profile-schema.js";
import { SCENARIO_SCHEMA } from "./schema.js";

/** The schemas compiled at build time, by the name their file goes by. */
export const PRECOMPILED_SCHEMAS: Readonly<Record<string, object>> = { scenario: SCENARIO_SCHEMA, profile: PROFILE_SCHEMA };

/**
 * Where the build writes the validator of `name`.
 * @example precompiledValidatorPath("scenario", "/pkg") // "/pkg/dist/validators/scenario.cjs"
 */
export function precompiledValidatorPath(name: string, root = packageRoot()): string {
  return join(root, "dist", "validators", `${name}.cjs`);
}

/**
 * What a compiled validator must have been compiled from: the schema and ajv's options.
 * @example schemaFingerprint(SCENARIO_SCHEMA, { allErrors: true }).length // 64
 */
export function schemaFingerprint(schema: object, ajvOptions: object): string {
  return createHash("sha256").update(JSON.stringify([schema, ajvOptions])).digest("hex");
}

/**
 * The build's validator of `name` when it was compiled from `schema` with `ajvOptions`;
 * undefined when there is none, it is of another schema or options, or it cannot be loaded.
 */
export function loadPrecompiledValidator(name: string, schema: object, ajvOptions: object, root = packageRootIfFound()): ValidateFunction | undefined {
  if (root === undefined) return undefined;
  const path = precompiledValidatorPath(name, root);
  if (!existsSync(path)) return undefined;
  try {
    const validate = createRequire(import.meta.url)(path) as ValidateFunction & { fingerprint?: string };
    return typeof validate === "function" && validate.fingerprint === schemaFingerprint(schema, ajvOptions) ? validate : undefined;
  } catch {
    // A damaged file only costs the compile it would have saved.
    return undefined;
  }
}
