/**
 * The autoscaler checked against the HorizontalPodAutoscaler's formula: a steady load held long
 * enough for every sync, scale-up and scale-down stabilisation window to pass, after which the
 * replica count must be desiredReplicas = ceil(currentReplicas x currentUtilization / target),
 * worked out here from the offered CPU (the app's, plus the sidecar's per request from the mesh
 * profile) against the pod's CPU request (the app's plus the sidecar's), and left unchanged while
 * utilisation / target is within the HPA's tolerance.
 */

import { DEFAULT_POD_STARTUP_S, HPA_SCALE_DOWN_WINDOW_MS, HPA_SYNC_PERIOD_MS, HPA_TOLERANCE } from "../cluster/index.js";
import { resourcesOf } from "../mesh/index.js";
import { loadMeshProfile, parseScenario } from "../scenario/index.js";
import { round, runScenario, type ExecuteOptions, type RunPlan } from "../runner/index.js";
import type { ValidationRow } from "./validation-row.js";

/** No mesh, and Envoy sidecars whose CPU and request count in the pod's. */
const MESHES = ["none", "istio"];
/** The service: constant CPU per request and evenly spaced arrivals, so each sync reads the offered CPU. */
const CPU_MS = 4;
const REQUEST_VCPU = 0.25;
const TARGET_PERCENT = 70;
const START_REPLICAS = 4;
const MIN_REPLICAS = 1;
const MAX_REPLICAS = 20;
/**
 * Offered loads, requests/s: one that scales up, one within the tolerance of the starting count
 * (without a mesh), one that scales down. Each lands within one step of the default scale-up
 * policy (double, or 4 pods more) and 1.4% or more away from the tolerance's edges and ceil's
 * steps; under Istio each count would be one lower without the sidecar's CPU per request (4.9%
 * of the app's), so the rows fail if the autoscaler missed it.
 */
const RATES = [300, 180, 60];

/**
 * Runs the service at each rate under each mesh for the scale-down stabilisation window plus
 * a few syncs and returns one row per run: the replicas at the end against the formula's count
 * (tolerance 0: a replica count is exact).
 * @example (await runAutoscalingChecks({ workers: 1 })).every((row) => row.pass)
 */
export async function runAutoscalingChecks(options: ExecuteOptions = {}): Promise<ValidationRow[]> {
  // Long enough for a scale-down (its window, then the sync that acts) and the pods' start-up after the last scale-up.
  const durationS = (HPA_SCALE_DOWN_WINDOW_MS + 3 * HPA_SYNC_PERIOD_MS) / 1000 + DEFAULT_POD_STARTUP_S;
  const scenario = parseScenario(
    "theory:autoscaling",
    {
      name: "autoscaling",
      cluster: { nodes: 2 },
      services: [
        {
          name: "api",
          replicas: START_REPLICAS,
          concurrency: 4,
          serviceTime: { type: "constant", valueMs: CPU_MS },
          resources: { cpuRequest: REQUEST_VCPU },
          autoscaling: { minReplicas: MIN_REPLICAS, maxReplicas: MAX_REPLICAS, targetCpuUtilization: TARGET_PERCENT },
        },
      ],
      requestTypes: [{ name: "get", entry: "api" }],
      load: { type: "open", ratePerSec: RATES[0], durationS, warmupS: 0, arrival: "uniform", requestBytes: 0, responseBytes: 0 },
    },
    "",
  );
  // mTLS off and empty payloads: the sidecar's CPU per call is the profile's per request alone (no handshakes, encryption or bytes).
  const plan: RunPlan = { scenario, meshes: MESHES, mtls: "off", rates: RATES, durationS, warmupS: 0, intervalS: 1, replications: 1, seed: 1 };
  const { runs } = await runScenario(plan, options);
  return runs.map((run) => {
    const profile = loadMeshProfile(run.mesh);
    const sidecar = profile.architecture === "sidecar" ? profile.dataPlane?.proxy : undefined;
    // A call into the api passes its sidecar twice (request and response): the profile's CPU per request in all.
    const cpuMsPerRequest = CPU_MS + (sidecar?.cpuMsPerRequest.http1 ?? 0);
    const podRequestVcpu = REQUEST_VCPU + (resourcesOf(sidecar?.resources)?.cpuRequest ?? 0);
    const offeredVcpu = (run.rps * cpuMsPerRequest) / 1000;
    const expected = formulaReplicas(START_REPLICAS, offeredVcpu, podRequestVcpu);
    const timeline = run.timeline ?? [];
    const settled = timeline[timeline.length - 1]?.replicas?.api ?? NaN;
    const utilizationPct = Math.round((offeredVcpu / (START_REPLICAS * podRequestVcpu)) * 1000) / 10;
    const perPod = `${round(podRequestVcpu)} vCPU requested`;
    return {
      group: "autoscaling",
      check: `${run.rps}/s on ${START_REPLICAS} pods of ${perPod}: CPU ${utilizationPct}% of requests, target ${TARGET_PERCENT}% (${run.mesh})`,
      metric: "replicas",
      basis: `HPA: ceil(replicas x utilization / target) of the offered CPU (app + sidecar per request, against app + sidecar requests); none while within ${HPA_TOLERANCE}`,
      predicted: settled,
      expected,
      errorPct: Math.round(((settled - expected) / expected) * 1e4) / 100,
      tolerancePct: 0,
      pass: settled === expected,
    };
  });
}

// --- internal ---

/**
 * The count the HorizontalPodAutoscaler's formula gives for a steady `offeredVcpu`, from
 * `replicas` pods of `podRequestVcpu` each: unchanged while utilisation / target is within the
 * tolerance, else ceil(replicas x utilisation / target) = ceil(offered / (request x target)), within min and max.
 */
function formulaReplicas(replicas: number, offeredVcpu: number, podRequestVcpu: number): number {
  const target = TARGET_PERCENT / 100;
  const ratio = offeredVcpu / (replicas * podRequestVcpu) / target;
  if (Math.abs(1 - ratio) <= HPA_TOLERANCE) return replicas;
  return Math.min(MAX_REPLICAS, Math.max(MIN_REPLICAS, Math.ceil(replicas * ratio)));
}
