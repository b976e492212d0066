import { describe, expect, it } from "vitest";
import { evaluateThresholds, parseThreshold } from "../../src/check/index.js";
import { loadScenario } from "../../src/import/index.js";
import { runScenario, timelineWindowPercentile } from "../../src/runner/index.js";
import { ScenarioError } from "../../src/scenario/index.js";

describe("thresholds over time", () => {
  it.each([
    ["worst(p99)<80ms", "p99", { worst: true, fromS: 0, toS: Infinity }],
    ["p99[30s..1m]<80ms", "p99", { worst: false, fromS: 30, toS: 60 }],
    ["p(99.9)[1.5s..]<1s", "p999", { worst: false, fromS: 1.5, toS: Infinity }],
    ["worst(mean)[..10]<5ms", "mean", { worst: true, fromS: 0, toS: 10 }],
    ["istio:worst(failedRate)<1%", "failedRate", { worst: true, fromS: 0, toS: Infinity }],
  ])("%s reads %s over %j", (text, metric, window) => {
    const threshold = parseThreshold(text);
    expect(threshold.metric.name).toBe(metric);
    expect(threshold.window).toEqual(window);
  });

  it("a threshold without a window has none", () => {
    expect(parseThreshold("p99<50ms")).not.toHaveProperty("window");
  });

  it.each([
    ["p99[1m..30s]<5ms", "has a window [1m..30s] that ends before it starts"],
    ["p99[soon..]<5ms", "has a window [soon..] whose bounds are not durations"],
    ["p99[30s]<5ms", "has a window [30s] that is not [from..to]"],
    ["worst(vcpu)<2", "asks for vcpu over time, but only p50, p90, p99, p999, mean, max, failedRate have a timeline"],
    ["*/checkout:worst(p99)<5ms", "asks for a request type over time, but the timeline is per run"],
    ["worst(p95)<5ms", 'names unknown metric "p95"'],
  ])("%s is refused: %s", (text, problem) => {
    expect(() => parseThreshold(text)).toThrow(ScenarioError);
    expect(() => parseThreshold(text)).toThrow(problem);
  });

  it("reads the worst interval and a window of the timeline; refuses a run without a timeline", async () => {
    const plan = { scenario: loadScenario("fortio"), meshes: ["none"], rates: [2000], durationS: 2, warmupS: 0.2, replications: 1, seed: 2 };
    const [run] = (await runScenario({ ...plan, intervalS: 0.5 }, { workers: 1 })).runs;
    const timeline = run.timeline!;
    const [worst] = evaluateThresholds([run], [parseThreshold("worst(p99)<1ms")], "results.json");
    expect(worst.current).toBe(Math.max(...timeline.map((entry) => entry.p99Ms!)));
    const [window] = evaluateThresholds([run], [parseThreshold("p99[0.5s..1.5s]<1s")], "results.json");
    expect(window.current).toBe(timelineWindowPercentile(timeline, 99, 0.5, 1.5));
    expect(window.status).toBe("pass");
    const [failures] = evaluateThresholds([run], [parseThreshold("worst(failedRate)<1%")], "results.json");
    expect(failures.current).toBe(0);
    const [steady] = (await runScenario(plan, { workers: 1 })).runs;
    expect(() => evaluateThresholds([steady], [parseThreshold("worst(p99)<1ms")], "results.json")).toThrow(
      '--threshold "worst(p99)<1ms" needs runs[].timeline of none @ 2000 rps in results.json, but it has no timeline (run with load.stages or --interval)',
    );
    expect(() => evaluateThresholds([run], [parseThreshold("p99[10s..]<1ms")], "results.json")).toThrow("no interval in its window holds a request");
  });
});
