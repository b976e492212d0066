/**
 * A short seeded run of a built-in scenario reduced to the figures a reviewer reads: request
 * counts, latency percentiles and per-hop means. Snapshots of these catch any change in what
 * the simulator predicts; a deliberate model change updates them (vitest -u) in its own commit.
 */

import { runScenario } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";

export async function goldenSummary(name: string) {
  const scenario = loadScenario(name);
  const document = await runScenario(
    {
      scenario,
      meshes: ["none"],
      mtls: "off",
      rates: [scenario.load.ratePerSec],
      durationS: 5,
      warmupS: 1,
      replications: 2,
      seed: 42,
    },
    { workers: 1 },
  );
  const run = document.runs[0];
  return {
    scenario: document.scenario,
    requests: run.requests,
    latencyMs: run.latencyMs,
    hops: run.hops.map((hop) => ({ station: hop.station, meanMs: hop.meanMs, utilization: hop.utilization })),
  };
}
