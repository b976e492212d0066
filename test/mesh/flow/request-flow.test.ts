import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/index.js";
import { compileCallProgram, deriveMeshOptions, RequestFlow, type MeshProfile } from "../../../src/mesh/index.js";
import { createRng } from "../../../src/random/index.js";
import { parseScenario } from "../../../src/import/index.js";

const constant = (valueMs: number) => ({ type: "constant", valueMs });
const NO_MESH: MeshProfile = { id: "none", name: "none", architecture: "none", description: "" };

/**
 * Sends one request of the first request type at t=0 through a one-node cluster whose network
 * adds `oneWayMs` per direction, and returns its latency and the simulation.
 */
function latencyOfOneRequest(
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

describe("RequestFlow", () => {
  it("a first call pays a TCP handshake, then the network both ways and the callee's service time", () => {
    const { latencies } = latencyOfOneRequest([{ name: "a", serviceTime: constant(1) }], [], 0.25);
    // 0.5 (one round trip to connect) + 0.25 + 1 + 0.25.
    expect(latencies).toEqual([2]);
  });

  it("a callee's calls run in sequence after its own work", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
      { name: "c", serviceTime: constant(4) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ call: "b" }, { call: "c" }]);
    expect(latencies).toEqual([7]);
  });

  it("a parallel group takes as long as its slowest branch", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
      { name: "c", serviceTime: constant(4) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ parallel: [{ call: "b" }, { call: "c" }] }], 0.5);
    // a: 1 to connect + 0.5 in + 1 work; branches b (1 connect + 1 + 2) and c (1 connect + 1 + 4)
    // overlap, so the slower one counts; 0.5 back.
    expect(latencies).toEqual([1 + 0.5 + 1 + (1 + 1 + 4) + 0.5]);
  });

  it("repeat runs a call that many times in sequence", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ call: "b", repeat: 3 }]);
    expect(latencies).toEqual([7]);
  });

  it("repeat on a sequence repeats the whole block", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
      { name: "c", serviceTime: constant(3) },
    ];
    const { latencies } = latencyOfOneRequest(services, [{ sequence: [{ call: "b" }, { call: "c" }], repeat: 2 }]);
    expect(latencies).toEqual([11]);
  });

  it("a call with probability 0 never happens and one with probability 1 always does", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "b", serviceTime: constant(2) },
    ];
    expect(latencyOfOneRequest(services, [{ call: "b", probability: 0 }]).latencies).toEqual([1]);
    expect(latencyOfOneRequest(services, [{ call: "b", probability: 1 }]).latencies).toEqual([3]);
  });

  it("a fractional repeat runs the extra call with the fractional part's probability", () => {
    const services = [
      { name: "a", serviceTime: constant(0) },
      { name: "b", serviceTime: constant(1), concurrency: 100_000 },
    ];
    const { flow } = latencyOfOneRequest(services, [{ call: "b", repeat: 1.25 }], 0, 40_000);
    const visits = flow.network.stations[1].stats().visits;
    // Binomial(40000, 0.25) extra visits: sd ~ 87, so 6 sd is ~520.
    expect(Math.abs(visits - 50_000)).toBeLessThan(520);
  });

  it("an async hand-off does not delay the caller but its work still happens", () => {
    const services = [
      { name: "a", serviceTime: constant(1) },
      { name: "queue", serviceTime: constant(0.5) },
      { name: "worker", serviceTime: constant(100) },
    ];
    const { latencies, flow, sim } = latencyOfOneRequest(services, [{ call: "queue", calls: [{ call: "worker", async: true }] }]);
    expect(latencies).toEqual([1.5]);
    expect(flow.network.stations[2].stats().visits).toBe(1);
    expect(sim.now).toBe(101.5);
    expect(flow.inFlight).toBe(0);
  });

  it("a holdWorker service keeps its worker until its own calls return", () => {
    const services = [
      { name: "a", serviceTime: constant(1), holdWorker: true, concurrency: 1 },
      { name: "b", serviceTime: constant(5), concurrency: 10 },
    ];
    // Two requests at once: the second waits for the first's whole call to b (1 + 5).
    expect(latencyOfOneRequest(services, [{ call: "b" }], 0, 2).latencies).toEqual([6, 12]);
    const nonHolding = services.map((s) => ({ ...s, holdWorker: false }));
    // Without holding, a is free after 1 ms of work: the second request finishes at 2 + 5.
    expect(latencyOfOneRequest(nonHolding, [{ call: "b" }], 0, 2).latencies).toEqual([6, 7]);
  });

  it("empty groups complete at once, even nested and repeated", () => {
    const services = [{ name: "a", serviceTime: constant(1) }];
    const calls = [{ sequence: [{ parallel: [] }, { sequence: [] }], repeat: 3 }, { parallel: [{ sequence: [] }] }];
    const { latencies, flow } = latencyOfOneRequest(services, calls);
    expect(latencies).toEqual([1]);
    expect(flow.inFlight).toBe(0);
  });

  it("spreads calls over replicas at random, roughly evenly", () => {
    const services = [
      { name: "a", serviceTime: constant(0), concurrency: 1000 },
      { name: "b", replicas: 4, serviceTime: constant(0), concurrency: 1000 },
    ];
    const { flow } = latencyOfOneRequest(services, [{ call: "b" }], 0, 8000);
    const visits = [1, 2, 3, 4].map((i) => flow.network.stations[i].stats().visits);
    for (const count of visits) expect(Math.abs(count - 2000)).toBeLessThan(6 * Math.sqrt(8000 * 0.25 * 0.75));
  });

  it("startRequest() beyond maxInFlight fails as overloaded, naming the longest queue", () => {
    const services = [{ name: "a", serviceTime: constant(1), concurrency: 1 }];
    expect(() => latencyOfOneRequest(services, [], 0, 1001, 1000)).toThrow(/more than 1000 calls in flight .* longest queue: a\[0\] with 999 waiting/);
  });
});
