/**
 * The JSON Schema of a scenario's `timeline`: events at `atS` seconds into the measured time,
 * each naming one change. An if/else chain on the event's key (as for call nodes) so a bad event
 * gets the error of the kind it meant.
 */

import { PERCENT_PATTERN, SURGE_PERCENT_PATTERN } from "./_pods-or-percent.js";
import { nonNegativeNumber, positiveInteger, positiveNumber } from "./_schema-atoms.js";
import { MAX_TIMELINE_EVENTS } from "./value-limits.js";

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

/**
 * A count of pods or a percentage of the replicas, as a Deployment's strategy takes them. The
 * loader's message for a bad one is _pods-or-percent.ts's, which says both forms (validate-document.ts).
 */
const podsOrPercent = { type: ["integer", "string"], minimum: 0, pattern: PERCENT_PATTERN } as const;
const podsOrAnyPercent = { ...podsOrPercent, pattern: SURGE_PERCENT_PATTERN } as const;

const rollout = {
  type: "object",
  required: ["service"],
  properties: {
    service: { type: "string" },
    maxSurge: { ...podsOrAnyPercent, description: "new pods above the replicas during the update, a count or a percentage, which may pass 100% (default 25%, rounded up)" },
    maxUnavailable: { ...podsOrPercent, description: "pods that may be unavailable during the update, a count or a percentage up to 100% (default 25%, rounded down); not 0 when maxSurge is 0" },
    podStartupS: { ...nonNegativeNumber, description: "from a new pod's creation to its containers running, s (default 5: Kubernetes' pod start-up SLO); the mesh's proxy start-up comes on top" },
  },
  additionalProperties: false,
} as const;

const tolerationSeconds = {
  ...nonNegativeNumber,
  description: "from the node's NotReady taint to its pods' eviction, s (default 300: the DefaultTolerationSeconds admission plugin)",
} as const;

const nodeDown = {
  type: "object",
  required: ["node"],
  properties: { node: { type: "integer", minimum: 0, description: "the node's index (as runs[].nodes[].node)" }, tolerationSeconds },
  additionalProperties: false,
} as const;

const zoneDown = {
  type: "object",
  required: ["zone"],
  properties: { zone: { type: "string", description: "a zone of cluster.zones: every node in it goes down" }, tolerationSeconds },
  additionalProperties: false,
} as const;

const clusterDown = {
  type: "object",
  required: ["cluster"],
  properties: { cluster: { type: "string", description: "a cluster of clusters: every node in it goes down" }, tolerationSeconds },
  additionalProperties: false,
} as const;

/**
 * The keys that name an event, in the order the if/else chain below tries them; an entry holds
 * exactly one (validate-document.ts says so when it holds more, rather than calling the second an
 * unknown field).
 */
export const TIMELINE_EVENT_KEYS = ["weights", "outage", "restart", "rollout", "nodeDown", "zoneDown", "clusterDown", "rotateCertificates"] as const;

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
        if: { required: ["rollout"] },
        then: { properties: { atS, rollout, note: { type: "string" } }, additionalProperties: false },
        else: {
          if: { required: ["nodeDown"] },
          then: { properties: { atS, nodeDown, note: { type: "string" } }, additionalProperties: false },
          else: {
            if: { required: ["zoneDown"] },
            then: { properties: { atS, zoneDown, note: { type: "string" } }, additionalProperties: false },
            else: {
              if: { required: ["clusterDown"] },
              then: { properties: { atS, clusterDown, note: { type: "string" } }, additionalProperties: false },
              else: {
                if: { required: ["rotateCertificates"] },
                then: { properties: { atS, rotateCertificates: { const: true }, note: { type: "string" } }, additionalProperties: false },
                else: { required: ["weights"] },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** The scenario's `timeline` list. */
export const TIMELINE_SCHEMA = {
  type: "array",
  description:
    "events while the load runs, at atS seconds into the measured time: weights (a canary's step), outage (a dependency down), restart (pods killed: calls they hold reset, connections close, back after downS), rollout (a Deployment's rolling update: maxSurge, maxUnavailable), nodeDown, zoneDown and clusterDown (nodes lost: their pods die, leave the endpoints after the node controller's grace period and are rescheduled after tolerationSeconds), rotateCertificates",
  maxItems: MAX_TIMELINE_EVENTS,
  items: timelineEvent,
} as const;
