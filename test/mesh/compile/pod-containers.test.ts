/**
 * Pods' containers starting and stopping, and nodes lost, on a compiled network with machines: a
 * stopped pod's sidecar burns no idle CPU, a lost node's containers all stop and never start
 * again, and calls to a lost node's pods keep only the steps off it (until podBack).
 */

import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/index.js";
import { loseNodes, podBack, ServiceNetwork, setPodRunning } from "../../../src/mesh/compile/index.js";
import { deriveMeshOptions, type MeshProfile, type ProxyCost } from "../../../src/mesh/index.js";
import { createRng } from "../../../src/random/index.js";
import { parseScenario } from "../../../src/import/index.js";

const PASS: ProxyCost = {
  implementation: "test",
  workers: 1,
  idleVcpu: 0.01,
  pathMsPerPass: { http1: 0.1, http2: 0.1, grpc: 0.1, tcp: 0.1 },
  pathCv: 0,
  cpuMsPerRequest: { http1: 0.1, http2: 0.1, grpc: 0.1, tcp: 0.1 },
  cpuMsPerKiB: 0,
  memory: { baseMb: 1, perConnectionKb: 0, perEndpointKb: 0 },
};

const SIDECARS: MeshProfile = {
  id: "sidecar",
  name: "sidecar",
  architecture: "sidecar",
  description: "",
  dataPlane: { proxy: PASS },
  controlPlane: { components: "test", baseVcpu: 0, baseMemoryMb: 1, memoryPerProxyMb: 0, memoryPerServiceMb: 0, vcpuPer1000Rps: 0 },
};

/** front on node 0, back's 2 pods spread over nodes 0 and 1, 2 vCPU each; the load generator (meshed) on node 0. */
function compile(): ServiceNetwork {
  const scenario = parseScenario(
    "pods.yaml",
    {
      name: "pods",
      cluster: { nodes: 2, vcpuPerNode: 2, memoryGbPerNode: 8 },
      services: [
        { name: "front", nodes: [0], serviceTime: { type: "constant", valueMs: 1 } },
        { name: "back", replicas: 2, serviceTime: { type: "constant", valueMs: 1 } },
      ],
      requestTypes: [{ name: "r", entry: "front", calls: [{ call: "back" }] }],
      load: { type: "open", ratePerSec: 10, client: { node: 0, meshed: true } },
    },
    "",
  );
  const { topology, load } = scenario;
  return new ServiceNetwork(new Simulation(), {
    topology,
    profile: SIDECARS,
    mesh: deriveMeshOptions(SIDECARS, topology, { mtls: "off", l7: false, ingress: "direct", encryption: "none" }),
    clientNode: load.client.node,
    clientMeshed: load.client.meshed,
    clientKeepAlive: load.keepAlive,
    streams: (...purpose) => createRng(1, ...purpose),
    callbacks: { appServed: () => {}, stepServed: () => {}, pass: { describe: () => {}, encryptionCpuMsOf: () => 0 } },
  });
}

/** back's pod on node 1 and its pod on node 0. */
const backPods = (network: ServiceNetwork) => {
  const pods = [...network.servicePods[1]];
  expect(pods.map((pod) => network.podNode[pod]).sort()).toEqual([0, 1]);
  return { onNode1: pods.find((pod) => network.podNode[pod] === 1)!, onNode0: pods.find((pod) => network.podNode[pod] === 0)! };
};

const stepsOf = (network: ServiceNetwork, chain: number) => [...network.chains.steps.subarray(network.chains.chainStart[chain], network.chains.chainStart[chain] + network.chains.chainLength[chain])];

describe("pod containers", () => {
  it("setPodRunning(pod, false) stops the pod's sidecar idle CPU on its node, and true starts it again", () => {
    const network = compile();
    const { onNode0: back0, onNode1: back1 } = backPods(network);
    const node1 = network.cpus.nodes[1];
    expect(node1.idleVcpu).toBeCloseTo(0.01, 12);
    setPodRunning(network, back1, false);
    expect(node1.idleVcpu).toBe(0);
    setPodRunning(network, back1, true);
    expect(node1.idleVcpu).toBeCloseTo(0.01, 12);
    // The load generator's, front's and back[0]'s sidecars on node 0.
    setPodRunning(network, back0, false);
    expect(network.cpus.nodes[0].idleVcpu).toBeCloseTo(0.02, 12);
  });

  it("loseNodes([1]) stops every container on node 1 for good and cuts the calls to its pods off at its stations", () => {
    const network = compile();
    const front = network.servicePods[0][0];
    const { onNode0: back0, onNode1: back1 } = backPods(network);
    const whole = stepsOf(network, network.chains.request(front, back1));
    loseNodes(network, [1]);
    expect(network.cpus.nodes[1].idleVcpu).toBe(0);
    setPodRunning(network, back1, true);
    expect(network.cpus.nodes[1].idleVcpu).toBe(0);
    // front's sidecar and the network remain; the sidecar of back's pod on node 1 is gone.
    const cut = stepsOf(network, network.chains.request(front, back1));
    const sidecar = network.podProxy[back1];
    expect(whole).toContain(sidecar);
    expect(cut).toEqual(whole.filter((step) => step !== sidecar));
    expect(cut).toContain(network.podProxy[front]);
    expect(stepsOf(network, network.chains.response(front, back1))).not.toContain(sidecar);
    // Calls to pods on node 0 are untouched; podBack gives the calls to the lost pod their steps again.
    expect(stepsOf(network, network.chains.request(front, back0))).toContain(network.podProxy[back0]);
    podBack(network, back1);
    expect(stepsOf(network, network.chains.request(front, back1))).toEqual(whole);
  });
});
