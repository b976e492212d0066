/**
 * One request through a small RequestFlow, for the flow's and the call tree's tests: a one-node
 * cluster whose network adds `oneWayMs` per direction, requests sent at t=0.
 */

import { Simulation } from "../../../src/engine/index.js";
import { compileCallProgram, deriveMeshOptions, RequestFlow, type MeshProfile } from "../../../src/mesh/index.js";
import { createRng } from "../../../src/random/index.js";
import { parseScenario } from "../../../src/import/index.js";

export const constant = (valueMs: number) => ({ type: "constant", valueMs });
export const NO_MESH: MeshProfile = { id: "none", name: "none", architecture: "none", description: "" };

/**
 * Sends one request of the first request type at t=0 through a one-node cluster whose network
 * adds `oneWayMs` per direction, and returns its latency and the simulation.
 */
export function latencyOfOneRequest(
  services: object[],
  calls: object[],
  oneWayMs = 0,
  requests = 1,
  maxInFlight = 1_000_000,
  profile: MeshProfile = NO_MESH,
  clientMeshed = false,
) {
  const scenario = parseScenario(
    "test.yaml",
    {
      name: "flow",
      cluster: { nodes: 1, network: { sameNodeRttMs: 2 * oneWayMs, crossNodeRttMs: 0 } },
      services,
      requestTypes: [{ name: "r", entry: (services[0] as { name: string }).name, calls }],
      load: { type: "open", ratePerSec: 1, requestBytes: 0, responseBytes: 0 },
    },
    "",
  );
  const { topology } = scenario;
  const sim = new Simulation();
  const latencies: number[] = [];
  const failures: Array<[number, number]> = [];
  const flow = new RequestFlow(sim, {
    topology,
    program: compileCallProgram(topology.requestTypes, new Map(topology.services.map((s, i) => [s.name, i]))),
    profile,
    mesh: deriveMeshOptions(profile, topology, { mtls: "off", l7: false, ingress: "direct", encryption: "none" }),
    clientNode: 0,
    clientMeshed,
    clientKeepAlive: true,
    streams: (...purpose) => createRng(1, ...purpose),
    maxInFlight,
    observer: {
      requestCompleted: (_type, start) => latencies.push(sim.now - start),
      requestFailed: (_type, start, _tag, reason) => failures.push([sim.now - start, reason]),
    },
  });
  for (let i = 0; i < requests; i++) flow.startRequest(0, 0, -1);
  sim.run();
  return { latencies, flow, sim };
}

