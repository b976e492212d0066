/**
 * Test helper: one request from the load generator to `server` under a synthetic profile whose
 * proxies take a constant time per pass, so every latency is exact.
 */

import { Simulation } from "../../../../src/engine/index.js";
import { compileCallProgram, deriveMeshOptions, RequestFlow, type MeshProfile, type ProxyCost } from "../../../../src/mesh/index.js";
import { createRng } from "../../../../src/random/index.js";
import { parseScenario } from "../../../../src/import/index.js";

export function constantProxy(passMs: number, cpuMsPerRequest = 2 * passMs): ProxyCost {
  const table = (value: number) => ({ http1: value, http2: value, grpc: value, tcp: value });
  return {
    implementation: "test",
    workers: 1,
    pathMsPerPass: table(passMs),
    pathCv: 0,
    cpuMsPerRequest: table(cpuMsPerRequest),
    cpuMsPerKiB: 0,
    memory: { baseMb: 10, perConnectionKb: 0, perEndpointKb: 0 },
  };
}

export function profileOf(architecture: MeshProfile["architecture"], dataPlane: MeshProfile["dataPlane"]): MeshProfile {
  return { id: architecture, name: architecture, architecture, description: "", dataPlane };
}

export interface OneCallOptions {
  profile: MeshProfile;
  clientMeshed?: boolean;
  serverMeshed?: boolean;
  /** Node of the server (the client is on node 0). */
  serverNode?: number;
  l7?: boolean;
  requests?: number;
  clientKeepAlive?: boolean;
  /** mTLS mode of the server (default off). */
  mtls?: "off" | "permissive" | "strict";
  /** Requests sent one after another (each after the previous completed), after `requests`. */
  sequential?: number;
  /** Idle time before each sequential request, ms (default 0). */
  gapMs?: number;
  /** The server app's keep-alive timeout, s (default none). */
  serverKeepAliveIdleS?: number;
  protocol?: "http1" | "http2" | "grpc" | "tcp";
  serverReplicas?: number;
  /** The load generator's traffic enters through the profile's ingress gateway. */
  ingressGateway?: boolean;
  /** An authorization policy on the server allowing these callers. */
  allowFrom?: string[];
  /** That policy has L7 rules (`l7: true`). */
  l7Policy?: boolean;
  /** Node-to-node encryption (Cilium's WireGuard or IPsec). */
  encryption?: "none" | "wireguard" | "ipsec";
  /** Payload of the request and of the response, bytes (default 0). */
  requestBytes?: number;
  responseBytes?: number;
  /**
   * Send one request first and measure only the later ones, so the connection they ride on is
   * already open (default true); false measures a cold start, handshakes included.
   */
  warm?: boolean;
}

/** Same-node one way 0.01 ms, cross-node one way 0.1 ms, server work 1 ms. */
export function runOneCall(options: OneCallOptions) {
  const scenario = parseScenario(
    "test.yaml",
    {
      name: "one-call",
      cluster: { nodes: 3, network: { sameNodeRttMs: 0.02, crossNodeRttMs: 0.2 } },
      services: [
        {
          name: "server",
          serviceTime: { type: "constant", valueMs: 1 },
          concurrency: 100,
          meshed: options.serverMeshed ?? true,
          nodes: [options.serverNode ?? 1],
          ...(options.protocol ? { protocol: options.protocol } : {}),
          replicas: options.serverReplicas ?? 1,
          ...(options.serverKeepAliveIdleS !== undefined ? { keepAliveIdleS: options.serverKeepAliveIdleS } : {}),
        },
      ],
      requestTypes: [{ name: "r", entry: "server" }],
      load: { type: "open", ratePerSec: 1, requestBytes: options.requestBytes ?? 0, responseBytes: options.responseBytes ?? 0 },
      ...(options.allowFrom ? { policies: [{ to: "server", allowFrom: options.allowFrom, l7: options.l7Policy ?? false }] } : {}),
    },
    "",
  );
  const { topology } = scenario;
  const sim = new Simulation();
  const latencies: number[] = [];
  const failures: Array<[number, number]> = [];
  const flow = new RequestFlow(sim, {
    topology,
    program: compileCallProgram(topology.requestTypes, new Map([["server", 0]])),
    profile: options.profile,
    mesh: deriveMeshOptions(options.profile, topology, {
      mtls: options.mtls ?? "off",
      l7: options.l7 ?? false,
      ingress: options.ingressGateway ? "gateway" : "direct",
      encryption: options.encryption ?? "none",
    }),
    clientNode: 0,
    clientMeshed: options.clientMeshed ?? true,
    clientKeepAlive: options.clientKeepAlive ?? true,
    streams: (...purpose) => createRng(1, ...purpose),
    maxInFlight: 1_000_000,
    observer: {
      requestCompleted: (_type, start) => latencies.push(sim.now - start),
      requestFailed: (_type, start, _tag, reason) => failures.push([sim.now - start, reason]),
    },
  });
  // Measured requests start once the stations are idle: proxies' work after forwarding too.
  const wake = sim.on("wake", () => {});
  const runUntilIdle = () => {
    sim.run();
    sim.scheduleAt(flow.network.idleFrom, wake, 0);
    sim.run();
  };
  if (options.warm ?? true) {
    flow.startRequest(0, 0, -1);
    runUntilIdle();
    latencies.length = 0;
    failures.length = 0;
    flow.network.stations.forEach((station) => station.resetStats());
    flow.connections.resetCounts();
  }
  const start = sim.now;
  for (let i = 0; i < (options.requests ?? (options.sequential ? 0 : 1)); i++) flow.startRequest(0, start, -1);
  runUntilIdle();
  for (let i = 0; i < (options.sequential ?? 0); i++) {
    if (options.gapMs) {
      sim.schedule(options.gapMs, wake, 0);
      sim.run();
    }
    flow.startRequest(0, sim.now, -1);
    runUntilIdle();
  }
  const groups = flow.network.stationGroup;
  return { latencies, failures, groups, stations: flow.network.stations, sim, connections: flow.connections.counts() };
}
