/**
 * What a run with declared machines reports of its nodes: CPU by user per node, requests and
 * allocatable, throttling of limited containers, and the refusal of a plan whose offered CPU
 * reaches a container's limit.
 */

import { describe, expect, it } from "vitest";
import { OverloadError } from "../../../src/mesh/index.js";
import { runScenario, type ResultsDocument } from "../../../src/runner/index.js";
import { parseScenario } from "../../../src/import/index.js";

/** web (0.5 ms of CPU a request, limit `limit`) on node 0 of two 2-vCPU nodes; the client on node 1. */
function scenario(limit: number, machine = true, arrival = "uniform") {
  return parseScenario(
    "nodes.yaml",
    {
      name: "nodes",
      cluster: { nodes: 2, ...(machine ? { machineType: "e2-standard-2" } : {}) },
      services: [{ name: "web", nodes: [0], concurrency: 4, serviceTime: { type: "constant", valueMs: 0.5 }, resources: { cpuRequest: "150m", cpuLimit: limit, memoryRequestMb: 128 } }],
      requestTypes: [{ name: "r", entry: "web" }],
      load: { type: "open", arrival, ratePerSec: 400, client: { node: 1, meshed: false, cpuMsPerRequest: 0.1 } },
    },
    "",
  );
}

async function run(limit: number, machine = true, arrival = "uniform"): Promise<ResultsDocument> {
  return runScenario({ scenario: scenario(limit, machine, arrival), meshes: ["none"], rates: [400], durationS: 5, warmupS: 0.5, replications: 1, seed: 1 }, { workers: 1 });
}

describe("runs[].nodes and hops[].throttling", () => {
  it("runScenario(machines) reports each node's CPU by user, requests and allocatable", async () => {
    const [run0] = (await run(1)).runs;
    expect(run0.nodes).toHaveLength(2);
    const [server, client] = run0.nodes!;
    // 400 requests/s x 0.5 ms = 0.2 vCPU of app on node 0; 400 x 0.1 ms = 0.04 of load generator on node 1.
    expect(server.cpuByUser.app).toBeCloseTo(0.2, 2);
    expect(client.cpuByUser.loadGenerator).toBeCloseTo(0.04, 3);
    expect(server.cpuUtilization).toBeCloseTo(0.1, 2);
    expect(server.vcpu).toBe(2);
    expect(server.cpuRequested).toBe(0.15);
    expect(client.cpuRequested).toBe(0);
    // GKE's allocatable for 2 vCPU: 2 - 0.06 - 0.01 = 1.93.
    expect(server.cpuAllocatable).toBe(1.93);
    expect(server.memoryMb.requested).toBe(128);
    expect(server.pods).toBe(1);
    expect(client.pods).toBe(1);
  });

  it("runScenario(a limit close to the use) reports throttled periods and warns; a generous limit does not", async () => {
    // 0.2 vCPU offered on average, 0.21 allowed: Poisson bursts exhaust the quota in some periods.
    const tight = (await run(0.21, true, "poisson")).runs[0];
    const hop = tight.hops.find((h) => h.station === "app/web")!;
    expect(hop.throttling!.throttledPeriods).toBeGreaterThan(0);
    expect(hop.throttling!.throttledPeriods).toBeLessThanOrEqual(hop.throttling!.periods);
    expect(tight.warnings.some((w) => w.startsWith("app/web is throttled by its CPU limit"))).toBe(true);
    const generous = (await run(1, true, "poisson")).runs[0];
    expect(generous.hops.find((h) => h.station === "app/web")!.throttling!.throttledPeriods).toBe(0);
    expect(generous.latencyMs.p99).toBeLessThan(tight.latencyMs.p99);
  });

  it("runScenario(no machine) has no nodes and no throttling, and its scenario notes it", async () => {
    const document = await run(0.21, false);
    expect(document.runs[0].nodes).toBeUndefined();
    expect(document.runs[0].hops.every((hop) => hop.throttling === undefined)).toBe(true);
    expect(document.scenario.notices?.[0]).toMatch(/^the nodes declare no machine/);
  });

  it("runScenario(offered CPU at the limit) is refused before simulating, naming the service and its limit", async () => {
    await expect(run(0.2)).rejects.toThrow(OverloadError);
    await expect(run(0.2)).rejects.toThrow(/service web would need 100% of its CPU limit/);
  });
});
