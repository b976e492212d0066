import { describe, expect, it } from "vitest";
import { FAILURE_REASONS, type MeshProfile, type SecurityProfile } from "../../../src/mesh/index.js";
import { fullHandshakeCpuMs, RESUMED_HANDSHAKE_CPU_MS } from "../../../src/mesh/compile/tls-costs.js";
import { constantProxy, profileOf, runOneCall } from "../compile/data-plane/_one-call.js";

const SECURITY: SecurityProfile = {
  mtlsModes: ["off", "permissive", "strict"],
  mtlsPerService: true,
  handshake: "tls13",
  sessionResumption: true,
  encryptionCpuMsPerKiB: 0,
};

function withMtls(profile: MeshProfile, mode: "off" | "permissive" | "strict"): { profile: MeshProfile; mode: typeof mode } {
  return { profile: { ...profile, security: SECURITY, defaults: { keyType: "ecdsa-p256" } }, mode };
}

const sidecars = profileOf("sidecar", { proxy: constantProxy(0.1), redirectMsPerPass: 0 });
const ECDSA_SIDE_MS = fullHandshakeCpuMs("ecdsa-p256");

describe("connections and mTLS", () => {
  it("TL1: one side of an ECDSA P-256 handshake is one sign and two verifies", () => {
    expect(ECDSA_SIDE_MS).toBeCloseTo(1000 / 56_028 + 2 * (1000 / 17_850), 12);
    expect(fullHandshakeCpuMs("rsa-2048")).toBeCloseTo(1000 / 1_985 + 2 * (1000 / 68_152), 12);
  });

  it("a cold mTLS call pays TCP and TLS 1.3 round trips and the signatures at both sidecars", () => {
    const { profile, mode } = withMtls(sidecars, "strict");
    const cold = runOneCall({ profile, mtls: mode, warm: false });
    const warm = runOneCall({ profile, mtls: mode });
    // Cross-node round trip 0.2: one for TCP, one for TLS 1.3; each sidecar signs on the path.
    expect(cold.latencies[0] - warm.latencies[0]).toBeCloseTo(2 * 0.2 + 2 * ECDSA_SIDE_MS, 12);
    expect(cold.connections).toEqual({ opened: 1, resumed: 0, closedIdle: 0, handshakes: 1 });
  });

  it("L7 sidecars pool HTTP connections even when the app does not keep them alive", () => {
    const { profile, mode } = withMtls(sidecars, "strict");
    const run = runOneCall({ profile, mtls: mode, warm: false, requests: 1, clientKeepAlive: false, sequential: 5 });
    expect(run.connections.handshakes).toBe(1);
  });

  it("opaque TCP through sidecars opens a connection per app connection: without keep-alive, a handshake per call", () => {
    const { profile, mode } = withMtls(sidecars, "strict");
    const run = runOneCall({ profile, mtls: mode, warm: false, clientKeepAlive: false, sequential: 5, protocol: "tcp" });
    // The first is a full handshake, the rest resume the TLS session.
    expect(run.connections).toEqual({ opened: 5, resumed: 4, closedIdle: 0, handshakes: 5 });
    expect(run.latencies[1] - run.latencies[0]).toBeCloseTo(2 * (RESUMED_HANDSHAKE_CPU_MS - ECDSA_SIDE_MS), 12);
  });

  it("mutual authentication without a handshake on the data path (Cilium's) opens connections but counts no handshake", () => {
    const { profile, mode } = withMtls(sidecars, "strict");
    const outOfBand = { ...profile, security: { ...SECURITY, handshake: "none" as const } };
    const run = runOneCall({ profile: outOfBand, mtls: mode, warm: false, clientKeepAlive: false, sequential: 5, protocol: "tcp" });
    expect(run.connections.opened).toBe(5);
    expect(run.connections.handshakes).toBe(0);
  });

  it("strict mTLS refuses plaintext from an unmeshed client; permissive accepts it", () => {
    const strict = withMtls(sidecars, "strict");
    const refused = runOneCall({ profile: strict.profile, mtls: "strict", clientMeshed: false, warm: false });
    expect(refused.latencies).toEqual([]);
    expect(refused.failures.map(([, reason]) => FAILURE_REASONS[reason])).toEqual(["mtls-plaintext-refused"]);
    const permissive = runOneCall({ profile: strict.profile, mtls: "permissive", clientMeshed: false, warm: false });
    expect(permissive.failures).toEqual([]);
    expect(permissive.connections.handshakes).toBe(0);
  });

  it("ambient pools one HBONE connection per node pair, shared by every pod pair on them", () => {
    const ambient = withMtls(profileOf("ambient", { proxy: constantProxy(0.02) }), "strict");
    const run = runOneCall({ profile: ambient.profile, mtls: "strict", warm: false, requests: 4, serverReplicas: 2 });
    expect(run.connections.handshakes).toBe(1);
  });
});

