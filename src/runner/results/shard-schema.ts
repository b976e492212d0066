/**
 * The JSON Schema of a shard document (`meshsim run --shard i/N --json`), as far as `meshsim
 * merge` reads it before trusting it: the shard's place, the plan's lists and counts, and each
 * task result's fields. Bounds keep a crafted document from asking for absurd work or memory.
 */

/** Most shards one run may be split into (one Kubernetes Indexed Job completion each). */
export const MAX_SHARD_COUNT = 10_000;

const count = { type: "integer", minimum: 0 } as const;
const object = { type: "object" } as const;
const list = { type: "array" } as const;

const histogram = {
  type: "object",
  required: ["sub", "count", "min", "max", "sumNs", "counts"],
  properties: { count, sumNs: list, counts: list },
} as const;

const packedHistogram = {
  type: "object",
  required: ["count", "min", "max", "sumNs", "buckets"],
  properties: { count, sumNs: list, buckets: list },
} as const;

const timeline = {
  type: "object",
  required: ["intervalMs", "intervals"],
  properties: {
    intervalMs: { type: "number", exclusiveMinimum: 0 },
    intervals: {
      type: "array",
      items: { type: "object", required: ["offered", "latency", "failedByReason"], properties: { offered: count, latency: packedHistogram, failedByReason: object, nodeCpuMs: list, serviceCpuMs: list, replicas: list, pending: list } },
    },
  },
} as const;

const requestCounts = { type: "object", required: ["completed", "failed"], properties: { completed: count, failed: count } } as const;

const taskResult = {
  type: "object",
  required: ["task", "requests", "latency", "byRequestType", "hops", "connections", "staticResources", "windowMs"],
  properties: {
    task: {
      type: "object",
      required: ["meshId", "loadPointKey", "replication"],
      properties: { meshId: { type: "string" }, loadPointKey: { type: "string" }, replication: count },
    },
    requests: requestCounts,
    latency: histogram,
    byRequestType: {
      type: "array",
      items: { type: "object", required: ["name", "requests", "latency"], properties: { name: { type: "string" }, requests: requestCounts, latency: histogram } },
    },
    calls: {
      type: "object",
      required: ["services", "edges"],
      properties: {
        services: { type: "array", items: { type: "object", required: ["completed", "failed", "latency"], properties: { completed: count, failed: count, latency: histogram } } },
        edges: {
          type: "array",
          items: {
            type: "object",
            required: ["from", "to", "completed", "failed", "latency"],
            properties: { from: { type: "integer", minimum: -1 }, to: count, completed: count, failed: count, latency: histogram },
          },
        },
      },
    },
    hops: list,
    connections: object,
    clientConnections: {
      type: "object",
      required: ["connections", "granted", "waited", "waitMs"],
      properties: { connections: count, granted: count, waited: count, waitMs: { type: "number", minimum: 0 } },
    },
    staticResources: object,
    nodes: list,
    timeline,
    scaling: {
      type: "array",
      items: {
        type: "object",
        required: ["atMs", "service", "from", "to", "utilizationPercent"],
        properties: { atMs: { type: "number", minimum: 0 }, service: { type: "string" }, from: count, to: count, utilizationPercent: { type: "number", minimum: 0 }, pending: count },
      },
    },
    pending: {
      type: "array",
      items: { type: "object", required: ["service", "peak", "podMs"], properties: { service: { type: "string" }, peak: count, podMs: { type: "number", minimum: 0 } } },
    },
    windowMs: { type: "number", minimum: 0 },
  },
} as const;

/** A shard's place, `{ index, count }` (shard index of count, from 1), in a run's or a sweep's shard document. */
export const SHARD_PLACE_SCHEMA = {
  type: "object",
  required: ["index", "count"],
  properties: { index: { type: "integer", minimum: 1 }, count: { type: "integer", minimum: 1, maximum: MAX_SHARD_COUNT } },
} as const;

/** What merge requires of a shard document; fields it does not name are allowed. */
export const SHARD_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "meshsim shard document",
  type: "object",
  required: ["schemaVersion", "kind", "shard", "plan", "profiles", "taskCount", "firstTask", "results"],
  properties: {
    schemaVersion: { const: 1 },
    kind: { const: "meshsim-shard" },
    meta: object,
    shard: SHARD_PLACE_SCHEMA,
    plan: {
      type: "object",
      required: ["scenario", "meshes", "rates", "durationS", "warmupS", "replications", "seed"],
      properties: {
        scenario: { type: "object", required: ["name", "topology", "load", "mesh"] },
        meshes: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string" } },
        rates: { type: "array", minItems: 1, uniqueItems: true, items: { type: "number", minimum: 0 } },
        durationS: { type: "number", exclusiveMinimum: 0 },
        warmupS: { type: "number", minimum: 0 },
        staged: { type: "boolean" },
        intervalS: { type: "number", exclusiveMinimum: 0 },
        replications: { type: "integer", minimum: 1 },
        seed: count,
      },
    },
    profiles: { type: "object", additionalProperties: object },
    taskCount: count,
    firstTask: count,
    results: { type: "array", items: taskResult },
  },
} as const;
