import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/index.js";
import { Station } from "../../src/queueing/index.js";

/** A station with constant service times and a log of (job, time served). */
function makeStation(workers: number, serviceMs: number, holdsWorker = false) {
  const sim = new Simulation();
  const served: Array<[number, number]> = [];
  const station = new Station(sim, {
    name: "s",
    workers,
    serviceTime: () => serviceMs,
    onServed: (job) => served.push([job, sim.now]),
    holdsWorker,
  });
  return { sim, station, served };
}

describe("Station", () => {
  it("serves up to `workers` jobs at once and queues the rest in FIFO order", () => {
    const { sim, station, served } = makeStation(2, 10);
    const arrive = sim.on("arrive", (job) => station.arrive(job));
    for (let job = 0; job < 5; job++) sim.schedule(0, arrive, job);
    sim.run();
    expect(served).toEqual([
      [0, 10],
      [1, 10],
      [2, 20],
      [3, 20],
      [4, 30],
    ]);
  });

  it("stats() reports visits, waits, service and utilisation over the window", () => {
    const { sim, station } = makeStation(1, 2);
    const arrive = sim.on("arrive", (job) => station.arrive(job));
    sim.schedule(0, arrive, 1);
    sim.schedule(1, arrive, 2);
    sim.run(10);
    const stats = station.stats();
    expect(stats.visits).toBe(2);
    expect(stats.waitMs).toBe(1);
    expect(stats.serviceMs).toBe(4);
    expect(stats.busyWorkerMs).toBe(4);
    expect(stats.windowMs).toBe(10);
  });

  it("freezeUtilization() ends the utilisation window while visits keep counting", () => {
    const { sim, station } = makeStation(1, 4);
    const arrive = sim.on("arrive", (job) => station.arrive(job));
    const freeze = sim.on("freeze", () => station.freezeUtilization());
    sim.schedule(0, arrive, 1);
    sim.schedule(2, freeze, 0, 0);
    sim.run();
    const stats = station.stats();
    expect(stats.windowMs).toBe(2);
    expect(stats.busyWorkerMs).toBe(2);
    expect(stats.visits).toBe(1);
  });

  it("work that starts after freezeUtilization() (the drain) is not counted", () => {
    const { sim, station } = makeStation(1, 4);
    const arrive = sim.on("arrive", (job) => station.arrive(job));
    const freeze = sim.on("freeze", () => station.freezeUtilization());
    sim.schedule(0, arrive, 1);
    sim.schedule(1, arrive, 2);
    sim.schedule(2, freeze, 0, 0);
    sim.run();
    // Job 2 waits until t=4, after the window closed at t=2: its visit, wait and work are the drain's.
    const stats = station.stats();
    expect(stats.visits).toBe(1);
    expect(stats.serviceMs).toBe(4);
    expect(stats.workerMs).toBe(4);
    expect(stats.waitMs).toBe(0);
  });

  it("a holdsWorker station keeps the worker after service until release()", () => {
    const { sim, station, served } = makeStation(1, 1, true);
    const arrive = sim.on("arrive", (job) => station.arrive(job));
    const release = sim.on("release", () => station.release());
    sim.schedule(0, arrive, 1);
    sim.schedule(0, arrive, 2);
    sim.schedule(5, release, 0);
    sim.run();
    // Job 2 waits for the release at t=5, not for job 1's service end at t=1.
    expect(served).toEqual([
      [1, 1],
      [2, 6],
    ]);
    expect(station.busyWorkers).toBe(1);
  });

  it.each([
    ["longer", 4, [[1, 1], [2, 5]], 8],
    ["shorter", 0.5, [[1, 1], [2, 1.5]], 1],
  ])("a %s workerTime decouples the worker from the job's service time", (_what, workerMs, expected, busy) => {
    for (const given of ["samplers", "times"]) {
      const sim = new Simulation();
      const served: Array<[number, number]> = [];
      // The same times as samplers, or drawn together into fields (JobTimes).
      const times = given === "times" ? { times: { draw: () => {}, serviceMs: 1, workerMs: workerMs as number } } : { serviceTime: () => 1, workerTime: () => workerMs as number };
      const station = new Station(sim, { name: "proxy", workers: 1, ...times, onServed: (job) => served.push([job, sim.now]) });
      const arrive = sim.on("arrive", (job) => station.arrive(job));
      sim.schedule(0, arrive, 1);
      sim.schedule(0, arrive, 2);
      sim.run();
      // Longer: job 1 leaves at 1 but the worker is busy until 4, so job 2 leaves at 5.
      // Shorter: the worker is free at 0.5, so job 2 starts then and leaves at 1.5.
      expect(served).toEqual(expected);
      const stats = station.stats();
      expect(stats.serviceMs).toBe(2);
      expect(stats.workerMs).toBe(2 * (workerMs as number));
      expect(stats.busyWorkerMs).toBe(busy);
    }
  });

  it("takes either serviceTime (with or without workerTime) or times, not both nor neither", () => {
    const sim = new Simulation();
    const times = { draw: () => {}, serviceMs: 1, workerMs: 1 };
    const message = "station p: give either serviceTime (and optionally workerTime) or times";
    expect(() => new Station(sim, { name: "p", workers: 1, onServed: () => {} })).toThrow(message);
    expect(() => new Station(sim, { name: "p", workers: 1, times, serviceTime: () => 1, onServed: () => {} })).toThrow(message);
    expect(() => new Station(sim, { name: "p", workers: 1, times, workerTime: () => 1, onServed: () => {} })).toThrow(message);
    expect(() => new Station(sim, { name: "p", workers: 1, times, holdsWorker: true, onServed: () => {} })).toThrow("station p: workerTime and holdsWorker cannot be combined");
  });

  it("rejects a worker count that is not a positive integer", () => {
    const sim = new Simulation();
    expect(() => new Station(sim, { name: "web", workers: 0, serviceTime: () => 1, onServed: () => {} })).toThrow(
      "station web: workers must be a positive integer, got 0",
    );
  });
});
