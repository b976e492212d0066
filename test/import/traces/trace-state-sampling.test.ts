// samplingProbabilityOf reads OpenTelemetry's threshold (ot=th) and the older p-value (ot=p) out of a
// W3C tracestate, among other vendors' members, and ignores what it cannot read.

import { describe, expect, it } from "vitest";
import { samplingProbabilityOf } from "../../../src/import/traces/trace-state-sampling.js";

describe("samplingProbabilityOf", () => {
  it.each([
    ["ot=th:0", 1],
    ["ot=th:8", 0.5],
    ["ot=th:c", 0.25],
    ["ot=th:e666", 0.100006103515625],
    ["ot=rv:9c3e01aa5d2b7f;th:e666", 0.100006103515625],
    ["congo=t61rcWkgMzE, ot=th:fd70a;rv:00112233445566 ,rojo=00f067aa0ba902b7", 0.010000228881835938],
    ["ot=p:3", 0.125],
    ["ot=p:0", 1],
  ])("reads %j as %f", (traceState, probability) => {
    expect(samplingProbabilityOf(traceState)).toBe(probability);
  });

  it.each([
    ["", "empty"],
    ["congo=t61rcWkgMzE", "no ot member"],
    ["ot=rv:9c3e01aa5d2b7f", "randomness but no threshold"],
    ["ot=th:E666", "upper-case hex, which the spec does not allow"],
    ["ot=th:123456789abcdef", "more than 14 digits"],
    ["ot=p:63", "p = 63, an adjusted count of zero"],
    ["ot=p:x", "a p-value that is not a number"],
  ])("reads nothing from %j (%s)", (traceState) => {
    expect(samplingProbabilityOf(traceState)).toBeUndefined();
  });
});
