// dropInexpressibleMeshes: `--mesh all` leaves out the meshes that cannot express a run's
// settings, each with the reason, and keeps the error when none can.

import { describe, expect, it } from "vitest";
import { loadScenario } from "../../../src/import/index.js";
import { UnsupportedSettingError } from "../../../src/mesh/index.js";
import { dropInexpressibleMeshes, runScenario, type RunPlan } from "../../../src/runner/index.js";
import { meshIds, parseScenario } from "../../../src/scenario/index.js";

function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  return { scenario: loadScenario("fortio"), meshes: meshIds(), rates: [100], durationS: 0.5, warmupS: 0.1, replications: 1, seed: 1, ...overrides };
}

describe("dropInexpressibleMeshes", () => {
  it("under strict mTLS leaves out Traefik Mesh, which supports only off, and keeps the rest in order", () => {
    const selected = dropInexpressibleMeshes(plan({ mtls: "strict" }));
    expect(selected.meshes).toEqual(meshIds().filter((id) => id !== "traefik-mesh"));
    expect(selected.skippedMeshes).toEqual([{ mesh: "traefik-mesh", reason: "cannot express mTLS strict: it supports off" }]);
  });

  it("under mTLS off leaves out the meshes that cannot turn it off", () => {
    const skipped = dropInexpressibleMeshes(plan({ mtls: "off" })).skippedMeshes!.map((entry) => entry.mesh);
    expect(skipped).toEqual(expect.arrayContaining(["linkerd2", "consul", "istio-ambient"]));
    expect(skipped).not.toContain("none");
  });

  it("returns the plan itself when every mesh can run it", () => {
    const asked = plan({ mtls: undefined });
    expect(dropInexpressibleMeshes(asked)).toBe(asked);
  });

  it("throws the first mesh's error when no mesh can express the settings", () => {
    expect(() => dropInexpressibleMeshes(plan({ meshes: ["traefik-mesh"], mtls: "strict" }))).toThrow(UnsupportedSettingError);
  });

  it("the results document lists the meshes left out, with why", async () => {
    const document = await runScenario(dropInexpressibleMeshes(plan({ meshes: ["none", "traefik-mesh"], mtls: "strict" })), { workers: 1 });
    expect(document.runs.map((run) => run.mesh)).toEqual(["none"]);
    expect(document.skippedMeshes).toEqual([{ mesh: "traefik-mesh", reason: "cannot express mTLS strict: it supports off" }]);
  });
  it("leaves out a mesh whose own pods leave an app's pod no node, with the field and the scheduler's account, and keeps the error when no mesh fits", () => {
    // One 1-vCPU node; the app asks 0.85 of its 0.94 allocatable: it fits alone, not beside Istio's sidecar (100m requested).
    const small = parseScenario("small.yaml", {
      name: "small",
      cluster: { nodes: 1, vcpuPerNode: 1, memoryGbPerNode: 4 },
      services: [{ name: "a", serviceTime: { type: "exponential", meanMs: 1 }, resources: { cpuRequest: 0.85 } }],
      requestTypes: [{ name: "r", entry: "a" }],
      load: { type: "open", ratePerSec: 10, durationS: 1 },
    }, "0");
    const selected = dropInexpressibleMeshes(plan({ scenario: small, meshes: ["none", "istio"] }));
    expect(selected.meshes).toEqual(["none"]);
    expect(selected.skippedMeshes).toEqual([{ mesh: "istio", reason: expect.stringMatching(/^services\[0\]\.resources\.cpuRequest .* under istio: pod a-0 .*fits on no node/) }]);
    expect(() => dropInexpressibleMeshes(plan({ scenario: small, meshes: ["istio"] }))).toThrow(/^small\.yaml: services\[0\]\.resources\.cpuRequest .* under istio/);
  });
});
