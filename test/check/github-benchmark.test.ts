import { describe, expect, it } from "vitest";
import { toGithubBenchmark } from "../../src/check/index.js";
import { failingRun, makeResults, makeRun } from "./_results.js";

describe("toGithubBenchmark", () => {
  it("lists every run's figures as customSmallerIsBetter entries of name, unit and value", () => {
    const entries = toGithubBenchmark(makeResults([makeRun({ mesh: "istio", rps: 100, p50: 1, p99: 4, cost: 30 })]));
    expect(entries.map((entry) => [entry.name, entry.unit, entry.value])).toEqual([
      ["shop: istio @ 100 rps p50", "ms", 1],
      ["shop: istio @ 100 rps p90", "ms", 2.5],
      ["shop: istio @ 100 rps p99", "ms", 4],
      ["shop: istio @ 100 rps p999", "ms", 6],
      ["shop: istio @ 100 rps mean", "ms", 1.1],
      ["shop: istio @ 100 rps max", "ms", 8],
      ["shop: istio @ 100 rps vcpu", "vCPU", 0.6],
      ["shop: istio @ 100 rps memoryMb", "MB", 150],
      ["shop: istio @ 100 rps cost", "USD", 30],
    ]);
    expect(entries[2].range).toBe("± 0.4");
    for (const entry of entries) expect(typeof entry.value).toBe("number");
  });

  it("regression: leaves out the latency of a run that completed no request, whose document says mean 0 and max 0", () => {
    const names = toGithubBenchmark(makeResults([failingRun("istio")])).map((entry) => entry.name);
    expect(names).toEqual(["shop: istio @ 100 rps vcpu", "shop: istio @ 100 rps memoryMb"]);
  });

  it("regression: gives a sweep's runs at one load names of their own (their --set values)", () => {
    const swept = (replicas: number) => ({ ...makeRun({ mesh: "istio", rps: 100 }), parameters: { "services.1.replicas": replicas } });
    const names = toGithubBenchmark(makeResults([swept(1), swept(2)])).map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe("shop: istio (services.1.replicas=1) @ 100 rps p50");
  });

  it("leaves cost out without prices", () => {
    expect(toGithubBenchmark(makeResults([makeRun()])).some((entry) => entry.name.endsWith("cost"))).toBe(false);
  });
});
