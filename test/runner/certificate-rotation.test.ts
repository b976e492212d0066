import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/runner/index.js";
import { loadScenario } from "../../src/import/index.js";

describe("certificate rotation", () => {
  it("a rotation in the measured window makes the pooled connections re-handshake in a burst", async () => {
    const base = loadScenario("fortio");
    const plan = (rotateCertificatesAtS?: number) => ({
      scenario: { ...base, mesh: { ...base.mesh, ...(rotateCertificatesAtS !== undefined ? { rotateCertificatesAtS } : {}) } },
      meshes: ["istio"],
      rates: [1000],
      durationS: 4,
      warmupS: 1,
      replications: 1,
      seed: 3,
    });
    const steady = (await runScenario(plan(), { workers: 1 })).runs[0];
    const rotated = (await runScenario(plan(2), { workers: 1 })).runs[0];
    // Pooled after warm-up, a handshake is rare. At ~0.5 concurrent calls the sidecar-to-sidecar
    // pool holds a connection or two; the rotation makes each reconnect with a full handshake.
    expect(steady.connections.handshakes).toBeLessThanOrEqual(2);
    expect(rotated.connections.handshakes).toBeGreaterThan(steady.connections.handshakes);
    expect(rotated.latencyMs.max).toBeGreaterThan(steady.latencyMs.max);
  });
});
