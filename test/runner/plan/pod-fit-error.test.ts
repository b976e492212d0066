/**
 * A pod that fits on no node is bad input in the house format: one line naming the scenario file
 * and the field to change, then the scheduler's account of the pod and the room left.
 */

import { describe, expect, it } from "vitest";
import { planTasks } from "../../../src/runner/index.js";
import { loadMeshProfile, parseScenario, ScenarioError } from "../../../src/scenario/index.js";

const FILE = "shop.yaml";

/** A one-service scenario on two nodes of `cluster`, with `service` merged into the service. */
function scenarioOf(cluster: Record<string, unknown>, service: Record<string, unknown>, client: Record<string, unknown> = {}) {
  return parseScenario(FILE, {
    name: "fit",
    cluster: { nodes: 2, ...cluster },
    services: [{ name: "a", replicas: 1, serviceTime: { type: "exponential", meanMs: 1 }, ...service }],
    requestTypes: [{ name: "r", entry: "a" }],
    load: { type: "open", ratePerSec: 10, durationS: 1, client },
  }, "0");
}

/** The error planning `scenario` under `mesh` throws (the test fails if it throws nothing). */
function planError(scenario: ReturnType<typeof scenarioOf>, mesh: string): Error {
  try {
    planTasks({ scenario, meshes: [mesh], rates: [10], durationS: 1, warmupS: 0, replications: 1, seed: 1 }, new Map([[mesh, loadMeshProfile(mesh)]]));
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the plan to be refused");
}

const TWO_VCPU = { vcpuPerNode: 2, memoryGbPerNode: 8 };

describe("podFitError (through planTasks)", () => {
  it("regression: a pod too large for any node names the file and services[0].resources.cpuRequest", () => {
    const error = planError(scenarioOf(TWO_VCPU, { resources: { cpuRequest: 4 } }), "none");
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message).toBe(
      "shop.yaml: services[0].resources.cpuRequest asks more than a node holds: pod a-0 (requests 4 vCPU, 0 MB) fits on no node: the most any node has left is 1.93 vCPU, 6.1 GB",
    );
  });

  it("names the mesh when its sidecar tips the pod over", () => {
    const error = planError(scenarioOf(TWO_VCPU, { resources: { cpuRequest: 1.9 } }), "istio");
    expect(error.message).toMatch(/^shop\.yaml: services\[0\]\.resources\.cpuRequest asks more than a node holds under istio: pod a-0 \(requests 2 vCPU, 128 MB with its sidecar\) fits on no node/);
  });

  it("names memoryRequestMb when memory is what does not fit", () => {
    const error = planError(scenarioOf({ machineType: "e2-medium" }, { resources: { memoryRequestMb: 100_000 } }), "none");
    expect(error.message).toMatch(/^shop\.yaml: services\[0\]\.resources\.memoryRequestMb asks more than a node holds: pod a-0 /);
  });

  it("names the machine when a per-node agent alone is too large for it", () => {
    const error = planError(scenarioOf({ vcpuPerNode: 0.2, memoryGbPerNode: 1 }, {}), "istio-ambient");
    expect(error.message).toMatch(/^shop\.yaml: cluster\.vcpuPerNode is too small under istio-ambient: daemon pod ztunnel \(requests 0\.2 vCPU/);
  });

  it("names load.client.node when the pods on the load generator's node leave no room for its sidecar", () => {
    // Node 0's 1.93 vCPU hold a-0 (1.5 vCPU with its sidecar's 100m) and a-1 goes to node 1; the client's sidecar (100m) then fits;
    // with 1.8 vCPU each, a-0 takes node 0 whole.
    expect(() => planError(scenarioOf(TWO_VCPU, { replicas: 2, resources: { cpuRequest: 1.4 } }, { node: 0, meshed: true }), "istio")).toThrow("expected the plan to be refused");
    const error = planError(scenarioOf(TWO_VCPU, { replicas: 2, resources: { cpuRequest: 1.8 } }, { node: 0, meshed: true }), "istio");
    expect(error.message).toMatch(/^shop\.yaml: load\.client\.node leaves no room for the load generator's sidecar under istio: pod load-generator \(requests 0\.1 vCPU, 128 MB of its sidecar\) fits on none of its nodes \(0\)/);
  });

  it("names cluster.nodes when each pod fits a node but not all of them fit the nodes", () => {
    const error = planError(scenarioOf(TWO_VCPU, { replicas: 5, resources: { cpuRequest: 0.9 } }), "none");
    expect(error.message).toMatch(/^shop\.yaml: cluster\.nodes are too few for every pod: pod a-4 \(requests 0\.9 vCPU, 0 MB\) fits on no node/);
  });

  it("names services[0].nodes when the nodes the service may use are full", () => {
    const error = planError(scenarioOf(TWO_VCPU, { replicas: 3, nodes: [0], resources: { cpuRequest: 0.9 } }), "none");
    expect(error.message).toMatch(/^shop\.yaml: services\[0\]\.nodes leave no room: pod a-2 \(requests 0\.9 vCPU, 0 MB\) fits on none of its nodes \(0\)/);
  });
});