describe("idle timeouts", () => {
  const withIdleTimeout = (profile: MeshProfile, idleTimeoutMs: number): MeshProfile => ({ ...profile, dataPlane: { ...profile.dataPlane, idleTimeoutMs } });
  const strictSidecars = withMtls(sidecars, "strict").profile;

  it("a pair called every 10 s with a 5 s idle timeout opens a new connection, and under strict mTLS a handshake, each call", () => {
    const profile = withIdleTimeout(strictSidecars, 5000);
    const spaced = runOneCall({ profile, mtls: "strict", sequential: 3, gapMs: 10_000 });
    expect(spaced.connections).toEqual({ opened: 3, resumed: 3, closedIdle: 3, handshakes: 3 });
    // Each call pays the TCP and TLS 1.3 round trips and a resumed handshake at both sidecars
    // (to 9 digits: the calls start 10 s apart, where doubles keep fewer fractional digits).
    const reused = runOneCall({ profile, mtls: "strict", sequential: 3 });
    for (let call = 0; call < 3; call++) {
      expect(spaced.latencies[call] - reused.latencies[call]).toBeCloseTo(2 * 0.2 + 2 * RESUMED_HANDSHAKE_CPU_MS, 9);
    }
  });

  it("the same pair under a 1 h idle timeout (Envoy's default) reuses its connection", () => {
    const run = runOneCall({ profile: withIdleTimeout(strictSidecars, 3_600_000), mtls: "strict", sequential: 3, gapMs: 10_000 });
    expect(run.connections).toEqual({ opened: 0, resumed: 0, closedIdle: 0, handshakes: 0 });
  });

  it("a multiplexed HBONE connection between ztunnels idles out too", () => {
    const ambient = withIdleTimeout(withMtls(profileOf("ambient", { proxy: constantProxy(0.02) }), "strict").profile, 5000);
    const run = runOneCall({ profile: ambient, mtls: "strict", sequential: 2, gapMs: 10_000 });
    expect(run.connections).toEqual({ opened: 2, resumed: 2, closedIdle: 2, handshakes: 2 });
  });

  it("without a mesh the server app's keep-alive timeout (keepAliveIdleS) closes the connection: a TCP round trip per call", () => {
    const none = profileOf("none", undefined);
    const spaced = runOneCall({ profile: none, sequential: 3, gapMs: 10_000, serverKeepAliveIdleS: 5 });
    expect(spaced.connections).toEqual({ opened: 3, resumed: 0, closedIdle: 3, handshakes: 0 });
    const kept = runOneCall({ profile: none, sequential: 3, gapMs: 10_000 });
    expect(kept.connections.opened).toBe(0);
    expect(spaced.latencies[0] - kept.latencies[0]).toBeCloseTo(0.2, 9);
  });

  it("L7 sidecars pool the connection themselves: the app's keep-alive timeout does not close it", () => {
    const run = runOneCall({ profile: strictSidecars, mtls: "strict", sequential: 3, gapMs: 10_000, serverKeepAliveIdleS: 5 });
    expect(run.connections.opened).toBe(0);
  });
});
