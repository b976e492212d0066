/**
 * A rolling update checked against what Kubernetes promises: with maxUnavailable 0 and enough
 * capacity, every old pod keeps serving until its replacement is ready and then drains what it
 * holds, so no request is lost, under every mesh whose proxies learn the endpoints (and none).
 */

import { parseScenario } from "../scenario/index.js";
import { runScenario, type ExecuteOptions, type RunPlan } from "../runner/index.js";
import type { ValidationRow } from "./validation-row.js";

/** The meshes checked: no mesh (kube-proxy), Envoy sidecars, linkerd2-proxy. */
const MESHES = ["none", "istio", "linkerd2"];

/**
 * Simulates a service rolled out with maxSurge 1, maxUnavailable 0 at a third of its capacity and
 * returns one row per mesh: requests lost (expected 0, tolerance 0).
 * @example (await runRolloutChecks({ workers: 1 })).every((row) => row.pass)
 */
export async function runRolloutChecks(options: ExecuteOptions = {}): Promise<ValidationRow[]> {
  const scenario = parseScenario(
    "theory:rollout",
    {
      name: "rollout",
      cluster: { nodes: 3 },
      services: [
        { name: "web", replicas: 2, concurrency: 16, serviceTime: { type: "exponential", meanMs: 1 } },
        // 3 pods of 8 workers at 2 ms: 12,000 calls/s, while the load offers 1000/s.
        { name: "api", replicas: 3, concurrency: 8, serviceTime: { type: "exponential", meanMs: 2 } },
      ],
      requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
      load: { type: "open", ratePerSec: 1000, durationS: 30, warmupS: 1, client: { meshed: true } },
      timeline: [{ atS: 2, rollout: { service: "api", maxSurge: 1, maxUnavailable: 0 } }],
    },
    "",
  );
  const plan: RunPlan = { scenario, meshes: MESHES, mtls: "permissive", rates: [1000], durationS: 30, warmupS: 1, intervalS: 1, replications: 1, seed: 1 };
  const { runs } = await runScenario(plan, options);
  return runs.map((run) => {
    const lost = run.requests.failed;
    return {
      group: "timeline",
      check: `rollout maxSurge 1, maxUnavailable 0, 3 pods at 8% load (${run.mesh})`,
      metric: "lost",
      basis: "Kubernetes: with maxUnavailable 0 an old pod serves until its replacement is ready, then drains: no request lost",
      predicted: lost,
      expected: 0,
      errorPct: lost === 0 ? 0 : 100,
      tolerancePct: 0,
      pass: lost === 0,
    };
  });
}
