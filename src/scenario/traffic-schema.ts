/**
 * The JSON Schema of a scenario's traffic rules (`traffic:`) and of its services' failure
 * sources (`services[].failures`). Field names follow the meshes' own (Istio's
 * VirtualService and DestinationRule, Envoy's circuit breakers, Linkerd's retry budget).
 */

import { MAX_SLOW_FACTOR, MAX_WEIGHT } from "./value-limits.js";

const positiveNumber = { type: "number", exclusiveMinimum: 0 } as const;
const nonNegativeNumber = { type: "number", minimum: 0 } as const;
const percent = { type: "number", minimum: 0, maximum: 100 } as const;
const count = { type: "integer", minimum: 0 } as const;

const retries = {
  type: "object",
  required: ["attempts"],
  properties: {
    attempts: { type: "integer", minimum: 0, maximum: 100, description: "retries after the first try (Istio's attempts)" },
    perTryTimeoutMs: { ...positiveNumber, description: "each try's own deadline" },
    retryOn: {
      type: "array",
      items: { enum: ["5xx", "gateway-error", "connect-failure", "reset"] },
      default: ["5xx"],
      description: "Envoy's retry conditions: 5xx (any 5xx, timeouts and resets), gateway-error (502-504), connect-failure, reset",
    },
    backoffMs: { ...nonNegativeNumber, default: 25, description: "base interval: retry k waits uniform(0, (2^k - 1) x base), at most 10 x base" },
    note: { type: "string" },
  },
  additionalProperties: false,
} as const;

const fault = {
  type: "object",
  properties: {
    delay: {
      type: "object",
      required: ["percent", "fixedDelayMs"],
      properties: { percent, fixedDelayMs: nonNegativeNumber },
      additionalProperties: false,
    },
    abort: {
      type: "object",
      required: ["percent"],
      properties: { percent, status: { type: "integer", minimum: 400, maximum: 599, default: 503 } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

const route = {
  type: "object",
  required: ["backends"],
  properties: {
    match: {
      type: "object",
      required: ["headers"],
      properties: {
        headers: {
          type: "object",
          additionalProperties: { type: "string" },
          description: "exact values a request type's headers must all have",
        },
      },
      additionalProperties: false,
    },
    backends: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["service"],
        properties: {
          service: { type: "string", description: "a service of the scenario" },
          weight: { ...nonNegativeNumber, maximum: MAX_WEIGHT, default: 1 },
        },
        additionalProperties: false,
      },
    },
    timeoutMs: { ...positiveNumber, description: "deadline for the whole call, retries included" },
    retries,
    fault,
    note: { type: "string" },
  },
  additionalProperties: false,
} as const;

/** One rule: what callers' proxies do with calls to `host`. */
export const TRAFFIC_RULE_SCHEMA = {
  type: "object",
  required: ["host", "routes"],
  properties: {
    host: { type: "string", description: "the name calls use: a service, or a virtual host over the routes' backends" },
    routes: { type: "array", minItems: 1, items: route, description: "tried in order; the first that matches takes the call" },
    loadBalancer: { enum: ["round-robin", "random", "least-request", "ewma"] },
    localityLoadBalancing: {
      type: "boolean",
      description:
        "the mesh's locality-aware load balancing for this host (cluster.zones): callers keep to replicas in their own zone while enough of them are healthy. Istio's is on by default but acts only with outlierDetection (false turns it off); Kuma's needs this; meshes without one refuse true",
    },
    circuitBreaker: {
      type: "object",
      description: "Envoy's thresholds per client proxy and upstream: calls beyond maxRequests (HTTP/2) or maxConnections (HTTP/1.1) wait, up to maxPendingRequests; the rest fail at once",
      properties: {
        maxConnections: { ...count, minimum: 1 },
        maxPendingRequests: count,
        maxRequests: { ...count, minimum: 1 },
        maxRetries: count,
      },
      additionalProperties: false,
    },
    outlierDetection: {
      type: "object",
      description: "eject a replica after consecutive 5xx (timeouts and connection failures count) for baseEjectionMs x times ejected",
      properties: {
        consecutive5xx: { ...count, minimum: 1, default: 5 },
        intervalMs: { ...positiveNumber, default: 10000 },
        baseEjectionMs: { ...positiveNumber, default: 30000 },
        maxEjectionPercent: { ...percent, default: 10 },
      },
      additionalProperties: false,
    },
    retryBudget: {
      type: "object",
      required: ["ratio"],
      description: "Linkerd's retry budget: retries may add ratio x requests plus minPerSecond, over ttlMs",
      properties: {
        ratio: nonNegativeNumber,
        minPerSecond: { ...nonNegativeNumber, default: 10 },
        ttlMs: { ...positiveNumber, default: 10000 },
      },
      additionalProperties: false,
    },
    rateLimit: {
      type: "object",
      required: ["requestsPerSecond"],
      description: "local rate limit at each replica's inbound proxy (token bucket); excess gets 429",
      properties: { requestsPerSecond: positiveNumber, burst: { ...positiveNumber, description: "bucket size; default one second's worth" } },
      additionalProperties: false,
    },
    source: { type: "string" },
    ignored: { type: "array", items: { type: "string" } },
    note: { type: "string" },
  },
  additionalProperties: false,
} as const;

/** `services[].failures`: what goes wrong with a service, to exercise the traffic rules. */
export const SERVICE_FAILURES_SCHEMA = {
  type: "object",
  properties: {
    errorRate: { type: "number", minimum: 0, maximum: 1, description: "fraction of requests answered 500 after the work is done" },
    slowReplicas: {
      type: "array",
      description: "replicas whose service time is multiplied by factor (a noisy neighbour, a bad node)",
      items: {
        type: "object",
        required: ["replica", "factor"],
        properties: { replica: count, factor: { ...positiveNumber, maximum: MAX_SLOW_FACTOR } },
        additionalProperties: false,
      },
    },
    outages: {
      type: "array",
      description: "replicas that refuse connections between startS and endS of the run (measured from the start of warm-up)",
      items: {
        type: "object",
        required: ["replica", "startS", "endS"],
        properties: { replica: count, startS: nonNegativeNumber, endS: nonNegativeNumber },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
