import { describe, expect, it } from "vitest";
import { UnsupportedSettingError, type MeshProfile, type SecurityProfile } from "../../../../src/mesh/index.js";
import { runScenario } from "../../../../src/runner/index.js";
import { loadScenario } from "../../../../src/import/index.js";
import { constantProxy, profileOf, runOneCall } from "./_one-call.js";

const SECURITY: SecurityProfile = { mtlsModes: ["off", "permissive", "strict"], mtlsPerService: true, handshake: "tls13", sessionResumption: true, encryptionCpuMsPerKiB: 0 };

function withGateway(profile: MeshProfile): MeshProfile {
  return { ...profile, security: SECURITY, defaults: { keyType: "ecdsa-p256" }, dataPlane: { ...profile.dataPlane, gateway: constantProxy(0.3) } };
}

describe("ingress gateway", () => {
  it("an unmeshed client reaches a strict sidecar mesh through the gateway, which speaks mTLS onward", () => {
    const profile = withGateway(profileOf("sidecar", { proxy: constantProxy(0.1), redirectMsPerPass: 0 }));
    const direct = runOneCall({ profile, mtls: "strict", clientMeshed: false });
    expect(direct.failures).toHaveLength(1);
    const viaGateway = runOneCall({ profile, mtls: "strict", clientMeshed: false, ingressGateway: true });
    expect(viaGateway.failures).toEqual([]);
    expect(viaGateway.groups).toContain("gateway");
    // Warm: 0.2 network + 1 work + 2 gateway passes (0.3) + 2 server sidecar passes (0.1).
    expect(viaGateway.latencies[0]).toBeCloseTo(0.2 + 1 + 2 * 0.3 + 2 * 0.1, 12);
  });

  it("in ambient, the gateway takes the place of the client node's ztunnel", () => {
    const profile = withGateway(profileOf("ambient", { proxy: constantProxy(0.02) }));
    const run = runOneCall({ profile, mtls: "strict", clientMeshed: false, ingressGateway: true });
    expect(run.failures).toEqual([]);
    expect(run.latencies[0]).toBeCloseTo(0.2 + 1 + 2 * 0.3 + 2 * 0.02, 12);
  });

  it("a mesh with no gateway of its own refuses load.ingress: gateway, naming the mesh", async () => {
    const base = loadScenario("fortio");
    const scenario = { ...base, load: { ...base.load, ingress: "gateway" as const } };
    const error = await runScenario({ scenario, meshes: ["linkerd2"], rates: [100], durationS: 1, warmupS: 0, replications: 1, seed: 1 }, { workers: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedSettingError);
    expect((error as Error).message).toMatch(/^mesh linkerd2 cannot express an ingress gateway \(load\.ingress: gateway\)/);
  });

  it("the gateway is counted as a proxy with its memory", async () => {
    const base = loadScenario("fortio");
    const scenario = { ...base, load: { ...base.load, ingress: "gateway" as const, client: { ...base.load.client, node: 0, meshed: false } } };
    const document = await runScenario({ scenario, meshes: ["istio"], rates: [100], durationS: 1, warmupS: 0, replications: 1, seed: 1 }, { workers: 1 });
    // fortio has one meshed server; the gateway stands in for the client's sidecar.
    expect(document.runs[0].resources.dataPlane.proxies).toBe(2);
    expect(document.runs[0].requests.failed).toBe(0);
  });
});
