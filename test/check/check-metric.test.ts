import { describe, expect, it } from "vitest";
import { confidenceOf, describeSubject, metricNamed, readMetric, type MetricName } from "../../src/check/index.js";
import { makeRun } from "./_results.js";

describe("readMetric", () => {
  const run = makeRun({ p50: 2, p99: 8, completed: 990, failed: 10, vcpu: 0.5, memoryMb: 100, cost: 42, types: { checkout: 16 } });

  it.each([
    ["p50", 2],
    ["p90", 5],
    ["p99", 8],
    ["p999", 12],
    ["mean", 2.2],
    ["max", 16],
    ["failedRate", 0.01],
    ["vcpu", 0.6],
    ["memoryMb", 150],
    ["cost", 42],
  ] as Array<[MetricName, number]>)("%s of a run is %s", (metric, expected) => {
    expect(readMetric(metric, { run })).toBeCloseTo(expected, 10);
  });

  it("reads latency and failures per request type, resources per run", () => {
    expect(readMetric("p99", { run, requestType: "checkout" })).toBe(16);
    expect(readMetric("failedRate", { run, requestType: "checkout" })).toBeCloseTo(0.01, 10);
    expect(readMetric("p99", { run, requestType: "nothing" })).toBeUndefined();
  });

  it("has no cost without prices, and a failed rate of 0 without requests", () => {
    expect(readMetric("cost", { run: makeRun() })).toBeUndefined();
    expect(readMetric("failedRate", { run: makeRun({ completed: 0, failed: 0 }) })).toBe(0);
  });
});

describe("confidenceOf", () => {
  it("gives the ci95 of p50 and p99 and none for other metrics or one replication", () => {
    const run = makeRun({ p50: 1, p99: 4 });
    expect(confidenceOf("p99", { run })).toEqual([3.6, 4.4]);
    expect(confidenceOf("p90", { run })).toBeNull();
    expect(confidenceOf("vcpu", { run })).toBeNull();
    expect(confidenceOf("p99", { run: makeRun({ ci95: null }) })).toBeNull();
  });
});

describe("metricNamed", () => {
  it.each([
    ["p(95)", undefined],
    ["p(99.9)", "p999"],
    ["cpu", "vcpu"],
    ["memory", "memoryMb"],
  ])("%s is %s", (text, name) => {
    expect(metricNamed(text)?.name).toBe(name);
  });
});

describe("describeSubject", () => {
  it("names the mesh, load and request type", () => {
    expect(describeSubject({ run: makeRun({ mesh: "istio", rps: 1000 }), requestType: "checkout" })).toBe("istio @ 1000 rps / checkout");
  });

  it("regression: names a closed loop by its users and a sweep's run by its --set values, not all as @ 0 rps", () => {
    const closed = { ...makeRun({ mesh: "istio", rps: 0 }), users: 8 };
    expect(describeSubject({ run: closed })).toBe("istio @ 8 users");
    const swept = { ...makeRun({ mesh: "none", rps: 100 }), parameters: { "services.1.replicas": 2, "load.durationS": 10 } };
    expect(describeSubject({ run: swept, requestType: "browse" })).toBe("none (services.1.replicas=2, load.durationS=10) @ 100 rps / browse");
  });
});
