/**
 * The benchmark's M/M/1 on the simulator's core alone: the event queue (Simulation), one Station,
 * the seeded exponential samplers and a latency histogram, wired by hand with no scenario, no
 * request flow and no runner. It is what any M/M/1 through `runReplication` could reach if the
 * layers above the core cost nothing, so the gate's `mm1` against `mm1-core` says how much of a
 * request's time those layers take, and `mm1-core` alone guards the core against drift.
 */

import { Simulation } from "../src/engine/index.js";
import { Station } from "../src/queueing/index.js";
import { createRng, randomExponential } from "../src/random/index.js";
import { LatencyHistogram } from "../src/stats/index.js";
import { MM1_RATE_PER_SEC } from "./mm1-scenario.js";

/** Mean service time of mm1-scenario.ts's server, ms. */
const SERVICE_MEAN_MS = 1;

/** Send times of the jobs in flight, a ring far larger than an M/M/1 at utilisation 0.8 ever holds. */
const RING = 1 << 16;

/**
 * Simulates `requests` requests of the M/M/1 queue and returns their histogram.
 * @throws RangeError when more jobs are in flight than the ring holds (a queue that never drains)
 * @example runCoreMm1(1000, 1).count // 1000
 */
export function runCoreMm1(requests: number, seed: number): LatencyHistogram {
  const sim = new Simulation();
  const interarrival = randomExponential(createRng(seed, "arrivals"), 1000 / MM1_RATE_PER_SEC);
  const service = randomExponential(createRng(seed, "service"), SERVICE_MEAN_MS);
  const latencies = new LatencyHistogram();
  const sentAt = new Float64Array(RING);
  let sent = 0;
  let done = 0;
  const server = new Station(sim, {
    name: "server",
    workers: 1,
    serviceTime: () => service(),
    onServed: (job) => {
      latencies.record(sim.now - sentAt[job]);
      done++;
    },
  });
  const arrival = sim.on("arrival", () => {
    if (sent - done >= RING) throw new RangeError(`more than ${RING} jobs in flight`);
    const job = sent++ % RING;
    sentAt[job] = sim.now;
    server.arrive(job);
    if (sent < requests) sim.schedule(interarrival(), arrival, 0);
  });
  sim.schedule(0, arrival, 0);
  sim.run();
  return latencies;
}
