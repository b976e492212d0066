/**
 * The M/M/1 queue as a scenario: one exponential server (mean 1 ms) fed by Poisson arrivals, so
 * the benchmark times the simulator's kernel with as little model around it as a scenario allows.
 */

import { parseScenario, type Scenario } from "../src/scenario/index.js";

/** Arrival rate of the benchmark's M/M/1: utilisation 0.8 with a 1 ms mean service time. */
export const MM1_RATE_PER_SEC = 800;

/**
 * Builds the validated M/M/1 scenario through the same parser a scenario file goes through.
 * @example createMm1Scenario().topology.services.length // 1
 */
export function createMm1Scenario(): Scenario {
  const document = {
    name: "mm1",
    cluster: { nodes: 1, network: { sameNodeRttMs: 0, crossNodeRttMs: 0 } },
    services: [{ name: "server", serviceTime: { type: "exponential", meanMs: 1 } }],
    requestTypes: [{ name: "request", entry: "server" }],
    load: { type: "open", ratePerSec: MM1_RATE_PER_SEC, durationS: 1, warmupS: 0, requestBytes: 0, responseBytes: 0 },
  };
  return parseScenario("bench:mm1", document, "");
}
