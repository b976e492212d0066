import { describe, expect, it } from "vitest";
import { meetsSlo, parseSlo } from "../../src/sweep/index.js";

const LATENCY = { mean: 10, p50: 8, p90: 20, p99: 50, p999: 90, max: 120 };

describe("parseSlo", () => {
  it.each([
    ["p99<50ms", "p99", 50, false],
    ["p99 < 50ms", "p99", 50, false],
    ["p50<=2.5ms", "p50", 2.5, true],
    ["p90<0.2s", "p90", 200, false],
    ["p999<1s", "p999", 1000, false],
    ["p99.9<80ms", "p999", 80, false],
    ["mean<10ms", "mean", 10, false],
    ["p99<500us", "p99", 0.5, false],
    ["p99<1m30s", "p99", 90_000, false],
    ["p99<5", "p99", 5, false],
  ] as const)("parseSlo(%j) bounds %s by %f ms", (text, statistic, thresholdMs, inclusive) => {
    expect(parseSlo(text)).toEqual({ text: text.trim(), statistic, thresholdMs, inclusive });
  });

  it.each([["p99<<5"], ["p99<5kg"], ["p98<5ms"], ["p99>5ms"], ["p99<0ms"], ["<5ms"], [""]])("parseSlo(%j) says what an SLO looks like", (text) => {
    expect(() => parseSlo(text)).toThrow(`must look like p99<50ms (statistic p50, p90, p99, p999 or mean; < or <=; a positive duration like 30s, 500ms, 1m30s or 250us, a bare number in ms), got ${JSON.stringify(text)}`);
  });
});

describe("meetsSlo", () => {
  it.each([
    ["p99<50ms", false],
    ["p99<=50ms", true],
    ["p99<51ms", true],
    ["p50<8.1ms", true],
    ["mean<10ms", false],
    ["p999<0.1s", true],
  ])("%s on a p99 of 50 ms: %s", (text, meets) => {
    expect(meetsSlo(LATENCY, parseSlo(text))).toBe(meets);
  });
});
