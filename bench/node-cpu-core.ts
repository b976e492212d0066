/**
 * A node's CPU alone: Poisson jobs on one NodeCpu of 2 cores, spread over three containers (no
 * limits), each asking an exponential CPU time, and every other job going on for a second
 * exponential part on the same thread (`runMore`, as a proxy finishes its pass after
 * forwarding). No stations, no flow, no runner: what the processor sharing itself costs a job
 * (its heap, its timer, the engine's timer heap), which is most of what declaring machines adds
 * to a meshed request. `speed-case.ts --case node-cpu-core` times it beside the reference loop.
 */

import { Simulation } from "../src/engine/index.js";
import { NodeCpu, type CpuClient, type CpuDemand } from "../src/queueing/index.js";
import { createRng, randomExponential } from "../src/random/index.js";

/** Jobs a millisecond, and their mean CPU times: 1.5 of the 2 cores busy on average. */
const JOBS_PER_MS = 5;
const FIRST_PART_MEAN_MS = 0.25;
const SECOND_PART_MEAN_MS = 0.1;
const CONTAINERS = 3;

/** What a run of `runCoreNodeCpu` did. */
export interface NodeCpuRun {
  /** Jobs whose last part ended. */
  completed: number;
  /** CPU asked for, over every part, ms. */
  demandMs: number;
  /** Summed time from each job's start to its end, ms. */
  sojournMs: number;
}

/**
 * Runs `jobs` jobs through the node, seeded by `seed`.
 * @example runCoreNodeCpu(1000, 1).completed // 1000
 */
export function runCoreNodeCpu(jobs: number, seed: number): NodeCpuRun {
  const sim = new Simulation();
  const cpu = new NodeCpu(sim, { name: "node", cores: 2 });
  const containers = Array.from({ length: CONTAINERS }, (_, index) => cpu.addContainer(`container-${index}`));
  const interarrival = randomExponential(createRng(seed, "arrivals"), 1 / JOBS_PER_MS);
  const firstPart = randomExponential(createRng(seed, "first part"), FIRST_PART_MEAN_MS);
  const secondPart = randomExponential(createRng(seed, "second part"), SECOND_PART_MEAN_MS);
  const startedAt = new Float64Array(jobs);
  const demand: CpuDemand = { demandMs: 0, carryMs: 0 };
  const run: NodeCpuRun = { completed: 0, demandMs: 0, sojournMs: 0 };
  const client: CpuClient = {
    cpuDone(job: number, phase: number): void {
      if (phase === 0 && job % 2 === 1) {
        demand.demandMs = secondPart();
        run.demandMs += demand.demandMs;
        cpu.runMore(demand, 1);
        return;
      }
      run.completed++;
      run.sojournMs += sim.now - startedAt[job];
    },
  };
  let sent = 0;
  const arrival = sim.on("arrival", () => {
    const job = sent++;
    startedAt[job] = sim.now;
    demand.demandMs = firstPart();
    demand.carryMs = 0;
    run.demandMs += demand.demandMs;
    cpu.run(containers[job % CONTAINERS], demand, client, job, 0);
    if (sent < jobs) sim.schedule(interarrival(), arrival, 0);
  });
  sim.schedule(0, arrival, 0);
  sim.run();
  return run;
}
