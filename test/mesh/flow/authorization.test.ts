import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/runner/index.js";
import { parseScenario } from "../../../src/import/index.js";
import { ScenarioError } from "../../../src/scenario/index.js";
import { UnsupportedSettingError, type MeshProfile } from "../../../src/mesh/index.js";
import { constantProxy, profileOf, runOneCall } from "../compile/data-plane/_one-call.js";

/** frontend calls orders and reports; only frontend may call orders, nobody may call reports. */
function shop(extra: Record<string, unknown> = {}) {
  return parseScenario(
    "shop.yaml",
    {
      name: "shop",
      services: [
        { name: "frontend", concurrency: 8, serviceTime: { type: "exponential", meanMs: 0.5 } },
        { name: "orders", concurrency: 8, serviceTime: { type: "exponential", meanMs: 0.5 } },
        { name: "reports", concurrency: 8, serviceTime: { type: "exponential", meanMs: 0.5 } },
      ],
      requestTypes: [
        { name: "order", weight: 3, entry: "frontend", calls: [{ call: "orders" }] },
        { name: "report", weight: 1, entry: "frontend", calls: [{ call: "reports" }] },
      ],
      load: { type: "open", ratePerSec: 200, client: { node: 0, meshed: true } },
      policies: [
        { to: "orders", allowFrom: ["frontend"] },
        { to: "reports", allowFrom: ["orders"] },
      ],
      ...extra,
    },
    "",
  );
}

async function run(meshes: string[], mtls?: "off" | "permissive" | "strict", scenario = shop()) {
  const document = await runScenario({ scenario, meshes, mtls, rates: [200], durationS: 5, warmupS: 0.5, replications: 1, seed: 2 }, { workers: 1 });
  return new Map(document.runs.map((r) => [r.mesh, r]));
}

describe("authorization policies", () => {
  it("identity policies deny callers not allowed, by request type, and cost CPU at the server side", async () => {
    const runs = await run(["none", "istio"]);
    const istio = runs.get("istio")!;
    expect(istio.byRequestType.report.requests.failedByReason).toEqual({ "denied-by-policy": istio.byRequestType.report.requests.failed });
    expect(istio.byRequestType.report.requests.completed).toBe(0);
    expect(istio.byRequestType.order.requests.failed).toBe(0);
    // The baseline has no mesh to enforce anything.
    expect(runs.get("none")!.requests.failed).toBe(0);
  });

  it("an allowed call pays the policy's CPU once, at the server's sidecar, on its path", () => {
    const profile: MeshProfile = {
      ...profileOf("sidecar", { proxy: constantProxy(0.1), redirectMsPerPass: 0 }),
      defaults: { keyType: "ecdsa-p256" },
      security: { mtlsModes: ["strict"], mtlsPerService: false, handshake: "tls13", sessionResumption: true, encryptionCpuMsPerKiB: 0, authorization: "identity", authorizationCpuMs: 0.05 },
    };
    const open = runOneCall({ profile, mtls: "strict" });
    const guarded = runOneCall({ profile, mtls: "strict", allowFrom: ["load-generator"] });
    expect(guarded.failures).toEqual([]);
    expect(guarded.latencies[0] - open.latencies[0]).toBeCloseTo(0.05, 12);
    const denied = runOneCall({ profile, mtls: "strict", allowFrom: ["server"] });
    expect(denied.latencies).toEqual([]);
  });

  it("without mTLS a proxy has no identity to check: the policy denies every caller", async () => {
    const runs = await run(["kuma"], "off");
    expect(runs.get("kuma")!.byRequestType.order.requests.completed).toBe(0);
  });

  it("Cilium's label-based policies work without mTLS", async () => {
    const runs = await run(["cilium"], "off");
    const cilium = runs.get("cilium")!;
    expect(cilium.byRequestType.order.requests.failed).toBe(0);
    expect(cilium.byRequestType.report.requests.completed).toBe(0);
  });

  it("a mesh without authorization policies says so", async () => {
    const error = await run(["linkerd1"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedSettingError);
    expect((error as Error).message).toBe("mesh linkerd1 cannot express authorization policies (policies): it has no authorization policy of its own");
  });

  describe("L7 policies (l7: true)", () => {
    /** orders (node 1) has HTTP rules; reports (node 2) an L3/L4 policy. */
    const l7Shop = () =>
      shop({
        policies: [
          { to: "orders", allowFrom: ["frontend"], l7: true },
          { to: "reports", allowFrom: ["orders"] },
        ],
      });

    it("under Cilium only the protected service's calls pass its node's Envoy; the others stay in the kernel", async () => {
      const cilium = (await run(["cilium"], "off", l7Shop())).get("cilium")!;
      const visits = (station: string) => cilium.hops.find((hop) => hop.station === station)!.visitsPerRequest;
      // orders is called by 3 requests in 4, and a call passes the Envoy twice (request, response).
      expect(visits("envoy/node-1")).toBeCloseTo(visits("app/orders") * 2, 12);
      expect(visits("envoy/node-0")).toBe(0);
      expect(visits("envoy/node-2")).toBe(0);
      expect(cilium.byRequestType.order.requests.failed).toBe(0);
      expect(cilium.byRequestType.report.requests.completed).toBe(0);
      // The node Envoys run (a DaemonSet) and count in the resources.
      expect(cilium.resources.dataPlane.proxies).toBe(3);
    });

    it("under a sidecar mesh an L7 policy costs what its policy costs today (its proxy evaluates it anyway)", () => {
      const profile: MeshProfile = {
        ...profileOf("sidecar", { proxy: constantProxy(0.1), redirectMsPerPass: 0 }),
        defaults: { keyType: "ecdsa-p256" },
        security: { mtlsModes: ["strict"], mtlsPerService: false, handshake: "tls13", sessionResumption: true, encryptionCpuMsPerKiB: 0, authorization: "identity", authorizationCpuMs: 0.05, l7Policy: "proxy" },
      };
      const l4 = runOneCall({ profile, mtls: "strict", allowFrom: ["load-generator"] });
      const l7 = runOneCall({ profile, mtls: "strict", allowFrom: ["load-generator"], l7Policy: true });
      expect(l7.latencies).toEqual(l4.latencies);
      expect(l7.groups).toEqual(l4.groups);
    });

    it("under ambient an L7 policy sends the protected service's calls through the waypoint, without mesh.l7", async () => {
      const ambient = (await run(["istio-ambient"], "strict", l7Shop())).get("istio-ambient")!;
      const visits = (station: string) => ambient.hops.find((hop) => hop.station === station)!.visitsPerRequest;
      expect(visits("waypoint")).toBeCloseTo(visits("app/orders") * 2, 12);
      expect(ambient.resources.dataPlane.proxies).toBe(4);
    });

    it("a mesh whose policies cannot look at L7 says so, naming the services", async () => {
      const error = await run(["kuma"], "strict", l7Shop()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedSettingError);
      expect((error as Error).message).toBe(
        "mesh kuma cannot express L7 policies (policies with l7: true, on orders): its policies cannot look at HTTP requests or Kafka topics; drop l7: true to enforce them by caller alone",
      );
    });
  });

  it("a policy naming an unknown service is a scenario error", () => {
    expect(() => shop({ policies: [{ to: "order", allowFrom: ["frontend"] }] })).toThrow(
      new ScenarioError("shop.yaml", "policies[0].to", "names unknown service order (did you mean orders?)"),
    );
  });
});
