// Tests for durations.ts: Gateway API's strict durations and Go/protobuf durations, in ms.

import { describe, expect, it } from "vitest";
import { parseGatewayDuration, parseGoDuration } from "../../../src/import/traffic/durations.js";

describe("parseGatewayDuration", () => {
  it.each([
    ["500ms", 500],
    ["10s", 10_000],
    ["1m", 60_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["2m30s500ms", 150_500],
    ["0s", 0],
    ["99999ms", 99_999],
  ])("parseGatewayDuration(%s) is %d ms", (text, ms) => {
    expect(parseGatewayDuration(text)).toBe(ms);
  });

  it.each([["1.5s"], ["-1s"], ["100000s"], ["1d"], [""], ["10"], ["1h1m1s1ms1s"], ["1 s"], ["s"]])("parseGatewayDuration(%j) is undefined (GEP-2257 refuses it)", (text) => {
    expect(parseGatewayDuration(text)).toBeUndefined();
  });
});

describe("parseGoDuration", () => {
  it.each([
    ["2s", 2000],
    ["1.5s", 1500],
    [".5s", 500],
    ["100ms", 100],
    ["250us", 0.25],
    ["250µs", 0.25],
    ["1m30s", 90_000],
    ["3m", 180_000],
    ["1h", 3_600_000],
    ["0", 0],
    ["0s", 0],
  ])("parseGoDuration(%s) is %d ms", (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each([["1"], ["s"], ["-1s"], ["1 s"], ["1d"], [""], ["2s "]])("parseGoDuration(%j) is undefined", (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
