import { describe, expect, it } from "vitest";
import { meetsThreshold, parseThreshold } from "../../src/check/index.js";

describe("parseThreshold", () => {
  it.each([
    ["p50<50ms", "p50", "<", 50],
    ["p90<=0.2s", "p90", "<=", 200],
    ["p99<50", "p99", "<", 50],
    ["p999<200ms", "p999", "<", 200],
    ["p99.9<200ms", "p999", "<", 200],
    ["p(99)<50ms", "p99", "<", 50],
    ["p(99.9)<1s", "p999", "<", 1000],
    ["mean<10ms", "mean", "<", 10],
    ["avg<10ms", "mean", "<", 10],
    ["med<3ms", "p50", "<", 3],
    ["max<500us", "max", "<", 0.5],
    ["max < 1 s", "max", "<", 1000],
    ["failedRate<0.01", "failedRate", "<", 0.01],
    ["failedRate<1%", "failedRate", "<", 0.01],
    ["vcpu<2", "vcpu", "<", 2],
    ["vcpu<500m", "vcpu", "<", 0.5],
    ["memoryMb<500", "memoryMb", "<", 500],
    ["memoryMb<2GB", "memoryMb", "<", 2048],
    ["cost<100", "cost", "<", 100],
    ["p50>0.1ms", "p50", ">", 0.1],
    ["p50>=1e-1", "p50", ">=", 0.1],
    ["p99<1m30s", "p99", "<", 90_000],
    ["p99<250us", "p99", "<", 0.25],
  ])("%s reads as %s %s %s", (text, metric, operator, limit) => {
    const threshold = parseThreshold(text);
    expect(threshold.metric.name).toBe(metric);
    expect(threshold.operator).toBe(operator);
    expect(threshold.limit).toBeCloseTo(limit, 12);
    expect(threshold.selector).toEqual({ mesh: "*" });
  });

  it.each([
    ["istio:p99<20ms", { mesh: "istio" }],
    ["istio@1000:p99<20ms", { mesh: "istio", rps: 1000 }],
    ["istio@1000rps:p99<20ms", { mesh: "istio", rps: 1000 }],
    ["istio/checkout:p99<80ms", { mesh: "istio", requestType: "checkout" }],
    ["istio-ambient@500/checkout:p99<80ms", { mesh: "istio-ambient", rps: 500, requestType: "checkout" }],
    ["*/checkout:p99<80ms", { mesh: "*", requestType: "checkout" }],
    ["*/*:failedRate<0.001", { mesh: "*", requestType: "*" }],
  ])("%s selects %j", (text, selector) => {
    expect(parseThreshold(text).selector).toEqual(selector);
  });

  // One test per message: each names the flag and the expression.
  it.each([
    ["p99<<50ms", `--threshold "p99<<50ms" is not a threshold: write [mesh[@rps][/requestType]:]metric<value, e.g. p99<50ms, istio/checkout:p99<80ms, p99[30s..1m]<80ms or worst(p99)<100ms`],
    ["p99", `--threshold "p99" is not a threshold: write [mesh[@rps][/requestType]:]metric<value, e.g. p99<50ms, istio/checkout:p99<80ms, p99[30s..1m]<80ms or worst(p99)<100ms`],
    ["p99=50ms", `--threshold "p99=50ms" is not a threshold: write [mesh[@rps][/requestType]:]metric<value, e.g. p99<50ms, istio/checkout:p99<80ms, p99[30s..1m]<80ms or worst(p99)<100ms`],
    ["latency<5", `--threshold "latency<5" names unknown metric "latency" (metrics: p50, p90, p99, p999, mean, max, failedRate, vcpu, memoryMb, cost)`],
    ["p95<5ms", `--threshold "p95<5ms" names unknown metric "p95" (the results keep p50, p90, p99 and p999; metrics: p50, p90, p99, p999, mean, max, failedRate, vcpu, memoryMb, cost)`],
    ["p99<fast", `--threshold "p99<fast" has a value "fast" that is not a duration (write one like 30s, 500ms, 1m30s or 250us; a bare number is ms)`],
    ["failedRate<fast", `--threshold "failedRate<fast" has a value "fast" that is not a number`],
    ["failedRate<2", `--threshold "failedRate<2" has a value "2" above 1 (100%): failedRate is a share, written 0.01, 1% or 1pp`],
    ["failedRate<150%", `--threshold "failedRate<150%" has a value "150%" above 1 (100%): failedRate is a share, written 0.01, 1% or 1pp`],
    ["vcpu<5kg", `--threshold "vcpu<5kg" has a unit "kg" that vcpu does not take (use a bare number or m)`],
    ["cost<5USD", `--threshold "cost<5USD" has a unit "USD" that cost does not take (use a bare number)`],
    ["istio/checkout:vcpu<1", `--threshold "istio/checkout:vcpu<1" asks for vcpu per request type, but vcpu is per run`],
    ["istio@fast:p99<1", `--threshold "istio@fast:p99<1" has a load "fast" after @ that is not a positive number of requests per second`],
    ["is tio:p99<1", `--threshold "is tio:p99<1" has a selector "is tio" that is not mesh, mesh@rps, mesh(path=value)@rps, mesh/requestType or */requestType`],
  ])("%s is refused: %s", (text, message) => {
    expect(() => parseThreshold(text)).toThrow(message);
  });

  it("names the flag it was given", () => {
    expect(() => parseThreshold("p99", "--slo")).toThrow(/^--slo "p99" /);
  });
});

describe("meetsThreshold", () => {
  it.each([
    [49, "<", 50, true],
    [50, "<", 50, false],
    [50, "<=", 50, true],
    [51, ">", 50, true],
    [50, ">=", 50, true],
    [49, ">=", 50, false],
  ] as const)("%s %s %s is %s", (value, operator, limit, expected) => {
    expect(meetsThreshold(value, { operator, limit })).toBe(expected);
  });
});
