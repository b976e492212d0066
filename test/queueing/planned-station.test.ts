import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/index.js";
import { PlannedStation, Station, type JobTimes, type QueueStation } from "../../src/queueing/index.js";
import { createRng, createSampler } from "../../src/random/index.js";

/** Proxy-like passes: a lognormal path on the worker, and more worker time after it. */
function passTimes(seed: number): JobTimes {
  const path = createSampler({ type: "lognormal", meanMs: 1, cv: 0.8 }, createRng(seed, "path"));
  const extra = createSampler({ type: "exponential", meanMs: 0.5 }, createRng(seed, "extra"));
  const times = {
    serviceMs: 0,
    workerMs: 0,
    draw: () => {
      times.serviceMs = path();
      times.workerMs = times.serviceMs + extra();
    },
  };
  return times;
}

/** The same passes as a Station asks for them: the service time, then the worker time. */
function passSamplers(seed: number) {
  const times = passTimes(seed);
  return {
    serviceTime: () => {
      times.draw(0);
      return times.serviceMs;
    },
    workerTime: () => times.workerMs,
  };
}

/** Fixed times. */
function fixedTimes(serviceMs: number, workerMs: number): JobTimes {
  return { draw: () => {}, serviceMs, workerMs };
}

/**
 * Poisson arrivals through `build`'s station, with a window from `fromMs` to `toMs` and a log of
 * (job, time served).
 */
function runPasses(build: (sim: Simulation, onServed: (job: number) => void) => QueueStation, fromMs: number, toMs: number) {
  const sim = new Simulation();
  const served: Array<[number, number]> = [];
  const station = build(sim, (job) => served.push([job, sim.now]));
  const gap = createSampler({ type: "exponential", meanMs: 0.7 }, createRng(9, "arrivals"));
  let sent = 0;
  const arrive = sim.on("arrive", () => {
    station.arrive(sent++);
    if (sim.now < toMs + 50) sim.schedule(gap(), arrive, 0);
  });
  sim.schedule(0, arrive, 0);
  sim.schedule(fromMs, sim.on("reset", () => station.resetStats()), 0);
  sim.schedule(toMs, sim.on("freeze", () => station.freezeUtilization()), 0);
  sim.run();
  return { served, stats: station.stats(), queueLength: station.queueLength };
}

describe("PlannedStation", () => {
  it("serves exactly as a Station with the same draws: same departures, same counters, utilisation to rounding", () => {
    for (const workers of [1, 2, 4]) {
      const planned = runPasses((sim, onServed) => new PlannedStation(sim, { name: "p", workers, onServed, times: passTimes(workers) }), 200, 3000);
      const station = runPasses((sim, onServed) => new Station(sim, { name: "s", workers, onServed, ...passSamplers(workers) }), 200, 3000);
      expect(planned.served.length).toBeGreaterThan(4000);
      expect(planned.served).toEqual(station.served);
      const { busyWorkerMs, ...counters } = planned.stats;
      const { busyWorkerMs: stationBusy, ...stationCounters } = station.stats;
      expect(counters).toEqual(stationCounters);
      expect(Math.abs(busyWorkerMs - stationBusy)).toBeLessThan(1e-9 * stationBusy);
      // At ~0.7 ms between arrivals and ~1.5 ms of worker time, one worker is overloaded: the
      // check covers jobs that wait across both window edges.
      if (workers === 1) expect(counters.waitMs / counters.visits).toBeGreaterThan(100);
    }
  });

  it("a job waits for the earliest free worker; queueLength counts those not started yet", () => {
    const sim = new Simulation();
    const served: Array<[number, number]> = [];
    const times = {
      serviceMs: 1,
      workerMs: 0,
      draw: (job: number) => {
        times.workerMs = job === 0 ? 5 : 3;
      },
    };
    const station = new PlannedStation(sim, {
      name: "p",
      workers: 2,
      times,
      onServed: (job) => served.push([job, sim.now]),
    });
    for (let job = 0; job < 4; job++) station.arrive(job);
    // Workers free at 5 and 3: job 2 starts at 3 (free at 6), job 3 at 5.
    expect(station.queueLength).toBe(2);
    sim.run(4);
    expect(station.queueLength).toBe(1);
    sim.run();
    expect(served).toEqual([
      [0, 1],
      [1, 1],
      [2, 4],
      [3, 6],
    ]);
    expect(station.stats().waitMs).toBe(3 + 5);
  });

  it("with departsAt, each job's departure is told at its arrival, at the time onServed would have run, and no served event is scheduled", () => {
    const withEvents = runPasses((sim, onServed) => new PlannedStation(sim, { name: "p", workers: 2, onServed, times: passTimes(2) }), 200, 3000);
    const sim = new Simulation();
    const told: Array<[number, number]> = [];
    const station = new PlannedStation(sim, {
      name: "p",
      workers: 2,
      times: passTimes(2),
      onServed: () => {
        throw new Error("no served event with departsAt");
      },
      departsAt: (job, from) => {
        expect(from).toBe(station);
        expect(from.departureMs).toBeGreaterThanOrEqual(sim.now);
        told.push([job, from.departureMs]);
      },
    });
    const gap = createSampler({ type: "exponential", meanMs: 0.7 }, createRng(9, "arrivals"));
    let sent = 0;
    const arrive = sim.on("arrive", () => {
      station.arrive(sent++);
      if (sim.now < 3050) sim.schedule(gap(), arrive, 0);
    });
    sim.schedule(0, arrive, 0);
    sim.run();
    expect(told.length).toBe(withEvents.served.length);
    expect([...told].sort((a, b) => a[1] - b[1] || a[0] - b[0])).toEqual([...withEvents.served].sort((a, b) => a[1] - b[1] || a[0] - b[0]));
  });

  it("release() is refused: a planned station never holds a worker for its caller", () => {
    const station = new PlannedStation(new Simulation(), { name: "p", workers: 1, times: fixedTimes(1, 1), onServed: () => {} });
    expect(() => station.release()).toThrow("station p: a planned station holds no worker to release");
  });

  it("rejects a worker count that is not a positive integer", () => {
    const options = { name: "p", times: fixedTimes(1, 1), onServed: () => {} };
    expect(() => new PlannedStation(new Simulation(), { ...options, workers: 0 })).toThrow("station p: workers must be a positive integer, got 0");
  });
});
