/**
 * The node CPU model checked against theory, through the whole simulator: processor sharing on
 * one core (M/M/1-PS), several stations saturating a node's cores, a container held to its CPU
 * limit by CFS bandwidth control, and a service that only waits using no core. Each is a small
 * scenario on a node with declared cores, its answer known in closed form.
 */

import { parseScenario } from "../scenario/index.js";
import type { TheoryCheck } from "./theory-checks.js";

/** Means and throughputs within 1%, as the other theory checks. */
const TOLERANCE_PCT = 1;

/**
 * The checks other than M/M/1-PS are deterministic once saturated (no sampling error: only the
 * requests in flight at the window's edges): a tenth of the requests do.
 */
const DETERMINISTIC_SHARE = 0.1;

/**
 * The node checks: M/M/1-PS sized to about `requestsPerCheck` simulated requests, the
 * deterministic ones to a tenth of it.
 * @example nodeTheoryChecks(1e6).map((check) => check.name)
 */
export function nodeTheoryChecks(requestsPerCheck: number): TheoryCheck[] {
  const checks: TheoryCheck[] = [];
  {
    // One core, many workers: the core is shared equally by every request in service.
    const demandMs = 1;
    const rho = 0.8;
    const ratePerSec = (rho / demandMs) * 1000;
    const durationS = requestsPerCheck / ratePerSec;
    checks.push({
      name: "M/M/1-PS on one core",
      basis: "processor sharing: mean sojourn (1/mu) / (1 - rho)",
      ratePerSec,
      scenario: nodeScenario("mm1-ps", 1, [{ name: "server", serviceTime: { type: "exponential", meanMs: demandMs }, concurrency: 10_000 }], open(ratePerSec, durationS)),
      // Processor sharing leaves the number in system the M/M/1 birth-death process, so the
      // mean's variance per request is M/M/1's (see theory-checks.ts; 2071 ms² measured for PS).
      figures: [{ metric: "mean", expected: demandMs / (1 - rho), tolerancePct: TOLERANCE_PCT, variancePerRequest: 2120 }],
    });
  }
  {
    // Two services of 8 workers each on a 2-core node, 32 users with no think time: all 16
    // threads runnable at once, each at 2/16 of a core, so the node serves cores / demand.
    const demandMs = 1;
    const cores = 2;
    const throughputPerSec = (cores / demandMs) * 1000;
    const durationS = (DETERMINISTIC_SHARE * requestsPerCheck) / throughputPerSec;
    checks.push({
      name: "2 cores shared by 2 saturated services",
      basis: "saturated processor sharing: throughput = cores / CPU per request",
      ratePerSec: 0,
      scenario: nodeScenario(
        "shared-cores",
        cores,
        [
          { name: "first", serviceTime: { type: "constant", valueMs: demandMs }, concurrency: 8 },
          { name: "second", serviceTime: { type: "constant", valueMs: demandMs }, concurrency: 8 },
        ],
        closed(32, durationS),
      ),
      figures: [{ metric: "throughputPerSec", expected: throughputPerSec, tolerancePct: TOLERANCE_PCT, variancePerRequest: 0 }],
    });
  }
  {
    // A container limited to 0.5 vCPU on an otherwise idle 4-core node, saturated: CFS gives
    // it 50 ms of CPU in every 100 ms period, so it serves 0.5 / demand.
    const demandMs = 1;
    const limit = 0.5;
    const throughputPerSec = (limit / demandMs) * 1000;
    const durationS = (DETERMINISTIC_SHARE * requestsPerCheck) / throughputPerSec;
    checks.push({
      name: "a container limited to 0.5 vCPU",
      basis: "CFS bandwidth control: quota 0.5 x 100 ms per period, so 0.5 vCPU over time",
      ratePerSec: 0,
      scenario: nodeScenario(
        "cpu-limit",
        4,
        [{ name: "limited", serviceTime: { type: "constant", valueMs: demandMs }, concurrency: 4, resources: { cpuLimit: limit } }],
        closed(8, durationS),
      ),
      figures: [{ metric: "throughputPerSec", expected: throughputPerSec, tolerancePct: TOLERANCE_PCT, variancePerRequest: 0 }],
    });
  }
  {
    // A service that only waits (cpuShare 0) at twice the node's cores' worth of service time:
    // no core is used, so nothing slows and every request takes its service time.
    const serviceMs = 5;
    const ratePerSec = 400;
    const durationS = (DETERMINISTIC_SHARE * requestsPerCheck) / ratePerSec;
    checks.push({
      name: "a waiting service (cpuShare 0) on one core",
      basis: "no CPU demand: the sojourn is the service time, however busy the service",
      ratePerSec,
      scenario: nodeScenario("waiting", 1, [{ name: "sleeper", serviceTime: { type: "constant", valueMs: serviceMs }, concurrency: 10_000, cpuShare: 0 }], open(ratePerSec, durationS)),
      figures: [{ metric: "mean", expected: serviceMs, tolerancePct: TOLERANCE_PCT, variancePerRequest: 0 }],
    });
  }
  return checks;
}

// --- internal ---

function open(ratePerSec: number, durationS: number): Record<string, unknown> {
  return { type: "open", ratePerSec, durationS, warmupS: Math.min(10, durationS / 100) };
}

function closed(users: number, durationS: number): Record<string, unknown> {
  return { type: "closed", connections: users, thinkTime: { type: "constant", valueMs: 0 }, durationS, warmupS: Math.min(10, durationS / 100) };
}

/**
 * Services on node 0 of a two-node cluster whose nodes have `cores`; the load generator runs
 * on node 1 with no CPU of its own, and the network takes no time.
 */
function nodeScenario(name: string, cores: number, services: Array<Record<string, unknown> & { name: string }>, load: Record<string, unknown>) {
  const document = {
    name,
    cluster: { nodes: 2, vcpuPerNode: cores, memoryGbPerNode: 16, network: { sameNodeRttMs: 0, crossNodeRttMs: 0 } },
    services: services.map((service) => ({ ...service, nodes: [0] })),
    requestTypes: services.map((service) => ({ name: service.name, entry: service.name })),
    load: { ...load, requestBytes: 0, responseBytes: 0, client: { node: 1, meshed: false, cpuMsPerRequest: 0 } },
  };
  return parseScenario(`theory:${name}`, document, "");
}
