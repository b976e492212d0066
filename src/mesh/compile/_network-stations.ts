/**
 * The queueing stations a ServiceNetwork is made of, one factory per kind: an app replica, a
 * proxy instance, an in-kernel hook and an in-kernel crypto step. A factory only builds the
 * station; the network gives it its CPU place and registers it.
 */

import type { Simulation } from "../../engine/index.js";
import { PlannedStation, Station, type JobTimes, type QueueStation } from "../../queueing/index.js";
import { createSampler, type Rng } from "../../random/index.js";
import type { ProxyCost, Service } from "../model/index.js";
import type { CpuPlace } from "./node-cpus.js";
import type { NetworkCallbacks } from "./network-callbacks.js";

/** Concurrency of an in-kernel hook: effectively unbounded (an infinite-server delay). */
const KERNEL_CONCURRENCY = 1_000_000;

/**
 * The service time of a service's app replicas, drawn from `rng` (one stream for all of them).
 * With `appStarted`, each draw first tells it the job's app work begins.
 */
export function createAppSampler(service: Service, rng: Rng, appStarted: NetworkCallbacks["appStarted"]): (job: number) => number {
  const drawn = createSampler(service.serviceTime, rng);
  // A station samples a job's service time as the job starts, so the sampler can tell a trace
  // when the app began; without traces the plain sampler runs, at no cost.
  return appStarted === undefined
    ? drawn
    : (job) => {
        appStarted(job);
        return drawn();
      };
}

/** One app replica of `service`, its service time `sample` scaled by `slowdown` (1: as drawn). */
export function createAppStation(
  sim: Simulation,
  name: string,
  service: Service,
  sample: (job: number) => number,
  slowdown: number,
  cpu: CpuPlace | undefined,
  callbacks: NetworkCallbacks,
): Station {
  return new Station(sim, {
    name,
    workers: service.concurrency,
    // A slow replica draws from the service's stream like the others, scaled.
    serviceTime: slowdown === 1 ? sample : (job: number) => slowdown * sample(job),
    onServed: callbacks.appServed,
    holdsWorker: service.holdWorker,
    cpuShare: service.cpuShare,
    cpu,
  });
}

/**
 * One proxy instance costed by `cost`, its passes timed by `times`; on a node with cores a
 * Station that shares them, else a PlannedStation.
 */
export function createProxyStation(sim: Simulation, name: string, cost: ProxyCost, times: JobTimes, cpu: CpuPlace | undefined, callbacks: NetworkCallbacks): QueueStation {
  const onServed = callbacks.stepServed;
  // A proxy draws from its own stream, and a pass's facts are fixed when its call opens, so
  // without a node to share its plan at arrival holds.
  return cpu === undefined
    ? new PlannedStation(sim, { name, workers: cost.workers, times, onServed, departsAt: callbacks.stepDepartsAt })
    : new Station(sim, { name, workers: cost.workers, times, onServed, cpu });
}

/** An in-kernel hook that takes `ms` per visit. */
export function createKernelHookStation(sim: Simulation, name: string, ms: number, cpu: CpuPlace | undefined, callbacks: NetworkCallbacks): Station {
  // Kernel work runs in softirq context on every core; it does not queue behind a thread.
  return new Station(sim, {
    name,
    workers: KERNEL_CONCURRENCY,
    serviceTime: () => ms,
    onServed: callbacks.stepServed,
    cpu,
  });
}

/** An in-kernel step that encrypts or decrypts each pass's payload, plus `latencyMsPerPass` that holds no CPU. */
export function createKernelCryptoStation(
  sim: Simulation,
  name: string,
  latencyMsPerPass: number,
  cpu: CpuPlace | undefined,
  callbacks: NetworkCallbacks,
): Station {
  // As a kernel hook: no queue. The pass's payload sets the CPU; the latency holds none.
  const pass = callbacks.pass;
  return new Station(sim, {
    name,
    workers: KERNEL_CONCURRENCY,
    serviceTime: (job) => pass.encryptionCpuMsOf(job) + latencyMsPerPass,
    workerTime: (job) => pass.encryptionCpuMsOf(job),
    onServed: callbacks.stepServed,
    cpu,
  });
}
