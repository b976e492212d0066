import { describe, expect, it } from "vitest";
import type { MeshProfile, SecurityProfile } from "../../../../src/mesh/index.js";
import { constantProxy, profileOf, runOneCall } from "./_one-call.js";

const cilium = profileOf("ebpf", { kernel: { perRequestUs: 5 }, l7Proxy: constantProxy(0.15) });

/** Cilium's security: mutual authentication outside the data path, WireGuard and IPsec apart. */
const SECURITY: SecurityProfile = {
  mtlsModes: ["off", "strict"],
  mtlsPerService: true,
  handshake: "none",
  sessionResumption: false,
  encryptionCpuMsPerKiB: 0,
  authorization: "labels",
  authorizationCpuMs: 0.02,
  l7Policy: "l7Proxy",
  transparentEncryption: {
    wireguard: { cpuMsPerKiB: 0.01, latencyMsPerPass: 0.003 },
    ipsec: { cpuMsPerKiB: 0.004, latencyMsPerPass: 0.001 },
  },
};
const secured: MeshProfile = { ...cilium, security: SECURITY, defaults: { keyType: "ecdsa-p256" } };

/** 2 KiB request, 4 KiB response. */
const BYTES = { requestBytes: 2048, responseBytes: 4096 };

/** CPU the stations of a group spent, ms. */
function cpuOf(run: ReturnType<typeof runOneCall>, prefix: string): number {
  return run.stations.reduce((sum, station, i) => (run.groups[i].startsWith(prefix) ? sum + station.stats().workerMs : sum), 0);
}

describe("eBPF data plane", () => {
  it("L4 costs a kernel hook on each node crossed and no user-space hop", () => {
    const { latencies, groups } = runOneCall({ profile: cilium, serverNode: 1 });
    expect(latencies[0]).toBeCloseTo(0.2 + 1 + 4 * 0.005, 12);
    expect(groups.filter((g) => g.startsWith("envoy/"))).toEqual([]);
  });

  it("with L7 on, the server node's shared Envoy is added", () => {
    const { latencies, groups } = runOneCall({ profile: cilium, serverNode: 1, l7: true });
    expect(latencies[0]).toBeCloseTo(0.2 + 1 + 4 * 0.005 + 2 * 0.15, 12);
    expect(groups).toContain("envoy/node-1");
  });

  it("the kernel path applies to unmeshed pods too (it is the CNI)", () => {
    const { latencies } = runOneCall({ profile: cilium, serverNode: 1, clientMeshed: false, serverMeshed: false });
    expect(latencies[0]).toBeCloseTo(0.2 + 1 + 4 * 0.005, 12);
  });
});

