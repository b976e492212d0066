/**
 * `load` in the scenario schema: open or closed loop, its rate or users, stages, connections,
 * payloads, the ingress and the load generator's own pod.
 */

import { LOAD_GENERATOR_TOOL_NAMES } from "../workload/index.js";
import { bytes, nonNegativeNumber, positiveInteger, positiveNumber } from "./_schema-atoms.js";
import { MAX_LOAD_CONNECTIONS, MAX_TIME_MS } from "./value-limits.js";

export const load = {
  type: "object",
  required: ["type"],
  properties: {
    type: { enum: ["open", "closed"] },
    arrival: { enum: ["poisson", "uniform"], default: "poisson" },
    ratePerSec: {
      ...positiveNumber,
      description: "open loop: intended requests per second; with stages, the rate they start from (default 0)",
    },
    stages: {
      type: "array",
      minItems: 1,
      description:
        "the load over time. Open loop, as k6's ramping-arrival-rate: each stage moves the rate linearly from the previous target (the first from ratePerSec, else 0) to its ratePerSec over its durationS. Closed loop, as k6's ramping-vus: each stage moves the users from the previous target (the first from connections, else 0) to its users. A stage with the same target holds it. The stages' durations make the measured time; --rps runs a constant rate instead",
      items: {
        type: "object",
        required: ["durationS"],
        properties: {
          durationS: positiveNumber,
          ratePerSec: { ...nonNegativeNumber, description: "open loop: the rate reached at the end of the stage, requests/s" },
          users: { type: "integer", minimum: 0, maximum: MAX_LOAD_CONNECTIONS, description: "closed loop: the users reached at the end of the stage (at most load.connections' bound)" },
        },
        additionalProperties: false,
      },
    },
    connections: {
      ...positiveInteger,
      maximum: MAX_LOAD_CONNECTIONS,
      description: "open loop: client connections (a request waits for a free one, its latency counted from its intended send time); closed loop: concurrent users or connections",
    },
    thinkTime: { $ref: "#/definitions/distribution" },
    durationS: { ...positiveNumber, default: 30 },
    warmupS: { ...nonNegativeNumber, default: 1 },
    requestBytes: { ...bytes, default: 1024 },
    responseBytes: { ...bytes, default: 1024 },
    keepAlive: { type: "boolean", default: true },
    ingress: {
      enum: ["direct", "gateway"],
      default: "direct",
      description: "direct: the load generator reaches the entry service's pods; gateway: through the mesh's own ingress gateway",
    },
    client: {
      description: "the load generator's pod (fortio, wrk2, locust run inside the cluster)",
      type: "object",
      properties: {
        node: { type: "integer", minimum: 0, default: 0 },
        meshed: { type: "boolean", default: false, description: "whether the load generator has a sidecar" },
        tool: {
          enum: LOAD_GENERATOR_TOOL_NAMES,
          default: "fortio",
          description: "the load generator: sets the CPU its pod spends per request (src/workload/load-generator-tools.ts)",
        },
        cpuMsPerRequest: {
          ...nonNegativeNumber,
          maximum: MAX_TIME_MS,
          description: "CPU the load generator spends per request, ms; default: the tool's figure",
        },
      },
      additionalProperties: false,
    },
  },
  allOf: [
    { if: { required: ["type"], properties: { type: { const: "open" } }, not: { required: ["stages"] } }, then: { required: ["ratePerSec"] } },
    { if: { required: ["type"], properties: { type: { const: "closed" } }, not: { required: ["stages"] } }, then: { required: ["connections"] } },
  ],
  additionalProperties: false,
} as const;
