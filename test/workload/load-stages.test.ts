import { describe, expect, it } from "vitest";
import { createRng, createSampler } from "../../src/random/index.js";
import { Simulation } from "../../src/engine/index.js";
import { ClosedLoop, createStagedInterarrival, rateAt, stagesMeanRate, userSteps, type LoadStage, type RequestSink } from "../../src/workload/index.js";

const RAMP_AND_HOLD: LoadStage[] = [
  { durationS: 10, ratePerSec: 1000 },
  { durationS: 10, ratePerSec: 1000 },
  { durationS: 5, ratePerSec: 0 },
];

/** Arrival times, ms, until the sampler runs out. */
function arrivals(startRatePerSec: number, leadMs: number, stages: LoadStage[], unitStep: () => number): number[] {
  const next = createStagedInterarrival(startRatePerSec, leadMs, stages, unitStep);
  const times: number[] = [];
  let atMs = 0;
  for (;;) {
    const gap = next();
    if (!Number.isFinite(gap)) return times;
    atMs += gap;
    times.push(atMs);
  }
}

describe("load stages", () => {
  it.each([
    [0, 0],
    [5, 500],
    [10, 1000],
    [15, 1000],
    [22.5, 500],
    [25, 0],
  ])("rateAt(%s s) is %s requests/s: linear between targets", (atS, rate) => {
    expect(rateAt(0, RAMP_AND_HOLD, atS)).toBeCloseTo(rate, 9);
  });

  it("stagesMeanRate is the area under the rate over the stages' duration", () => {
    // 10 s ramp (5000) + 10 s hold (10000) + 5 s ramp down (2500) over 25 s.
    expect(stagesMeanRate(0, RAMP_AND_HOLD)).toBeCloseTo(17500 / 25, 9);
    expect(stagesMeanRate(200, [{ durationS: 4, ratePerSec: 200 }])).toBe(200);
  });

  it("evenly spaced arrivals land where the integrated rate crosses each whole number", () => {
    // Rate 0 -> 1000/s over 10 s: Λ(t) = 50 t² (t in s), so arrival k is at sqrt(k / 50) s.
    const times = arrivals(0, 0, [{ durationS: 10, ratePerSec: 1000 }], () => 1);
    // The 5000th would land exactly on the end, where the open loop sends nothing anyway.
    expect(times.filter((t) => t < 10_000 - 1e-6)).toHaveLength(4999);
    for (const k of [1, 2, 50, 1234, 4999]) expect(times[k - 1]).toBeCloseTo(Math.sqrt(k / 50) * 1000, 6);
  });

  it("a lead (warm-up) holds the start rate before the stages, and nothing arrives after them", () => {
    const times = arrivals(100, 2000, [{ durationS: 1, ratePerSec: 100 }], () => 1);
    expect(times.filter((t) => t < 3000 - 1e-6)).toHaveLength(299);
    expect(times[199]).toBeCloseTo(2000, 6);
    expect(times.at(-1)!).toBeLessThanOrEqual(3000 + 1e-6);
  });

  it("Poisson arrivals per second follow the rate within sampling error (counts are Poisson)", () => {
    const unit = createSampler({ type: "exponential", meanMs: 1 }, createRng(5, "arrivals"));
    const times = arrivals(0, 0, RAMP_AND_HOLD, unit);
    const perSecond = new Array<number>(25).fill(0);
    for (const t of times) perSecond[Math.floor(t / 1000)]++;
    perSecond.forEach((count, second) => {
      const expected = ((rateAt(0, RAMP_AND_HOLD, second) + rateAt(0, RAMP_AND_HOLD, second + 1 - 1e-9)) / 2) * 1;
      // Five standard deviations of a Poisson count.
      expect(Math.abs(count - expected)).toBeLessThanOrEqual(5 * Math.sqrt(Math.max(expected, 1)));
    });
    expect(Math.abs(times.length - 17500)).toBeLessThan(5 * Math.sqrt(17500));
  });

  it("a stage at rate 0 sends nothing, and the load picks up after it", () => {
    const times = arrivals(0, 0, [{ durationS: 1, ratePerSec: 0 }, { durationS: 1, ratePerSec: 0 }, { durationS: 1, ratePerSec: 100 }, { durationS: 1, ratePerSec: 100 }], () => 1);
    expect(times[0]).toBeGreaterThan(2000);
    expect(times.filter((t) => t < 4000 - 1e-6)).toHaveLength(149);
    expect(times.at(-1)!).toBeLessThanOrEqual(4000 + 1e-6);
  });
});

describe("user stages (closed loops)", () => {
  it("userSteps adds or removes one user at a time, evenly over each ramp, after the lead", () => {
    expect(userSteps(1, 500, [{ durationS: 2, users: 3 }, { durationS: 1, users: 3 }, { durationS: 1, users: 1 }])).toEqual([
      { atMs: 1500, users: 2 },
      { atMs: 2500, users: 3 },
      { atMs: 4000, users: 2 },
      { atMs: 4500, users: 1 },
    ]);
  });

  it("a closed loop follows its steps: users start when added and stop after their request when removed", () => {
    const sim = new Simulation();
    const sent: Array<[number, number]> = [];
    let loop: ClosedLoop | undefined;
    const done = sim.on("done", (user) => loop!.requestDone(user));
    const sink: RequestSink = {
      startRequest: (_type, atMs, user) => {
        sent.push([atMs, user]);
        sim.schedule(5, done, user);
      },
    };
    loop = new ClosedLoop(sim, sink, {
      users: 3,
      thinkTime: () => 10,
      nextRequestType: () => 0,
      endMs: 300,
      userSteps: { startUsers: 1, steps: [{ atMs: 100, users: 3 }, { atMs: 200, users: 0 }] },
    });
    loop.start();
    sim.run();
    const usersIn = (from: number, to: number) => new Set(sent.filter(([at]) => at >= from && at < to).map(([, user]) => user));
    expect(usersIn(0, 100)).toEqual(new Set([0]));
    expect(usersIn(120, 200)).toEqual(new Set([0, 1, 2]));
    expect(usersIn(200, 300).size).toBe(0);
    // Each user's cycle is 15 ms: one user sends about 100 / 15 requests in the first 100 ms.
    expect(sent.filter(([at]) => at < 100)).toHaveLength(6);
  });
});
