import { describe, expect, it } from "vitest";
import { deriveMeshOptions, staticResources, type MeshProfile, type ProxyCost } from "../../../src/mesh/index.js";
import { parseScenario } from "../../../src/import/index.js";

const TABLE = { http1: 0.01, http2: 0.01, grpc: 0.01, tcp: 0.01 };
const PROXY: ProxyCost = { implementation: "test", workers: 2, pathMsPerPass: TABLE, pathCv: 0, cpuMsPerRequest: TABLE, cpuMsPerKiB: 0, memory: { baseMb: 1, perConnectionKb: 0, perEndpointKb: 0 } };
const CONTROL = { components: "test", baseVcpu: 0, vcpuPer1000Rps: 0, baseMemoryMb: 100, memoryPerProxyMb: 1, memoryPerServiceMb: 2, memoryPerProxyPerServiceKb: 1024, memoryPerProxyPerEndpointKb: 512 };
const SIDECARS: MeshProfile = { id: "s", name: "s", architecture: "sidecar", description: "", dataPlane: { proxy: PROXY }, controlPlane: CONTROL };

/** Three meshed services of 2, 1 and 1 replicas (4 meshed pods), web calling the other two. */
const TOPOLOGY = parseScenario(
  "control-plane.yaml",
  {
    name: "control-plane",
    cluster: { nodes: 2 },
    services: [
      { name: "web", replicas: 2, serviceTime: { type: "constant", valueMs: 1 } },
      { name: "a", serviceTime: { type: "constant", valueMs: 1 } },
      { name: "b", serviceTime: { type: "constant", valueMs: 1 } },
    ],
    requestTypes: [{ name: "r", entry: "web", calls: [{ call: "a" }, { call: "b" }] }],
    load: { type: "open", ratePerSec: 10 },
  },
  "",
).topology;

describe("staticResources", () => {
  it("staticResources(sidecars) gives the control plane every sidecar's cross terms over all services and meshed pods", () => {
    const mesh = deriveMeshOptions(SIDECARS, TOPOLOGY, { mtls: "off", l7: false, ingress: "direct", encryption: "none" });
    const sidecars = 4;
    // Each of the 4 sidecars knows 3 services (1 MB each here) and 4 endpoints (0.5 MB each).
    expect(staticResources(TOPOLOGY, SIDECARS, mesh, false).controlPlane.memoryMb).toBe(100 + sidecars * 1 + 3 * 2 + sidecars * 3 * 1 + sidecars * 4 * 0.5);
  });

  it("staticResources(sidecars, meshed client) counts the client's sidecar as a proxy and an endpoint", () => {
    const mesh = deriveMeshOptions(SIDECARS, TOPOLOGY, { mtls: "off", l7: false, ingress: "direct", encryption: "none" });
    expect(staticResources(TOPOLOGY, SIDECARS, mesh, true).controlPlane.memoryMb).toBe(100 + 5 * 1 + 3 * 2 + 5 * 3 * 1 + 5 * 5 * 0.5);
  });

  it("staticResources(sidecars scoped to their callees) configures each sidecar for what its workload calls, in its memory and the control plane's", () => {
    const scopable: MeshProfile = {
      ...SIDECARS,
      dataPlane: { proxy: { ...PROXY, memory: { baseMb: 1, perConnectionKb: 0, perEndpointKb: 1024, perServiceKb: 2048 } }, proxyScope: { default: "mesh", scopable: true } },
    };
    const settings = { mtls: "off", l7: false, ingress: "direct", encryption: "none" } as const;
    const whole = staticResources(TOPOLOGY, scopable, deriveMeshOptions(scopable, TOPOLOGY, settings), true);
    const scoped = staticResources(TOPOLOGY, scopable, deriveMeshOptions(scopable, TOPOLOGY, { ...settings, proxyScope: "callees" }), true);
    // Unscoped: 5 sidecars (4 pods and the client's), each 1 MB + 5 endpoints x 1 MB + 3 services x 2 MB.
    expect(whole.dataPlaneMemoryMb).toBe(5 * (1 + 5 + 6));
    // Scoped: web's two call a and b (2 services, 2 endpoints); a's and b's call nothing; the client's calls web (1 service, 2 endpoints).
    expect(scoped.dataPlaneMemoryMb).toBe(2 * (1 + 2 + 4) + 2 * 1 + (1 + 2 + 2));
    // The control plane's cross terms follow: services 2 x 2 + 1 = 5 (1 MB each), endpoints 2 x 2 + 2 = 6 (0.5 MB each).
    expect(scoped.controlPlane.memoryMb).toBe(100 + 5 * 1 + 3 * 2 + 5 * 1 + 6 * 0.5);
    expect(whole.controlPlane.memoryMb).toBe(100 + 5 * 1 + 3 * 2 + 5 * 3 * 1 + 5 * 5 * 0.5);
  });

  it("staticResources leaves sidecars that cannot be scoped configured for the whole mesh", () => {
    const settings = { mtls: "off", l7: false, ingress: "direct", encryption: "none", proxyScope: "callees" } as const;
    const mesh = deriveMeshOptions(SIDECARS, TOPOLOGY, settings);
    expect(mesh.proxyScope).toBe("mesh");
    expect(staticResources(TOPOLOGY, SIDECARS, mesh, false).controlPlane.memoryMb).toBe(100 + 4 * 1 + 3 * 2 + 4 * 3 * 1 + 4 * 4 * 0.5);
  });
});
