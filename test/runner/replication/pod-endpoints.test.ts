/**
 * Pods leaving and rejoining their Services' endpoints on a run's timeline: a killed pod refuses
 * calls only until the kubelet has seen it die and the change has reached the callers, then gets
 * none until it is back; with every pod of a service out, calls fail with no-endpoints.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunPlan, type RunSummary } from "../../../src/runner/index.js";

function scenario(timeline: unknown[]) {
  return parseScenario(
    "shop.yaml",
    {
      name: "shop",
      cluster: { nodes: 2 },
      services: [
        { name: "web", concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } },
        { name: "api", replicas: 2, concurrency: 8, serviceTime: { type: "exponential", meanMs: 4 } },
      ],
      requestTypes: [{ name: "get", entry: "web", calls: [{ call: "api" }] }],
      load: { type: "open", ratePerSec: 400, durationS: 8, warmupS: 1, client: { meshed: true } },
      timeline,
    },
    "0".repeat(64),
  );
}

async function run(mesh: string, timeline: unknown[]): Promise<RunSummary> {
  const plan: RunPlan = { scenario: scenario(timeline), meshes: [mesh], mtls: "strict", rates: [400], durationS: 8, warmupS: 1, intervalS: 1, replications: 1, seed: 5 };
  return (await runScenario(plan, { workers: 1 })).runs[0];
}

const failedAt = (run: RunSummary, reason: string) => run.timeline!.map((entry) => entry.failedByReason[reason] ?? 0);

describe("pods out of their Services' endpoints", () => {
  it.each(["linkerd2", "istio", "none"])("under %s a killed pod refuses calls for about the kubelet's 1 s, then gets none until it is back", async (mesh) => {
    const restarted = await run(mesh, [{ atS: 2, restart: { service: "api", replicas: 1, downS: 4 } }]);
    const refused = failedAt(restarted, "connection-refused");
    // Down from 2 s to 6 s; out of the endpoints from 3 s (plus Istio's 0.1 s debounce).
    expect(refused[2]).toBeGreaterThan(50);
    expect(refused[4]).toBe(0);
    expect(refused[5]).toBe(0);
    // At most the calls of the ~1 s before it leaves (Linkerd's EWMA sends most of them to the fast-refusing
    // pod); before, it stayed in balancing and refused calls for all of its 4 s.
    expect(refused.reduce((a, b) => a + b, 0)).toBeLessThan(400 * 1.2);
    expect(restarted.requests.failedByReason["no-endpoints"] ?? 0).toBe(0);
  });

  it("a service with every pod killed fails calls with no-endpoints once the change has spread, and serves again when they are back", async () => {
    const restarted = await run("linkerd2", [{ atS: 2, restart: { service: "api", downS: 3 } }]);
    const none = failedAt(restarted, "no-endpoints");
    expect(none[3]).toBeGreaterThan(300);
    expect(none[4]).toBeGreaterThan(300);
    expect(none[6]).toBe(0);
    expect(failedAt(restarted, "connection-refused")[3]).toBe(0);
    expect(restarted.timeline![7].failedPerSec).toBe(0);
  });
});

describe("a pod back before the kubelet sees it gone", () => {
  it("never leaves the endpoints: every pod restarted for 0.5 s refuses calls for that long only, and serves after", async () => {
    const restarted = await run("linkerd2", [{ atS: 2, restart: { service: "api", downS: 0.5 } }]);
    const refused = failedAt(restarted, "connection-refused");
    expect(refused[2]).toBeGreaterThan(100);
    expect(refused.slice(3).reduce((a, b) => a + b, 0)).toBe(0);
    expect(restarted.requests.failedByReason["no-endpoints"] ?? 0).toBe(0);
  });
});

describe("a rollout without a mesh", () => {
  it("kube-proxy's direct pick (no traffic layer) sends nothing to stopped pods: every pod stopped fails calls with no-endpoints until the new ones are ready", async () => {
    const rolled = await run("none", [{ atS: 1, rollout: { service: "api", maxSurge: 0, maxUnavailable: "100%", podStartupS: 2 } }]);
    const none = failedAt(rolled, "no-endpoints");
    expect(none[0]).toBe(0);
    // Out at 1 s (no mesh adds no delay), ready 2 s later.
    expect(none[1]).toBeGreaterThan(350);
    expect(none[2]).toBeGreaterThan(350);
    expect(none[4]).toBe(0);
    expect(rolled.requests.failed).toBe(none.reduce((a, b) => a + b, 0));
  });
});
