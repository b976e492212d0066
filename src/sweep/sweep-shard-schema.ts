/**
 * The JSON Schema of a sweep's shard document (`meshsim sweep --shard i/N --json`), as far as
 * `meshsim merge` reads it before trusting it: the shard's place, the sweep's header and units,
 * and the shape of each unit's results (its runs are copied as they are).
 */

import { SHARD_PLACE_SCHEMA } from "../runner/index.js";

const list = { type: "array" } as const;
const object = { type: "object" } as const;
const unit = { type: "object", required: ["variant", "mesh"], properties: { variant: { type: "integer", minimum: 0 }, mesh: { type: "string" } } } as const;
const point = { type: "object", required: ["mesh", "rps"], properties: { mesh: { type: "string" }, rps: { type: "number" } } } as const;

/** What merge requires of a sweep's shard document; fields it does not name are allowed. */
export const SWEEP_SHARD_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "meshsim sweep shard document",
  type: "object",
  required: ["schemaVersion", "kind", "shard", "planSha256", "header", "layout", "results"],
  properties: {
    schemaVersion: { const: 1 },
    kind: { const: "meshsim-sweep-shard" },
    meta: object,
    shard: SHARD_PLACE_SCHEMA,
    planSha256: { type: "string" },
    header: {
      type: "object",
      required: ["scenario", "seed", "meshes", "sweep"],
      properties: {
        scenario: { type: "object", required: ["name", "sha256"] },
        seed: { type: "integer", minimum: 0 },
        meshes: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string" } },
        sweep: { type: "object", required: ["rates", "parameters"], properties: { rates: list, parameters: list } },
      },
    },
    layout: { type: "object", required: ["units", "skippedMeshes"], properties: { units: { type: "array", items: unit }, skippedMeshes: list } },
    results: {
      type: "array",
      items: {
        type: "object",
        required: ["variant", "mesh", "runs", "overloaded", "refiningOverloaded"],
        properties: {
          ...unit.properties,
          runs: { type: "array", items: point },
          overloaded: { type: "array", items: point },
          refiningOverloaded: { type: "array", items: point },
          capacity: object,
          calibration: object,
        },
      },
    },
  },
} as const;
