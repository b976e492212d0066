import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/index.js";
import { createRng, createSampler } from "../../src/random/index.js";
import { OpenLoop, type RequestSink } from "../../src/workload/index.js";

/** A system that answers every request after a fixed time, recording latency from the intended start. */
function fixedTimeSystem(sim: Simulation, responseMs: number) {
  const latencies: number[] = [];
  const starts: number[] = [];
  let workload: OpenLoop | undefined;
  const done = sim.on("done", (job) => {
    latencies.push(sim.now - starts[job]);
    workload!.requestDone();
  });
  const sink: RequestSink = {
    startRequest: (_type, intendedStartMs) => {
      starts.push(intendedStartMs);
      sim.schedule(responseMs, done, starts.length - 1);
    },
  };
  return { sink, latencies, attach: (w: OpenLoop) => (workload = w) };
}

describe("OpenLoop", () => {
  it("uniform arrivals are evenly spaced and stop before endMs", () => {
    const sim = new Simulation();
    const system = fixedTimeSystem(sim, 1);
    const load = new OpenLoop(sim, system.sink, { interarrival: () => 10, nextRequestType: () => 0, endMs: 100, connections: undefined });
    system.attach(load);
    load.start();
    sim.run();
    expect(system.latencies).toHaveLength(9);
  });

  it("Poisson arrivals reach the asked rate", () => {
    const sim = new Simulation();
    const system = fixedTimeSystem(sim, 1);
    const rng = createRng(7, "arrivals");
    const load = new OpenLoop(sim, system.sink, {
      interarrival: createSampler({ type: "exponential", meanMs: 2 }, rng),
      nextRequestType: () => 0,
      endMs: 200_000,
      connections: undefined,
    });
    system.attach(load);
    load.start();
    sim.run();
    // Poisson count with mean 100,000: 5 standard deviations is ~1,600.
    expect(Math.abs(system.latencies.length - 100_000)).toBeLessThan(1_600);
  });

  it("with too few connections, latency counts from the intended send time (no coordinated omission), and it reports the waits", () => {
    const sim = new Simulation();
    const system = fixedTimeSystem(sim, 10);
    const load = new OpenLoop(sim, system.sink, { interarrival: () => 5, nextRequestType: () => 0, endMs: 26, connections: 1 });
    system.attach(load);
    load.start();
    sim.run();
    // Sent at 5, 10, 15, 20, 25 but served one at a time, 10 ms each: done at 15, 25, 35, 45, 55.
    expect(system.latencies).toEqual([10, 15, 20, 25, 30]);
    // The requests sent at 10, 15, 20 and 25 waited 5, 10, 15 and 20 ms for the connection.
    expect(load.connectionWaits()).toEqual({ connections: 1, granted: 5, waited: 4, waitMs: 50 });
  });

  it("reports no connection waits without fixed connections", () => {
    const load = new OpenLoop(new Simulation(), fixedTimeSystem(new Simulation(), 10).sink, { interarrival: () => 5, nextRequestType: () => 0, endMs: 26, connections: undefined });
    expect(load.connectionWaits()).toBeUndefined();
  });

  it("throws the given overload once more requests wait for a connection than the limit allows", () => {
    const sim = new Simulation();
    const system = fixedTimeSystem(sim, 100);
    const load = new OpenLoop(sim, system.sink, {
      interarrival: () => 1,
      nextRequestType: () => 0,
      endMs: 1000,
      connections: 2,
      waitingLimit: { requests: 3, overload: (nowMs) => new Error(`too many at ${nowMs}`) },
    });
    system.attach(load);
    load.start();
    // Sent at 1, 2, 3, ...: the first two take the connections, the 6th request is the 4th waiting.
    expect(() => sim.run()).toThrow("too many at 6");
  });
});
