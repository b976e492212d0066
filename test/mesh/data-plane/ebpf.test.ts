import { describe, expect, it } from "vitest";
import { constantProxy, profileOf, runOneCall } from "./_one-call.js";

const cilium = profileOf("ebpf", { kernel: { perRequestUs: 5 }, l7Proxy: constantProxy(0.15) });

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
