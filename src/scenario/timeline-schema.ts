/**
 * The JSON Schema of a scenario's `timeline`: events at `atS` seconds into the measured time,
 * each naming one change. An if/else chain on the event's key (as for call nodes) so a bad event
 * gets the error of the kind it meant.
 */

import { nonNegativeNumber, positiveInteger, positiveNumber } from "./_schema-atoms.js";

const atS = { ...nonNegativeNumber, description: "when, seconds into the measured time (after warm-up)" } as const;
const replicas = { ...positiveInteger, description: "how many of the service's replicas (the first ones); default all" } as const;

const weights = {
  type: "object",
  required: ["host", "backends"],
  properties: {
    host: { type: "string", description: "the host of a traffic rule (its name in traffic[].host)" },
    backends: {
      type: "object",
      minProperties: 1,
      additionalProperties: nonNegativeNumber,
      description: "the new weight of each backend service of the rule's routes, e.g. { reviews-v1: 90, reviews-v2: 10 }",
    },
  },
  additionalProperties: false,
} as const;

const outage = {
  type: "object",
  required: ["service", "durationS"],
  properties: { service: { type: "string" }, durationS: positiveNumber, replicas },
  additionalProperties: false,
} as const;

const restart = {
  type: "object",
  required: ["service"],
  properties: {
    service: { type: "string" },
    replicas,
    downS: { ...positiveNumber, description: "how long the pods are down, s (default 10: the kubelet's first crash back-off)" },
  },
  additionalProperties: false,
} as const;

/** One event of the timeline. */
const timelineEvent = {
  type: "object",
  required: ["atS"],
  if: { required: ["weights"] },
  then: { properties: { atS, weights, note: { type: "string" } }, additionalProperties: false },
  else: {
    if: { required: ["outage"] },
    then: { properties: { atS, outage, note: { type: "string" } }, additionalProperties: false },
    else: {
      if: { required: ["restart"] },
      then: { properties: { atS, restart, note: { type: "string" } }, additionalProperties: false },
      else: {
        if: { required: ["rotateCertificates"] },
        then: { properties: { atS, rotateCertificates: { const: true }, note: { type: "string" } }, additionalProperties: false },
        else: { required: ["weights"] },
      },
    },
  },
} as const;

/** The scenario's `timeline` list. */
export const TIMELINE_SCHEMA = {
  type: "array",
  description:
    "events while the load runs, at atS seconds into the measured time: weights (a canary's step), outage (a dependency down), restart (pods killed: calls they hold reset, connections close, back after downS), rotateCertificates",
  items: timelineEvent,
} as const;