describe("eBPF data plane: WireGuard and IPsec between nodes", () => {
  it("WireGuard encrypts at the sender's node and decrypts at the receiver's: CPU per KiB at both ends, plus its latency", () => {
    const plain = runOneCall({ profile: secured, serverNode: 1, ...BYTES });
    const encrypted = runOneCall({ profile: secured, serverNode: 1, encryption: "wireguard", ...BYTES });
    // Request: 2 KiB encrypted on node 0, decrypted on node 1; response: 4 KiB the other way.
    const cpuMs = 2 * (0.01 * 2) + 2 * (0.01 * 4);
    expect(encrypted.latencies[0] - plain.latencies[0]).toBeCloseTo(cpuMs + 4 * 0.003, 12);
    expect(cpuOf(encrypted, "wireguard/")).toBeCloseTo(cpuMs, 12);
    expect(cpuOf(encrypted, "wireguard/node-0")).toBeCloseTo(cpuMs / 2, 12);
    expect(cpuOf(encrypted, "wireguard/node-1")).toBeCloseTo(cpuMs / 2, 12);
    expect(cpuOf(encrypted, "kernel/")).toBeCloseTo(cpuOf(plain, "kernel/"), 12);
  });

  it("IPsec costs its own figures, under stations of its own name", () => {
    const plain = runOneCall({ profile: secured, serverNode: 1, ...BYTES });
    const encrypted = runOneCall({ profile: secured, serverNode: 1, encryption: "ipsec", ...BYTES });
    expect(encrypted.latencies[0] - plain.latencies[0]).toBeCloseTo(0.004 * 12 + 4 * 0.001, 12);
    expect(cpuOf(encrypted, "ipsec/")).toBeCloseTo(0.004 * 12, 12);
    expect(encrypted.groups.some((group) => group.startsWith("wireguard/"))).toBe(false);
  });

  it("traffic within a node is not encrypted: same latency, no encryption CPU", () => {
    const plain = runOneCall({ profile: secured, serverNode: 0, ...BYTES });
    const encrypted = runOneCall({ profile: secured, serverNode: 0, encryption: "wireguard", ...BYTES });
    expect(encrypted.latencies[0]).toBe(plain.latencies[0]);
    expect(cpuOf(encrypted, "wireguard/")).toBe(0);
  });

  it("encrypts whatever the mTLS mode, and adds no handshake (keys are per node pair)", () => {
    const off = runOneCall({ profile: secured, serverNode: 1, encryption: "wireguard", warm: false, ...BYTES });
    const strict = runOneCall({ profile: secured, serverNode: 1, encryption: "wireguard", mtls: "strict", warm: false, ...BYTES });
    expect(strict.latencies[0]).toBe(off.latencies[0]);
    expect(cpuOf(off, "wireguard/")).toBeGreaterThan(0);
    expect(cpuOf(strict, "wireguard/")).toBe(cpuOf(off, "wireguard/"));
  });

  it("strict mTLS without encryption is mutual authentication only: no per-KiB cost anywhere", () => {
    const withKiBCost: MeshProfile = { ...secured, security: { ...SECURITY, encryptionCpuMsPerKiB: 0.05 } };
    const off = runOneCall({ profile: withKiBCost, serverNode: 1, l7: true, ...BYTES });
    const strict = runOneCall({ profile: withKiBCost, serverNode: 1, l7: true, mtls: "strict", ...BYTES });
    expect(strict.latencies[0]).toBe(off.latencies[0]);
    expect(cpuOf(strict, "")).toBe(cpuOf(off, ""));
    expect(strict.groups.some((group) => group.startsWith("wireguard/") || group.startsWith("ipsec/"))).toBe(false);
  });
});

describe("eBPF data plane: L7 policies through the node's Envoy", () => {
  it("a policy with l7: true sends the protected service's calls through its node's Envoy, which checks it", () => {
    const l4 = runOneCall({ profile: secured, serverNode: 1, allowFrom: ["load-generator"] });
    const l7 = runOneCall({ profile: secured, serverNode: 1, allowFrom: ["load-generator"], l7Policy: true });
    expect(l4.latencies[0]).toBeCloseTo(0.2 + 1 + 4 * 0.005, 12);
    expect(l7.latencies[0] - l4.latencies[0]).toBeCloseTo(2 * 0.15 + 0.02, 12);
    const envoy = l7.groups.indexOf("envoy/node-1");
    expect(l7.stations[envoy].stats().visits).toBe(2);
    // The request pass holds a worker for half the request's CPU plus the check; the response for half.
    expect(l7.stations[envoy].stats().workerMs).toBeCloseTo(0.3 + 0.02, 12);
    expect(l4.groups.some((group) => group.startsWith("envoy/"))).toBe(false);
  });

  it("a policy with l7: true is enforced at L7 for unmeshed pods too (the policy is the CNI's)", () => {
    const run = runOneCall({ profile: secured, serverNode: 1, serverMeshed: false, allowFrom: ["server"], l7Policy: true });
    expect(run.latencies).toEqual([]);
    expect(run.stations[run.groups.indexOf("envoy/node-1")].stats().visits).toBe(2);
  });
});
