/**
 * runningResources: the deployment's fixed costs weighed over the stretches of a window by the pods
 * bound in each, as an autoscaled run is charged.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { staticResources } from "../../../src/mesh/index.js";
import { meshOfTask } from "../../../src/runner/index.js";
import { runningResources } from "../../../src/runner/replication/running-resources.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const scenario = parseScenario(
  "api.yaml",
  {
    name: "api",
    services: [
      { name: "web", replicas: 2, serviceTime: { type: "constant", valueMs: 1 } },
      { name: "api", replicas: 2, serviceTime: { type: "constant", valueMs: 1 }, resources: { cpuRequest: 0.5 }, autoscaling: { minReplicas: 2, maxReplicas: 8, targetCpuUtilization: 60 } },
    ],
    requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
    load: { type: "open", ratePerSec: 10 },
  },
  "",
);
const istio = loadMeshProfile("istio");
const { mesh } = meshOfTask(istio, scenario, undefined);
const withApi = (replicas: number) => staticResources({ ...scenario.topology, services: scenario.topology.services.map((service) => (service.name === "api" ? { ...service, replicas } : service)) }, istio, mesh, false);

describe("runningResources", () => {
  it("weighs memory, idle CPU, requests and control-plane memory by each stretch's length; proxies is the most at once", () => {
    const costed = runningResources(scenario.topology, istio, mesh, false, [
      { durationMs: 1000, pods: [2, 2] },
      { durationMs: 3000, pods: [2, 6] },
    ]);
    const [two, six] = [withApi(2), withApi(6)];
    expect(costed.dataPlaneMemoryMb).toBeCloseTo(0.25 * two.dataPlaneMemoryMb + 0.75 * six.dataPlaneMemoryMb, 9);
    expect(costed.dataPlaneIdleVcpu).toBeCloseTo(0.25 * two.dataPlaneIdleVcpu + 0.75 * six.dataPlaneIdleVcpu, 9);
    expect(costed.dataPlaneRequested.vcpu).toBeCloseTo(0.25 * two.dataPlaneRequested.vcpu + 0.75 * six.dataPlaneRequested.vcpu, 9);
    expect(costed.controlPlane.memoryMb).toBeCloseTo(0.25 * two.controlPlane.memoryMb + 0.75 * six.controlPlane.memoryMb, 9);
    expect(costed.proxies).toBe(six.proxies);
    expect(costed.meanProxies).toBeCloseTo(0.25 * two.proxies + 0.75 * six.proxies, 9);
    // Fewer pods than maxReplicas cost less than the 8 compiled.
    expect(costed.dataPlaneMemoryMb).toBeLessThan(withApi(8).dataPlaneMemoryMb);
  });

  it("costs one unchanging stretch exactly as the deployment with those pods", () => {
    const costed = runningResources(scenario.topology, istio, mesh, false, [{ durationMs: 5000, pods: [2, 2] }]);
    const { meanProxies, ...fixed } = costed;
    expect(fixed).toEqual(withApi(2));
    expect(meanProxies).toBe(withApi(2).proxies);
  });
});
