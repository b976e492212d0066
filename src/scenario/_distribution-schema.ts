/**
 * The JSON Schema of a duration distribution (a service time, a think time): its type and the
 * parameters each type takes, in milliseconds.
 */

import { nonNegativeNumber, positiveInteger, positiveNumber } from "./_schema-atoms.js";
import { MAX_CV, MAX_ERLANG_K, MIN_CV } from "./value-limits.js";

export const distribution = {
  description: "A distribution of durations in milliseconds",
  type: "object",
  required: ["type"],
  properties: {
    type: { enum: ["constant", "uniform", "exponential", "lognormal", "gamma", "erlang", "empirical"] },
  },
  allOf: [
    {
      if: { required: ["type"], properties: { type: { const: "constant" } } },
      then: {
        required: ["valueMs"],
        properties: { type: true, valueMs: nonNegativeNumber },
        additionalProperties: false,
      },
    },
    {
      if: { required: ["type"], properties: { type: { const: "uniform" } } },
      then: {
        required: ["minMs", "maxMs"],
        properties: { type: true, minMs: nonNegativeNumber, maxMs: nonNegativeNumber },
        additionalProperties: false,
      },
    },
    {
      if: { required: ["type"], properties: { type: { const: "exponential" } } },
      then: {
        required: ["meanMs"],
        properties: { type: true, meanMs: positiveNumber },
        additionalProperties: false,
      },
    },
    {
      if: { required: ["type"], properties: { type: { enum: ["lognormal", "gamma"] } } },
      then: {
        required: ["meanMs", "cv"],
        properties: {
          type: true,
          meanMs: positiveNumber,
          cv: {
            type: "number",
            minimum: MIN_CV,
            maximum: MAX_CV,
            description: `coefficient of variation: standard deviation / mean, from ${MIN_CV} (less: use constant) to ${MAX_CV}`,
          },
        },
        additionalProperties: false,
      },
    },
    {
      if: { required: ["type"], properties: { type: { const: "erlang" } } },
      then: {
        required: ["meanMs", "k"],
        properties: { type: true, meanMs: positiveNumber, k: { ...positiveInteger, maximum: MAX_ERLANG_K, description: `stages, at most ${MAX_ERLANG_K} (for less variation: gamma of cv 1/sqrt(k))` } },
        additionalProperties: false,
      },
    },
    {
      if: { required: ["type"], properties: { type: { const: "empirical" } } },
      then: {
        required: ["bins"],
        properties: {
          type: true,
          bins: {
            description: "histogram bins in increasing order; a sample is uniform within its bin",
            type: "array",
            minItems: 1,
            items: {
              type: "object",
              required: ["upToMs", "weight"],
              properties: { upToMs: positiveNumber, weight: nonNegativeNumber },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
  ],
} as const;
