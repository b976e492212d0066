/**
 * The timeline of events on a run: a canary's weights move the split, an outage and a restart
 * fail calls only while they last, a restart resets the calls in flight and makes callers
 * reconnect, and mesh.rotateCertificatesAtS is the same event as a rotation in the timeline.
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { runScenario, type RunPlan, type RunSummary } from "../../../src/runner/index.js";

function scenario(timeline: unknown[], mesh: Record<string, unknown> = {}) {
  return parseScenario(
    "shop.yaml",
    {
      name: "shop",
      cluster: { nodes: 2 },
      services: [
        { name: "web", concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } },
        { name: "api", replicas: 2, concurrency: 8, serviceTime: { type: "exponential", meanMs: 4 } },
        { name: "api-v2", concurrency: 8, serviceTime: { type: "exponential", meanMs: 2 } },
      ],
      requestTypes: [{ name: "get", entry: "web", calls: [{ call: "backend" }] }],
      traffic: [{ host: "backend", routes: [{ backends: [{ service: "api", weight: 100 }, { service: "api-v2", weight: 0 }] }] }],
      load: { type: "open", ratePerSec: 400, durationS: 6, warmupS: 1, client: { meshed: true } },
      mesh,
      timeline,
    },
    "0".repeat(64),
  );
}

async function run(timeline: unknown[], overrides: Partial<RunPlan> = {}, mesh: Record<string, unknown> = {}): Promise<RunSummary> {
  const plan: RunPlan = { scenario: scenario(timeline, mesh), meshes: ["istio"], mtls: "strict", rates: [400], durationS: 6, warmupS: 1, intervalS: 1, replications: 1, seed: 3, ...overrides };
  return (await runScenario(plan, { workers: 1 })).runs[0];
}

const failedAt = (run: RunSummary, reason: string) => run.timeline!.map((entry) => entry.failedByReason[reason] ?? 0);

describe("a run's timeline of events", () => {
  it("weights move a canary's split when they say: all on v1, then all on v2 from 3 s", async () => {
    const canary = await run([
      { atS: 0, weights: { host: "backend", backends: { api: 100, "api-v2": 0 } } },
      { atS: 3, weights: { host: "backend", backends: { api: 0, "api-v2": 100 } } },
    ]);
    const [host] = canary.traffic!.hosts;
    // Half the measured time on each: the share within a few Poisson standard deviations.
    expect(Math.abs(host.byBackend["api-v2"].share - 0.5)).toBeLessThan(0.03);
    // The faster v2 shows in the latency of the second half.
    const mean = (from: number, to: number) => canary.timeline!.slice(from, to).reduce((sum, entry) => sum + entry.meanMs!, 0) / (to - from);
    expect(mean(4, 6)).toBeLessThan(mean(0, 3) - 1);
    expect(canary.events).toEqual([
      { atS: 0, event: "weights backend: api 100, api-v2 0" },
      { atS: 3, event: "weights backend: api 0, api-v2 100" },
    ]);
  });

  it("an outage refuses connections only while it lasts", async () => {
    const outage = await run([{ atS: 2, outage: { service: "api", durationS: 2 } }]);
    const refused = failedAt(outage, "connection-refused");
    expect(refused[0]).toBe(0);
    expect(refused[1]).toBe(0);
    expect(refused[2]).toBeGreaterThan(300);
    expect(refused[3]).toBeGreaterThan(300);
    expect(refused[5]).toBe(0);
  });

  it("a restart resets the calls in flight, refuses connections while down and makes callers reconnect with handshakes", async () => {
    // Linkerd retries nothing by default, so the resets reach the caller (Istio's default retries on reset would hide them).
    const linkerd = { meshes: ["linkerd2"] };
    const steady = await run([], linkerd);
    const restarted = await run([{ atS: 2, restart: { service: "api", replicas: 1, downS: 1.5 } }], linkerd);
    expect(failedAt(restarted, "connection-reset")[2]).toBeGreaterThan(0);
    expect(failedAt(restarted, "connection-reset").reduce((a, b) => a + b, 0)).toBeLessThan(20);
    const refused = failedAt(restarted, "connection-refused");
    // One of two replicas down: about half the calls in [2 s, 3.5 s) are refused, none after.
    expect(refused[2]).toBeGreaterThan(120);
    expect(refused[4]).toBe(0);
    expect(refused[5]).toBe(0);
    expect(restarted.connections.handshakes).toBeGreaterThan(steady.connections.handshakes);
    expect(steady.requests.failed).toBe(0);
  });

  it("mesh.rotateCertificatesAtS is the timeline's rotateCertificates event", async () => {
    const fromMesh = await run([], {}, { rotateCertificatesAtS: 2 });
    const fromTimeline = await run([{ atS: 2, rotateCertificates: true }]);
    expect(JSON.stringify(fromTimeline)).toBe(JSON.stringify(fromMesh));
    expect(fromMesh.events).toEqual([{ atS: 2, event: "certificates rotate" }]);
    expect(fromMesh.connections.handshakes).toBeGreaterThan((await run([])).connections.handshakes);
  });

  it("an event after the measured time does not happen", async () => {
    const late = await run([{ atS: 10, outage: { service: "api", durationS: 2 } }]);
    expect(late.requests.failed).toBe(0);
    expect(late).not.toHaveProperty("events");
  });
});

describe("a rollout on a run's timeline", () => {
  it("with maxUnavailable 0 and room to spare it loses no request, and the new pods cost fresh handshakes", async () => {
    const steady = await run([], { meshes: ["linkerd2"], durationS: 10 });
    const rolled = await run([{ atS: 1, rollout: { service: "api", maxSurge: 1, maxUnavailable: 0, podStartupS: 2 } }], { meshes: ["linkerd2"], durationS: 10 });
    expect(rolled.requests.failed).toBe(0);
    expect(rolled.requests.completed).toBeGreaterThan(3500);
    expect(rolled.connections.handshakes).toBeGreaterThan(steady.connections.handshakes);
    expect(rolled.events).toEqual([{ atS: 1, event: "rollout: api, maxSurge 1, maxUnavailable 0" }]);
  });

  it("with maxUnavailable 100% every pod stops at once: calls fail with no-endpoints until the new pods are ready", async () => {
    // Stopped at 1 s, out at 1.1 s (Istio's debounce); new pods ready 3 s (podStartupS) + 1 s (istio-proxy) later.
    const rolled = await run([{ atS: 1, rollout: { service: "api", maxSurge: 0, maxUnavailable: "100%", podStartupS: 3 } }], { meshes: ["istio"], durationS: 10 });
    const none = failedAt(rolled, "no-endpoints");
    expect(none[0]).toBe(0);
    for (const second of [2, 3, 4]) expect(none[second]).toBeGreaterThan(350);
    expect(none[6]).toBe(0);
    expect(rolled.timeline![7].failedPerSec).toBe(0);
  });
});
