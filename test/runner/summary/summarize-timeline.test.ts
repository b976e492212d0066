/**
 * runs[].timeline: present only when asked for, consistent with the run's totals, and the same
 * bytes whatever the number of workers or shards.
 */

import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "../../../src/import/index.js";
import { createMeta, mergeShards, planRun, runScenario, runShard, timelineWindowPercentile, type RunPlan } from "../../../src/runner/index.js";

function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    scenario: loadScenario("bookinfo"),
    meshes: ["none", "istio"],
    rates: [200],
    durationS: 2,
    warmupS: 0.3,
    intervalS: 0.5,
    replications: 2,
    seed: 5,
    ...overrides,
  };
}

const withoutMeta = ({ meta: _meta, ...rest }: { meta: unknown }) => JSON.stringify(rest);

describe("runs[].timeline", () => {
  it("is absent without an interval, and asking for one changes nothing else in the run", async () => {
    const { intervalS: _interval, ...steady } = plan();
    const without = await runScenario(steady, { workers: 1 });
    const withTimeline = await runScenario(plan(), { workers: 1 });
    expect(without.runs.every((run) => run.timeline === undefined)).toBe(true);
    const { timeline, ...rest } = withTimeline.runs[1];
    expect(timeline).toHaveLength(4);
    expect(JSON.stringify(rest)).toBe(JSON.stringify(without.runs[1]));
  });

  it("accounts for every request sent in the window, and its node CPU averages to the run's", async () => {
    const document = await runScenario(plan(), { workers: 1 });
    for (const run of document.runs) {
      const timeline = run.timeline!;
      const offered = timeline.reduce((sum, entry) => sum + entry.offeredPerSec * entry.durationS * run.replications, 0);
      expect(offered).toBeCloseTo(run.requests.completed + run.requests.failed, 6);
      expect(timeline.map((entry) => entry.atS)).toEqual([0, 0.5, 1, 1.5]);
      // Completions of warm-up requests count in the first interval; in-flight ones at the end in none.
      const completed = timeline.reduce((sum, entry) => sum + entry.latencyHistogram.count, 0);
      expect(Math.abs(completed - run.requests.completed)).toBeLessThan(0.02 * run.requests.completed);
      for (const entry of timeline) expect(entry.p50Ms!).toBeLessThanOrEqual(entry.p99Ms!);
      run.nodes!.forEach((node, index) => {
        const mean = timeline.reduce((sum, entry) => sum + entry.nodeCpuUtilization![index] * entry.durationS, 0) / run.durationS;
        expect(mean).toBeCloseTo(node.cpuUtilization, 3);
      });
      // Each service's pods: its app and its sidecars, as the hops count them over the window.
      for (const service of ["productpage", "reviews"]) {
        const hopsVcpu = run.hops.filter((hop) => hop.station === `app/${service}` || hop.station === `sidecar/${service}`).reduce((sum, hop) => sum + hop.vcpu, 0);
        const mean = timeline.reduce((sum, entry) => sum + entry.serviceVcpu![service] * entry.durationS, 0) / run.durationS;
        expect(mean).toBeCloseTo(hopsVcpu, 3);
      }
    }
  });

  it("a window's p99 from the merged interval histograms lies within the intervals' own range", async () => {
    const run = (await runScenario(plan({ meshes: ["istio"] }), { workers: 1 })).runs[0];
    const timeline = run.timeline!;
    const p99s = timeline.map((entry) => entry.p99Ms!);
    const windowP99 = timelineWindowPercentile(timeline, 99, 0, 10)!;
    expect(windowP99).toBeGreaterThanOrEqual(Math.min(...p99s));
    expect(windowP99).toBeLessThanOrEqual(Math.max(...p99s));
    expect(Math.abs(windowP99 / run.latencyMs.p99 - 1)).toBeLessThan(0.1);
    expect(timelineWindowPercentile(timeline, 99, 5, 10)).toBeNull();
  });

  it("is byte for byte the same with 1 and 3 workers and from 3 merged shards", async () => {
    const one = await runScenario(plan(), { workers: 1 });
    const three = await runScenario(plan(), { workers: 3 });
    const shards = await Promise.all([1, 2, 3].map((index) => runShard(plan(), { index, count: 3 }, { workers: 1 })));
    const merged = mergeShards(
      shards.map((shard, i) => ({ file: `s${i}.json`, value: JSON.parse(JSON.stringify(shard)) })),
      createMeta({}, 0, 0),
    );
    expect(withoutMeta(three)).toBe(withoutMeta(one));
    expect(withoutMeta(merged)).toBe(withoutMeta(one));
    expect(one.runs[0].timeline).toBeDefined();
  });
});

describe("a closed loop with user stages", () => {
  it("completes requests per second in proportion to its users in each hold (users / (think + response))", async () => {
    const scenario = parseScenario(
      "users.yaml",
      {
        name: "users",
        services: [{ name: "web", concurrency: 64, serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "get", entry: "web" }],
        load: {
          type: "closed",
          connections: 10,
          thinkTime: { type: "exponential", meanMs: 100 },
          warmupS: 1,
          stages: [{ durationS: 4, users: 10 }, { durationS: 1, users: 50 }, { durationS: 4, users: 50 }],
        },
      },
      "0".repeat(64),
    );
    const [run] = (await runScenario(planRun(scenario, { meshes: ["none"], replications: 2 }), { workers: 1 })).runs;
    expect(run.users).toBe(50);
    expect(run.events!.map((event) => event.event)).toEqual(["stage 1: hold 10 users", "stage 2: ramp to 50 users", "stage 3: hold 50 users"]);
    const mean = (from: number, to: number) => run.timeline!.slice(from, to).reduce((sum, entry) => sum + entry.completedPerSec, 0) / (to - from);
    // About 1 ms of response per 100 ms of thinking: 10 users ~ 99/s, 50 users ~ 495/s (Poisson counts, 8 s of each).
    expect(Math.abs(mean(0, 4) - 99)).toBeLessThan(10);
    expect(Math.abs(mean(5, 9) - 495)).toBeLessThan(25);
  });
});
