import { describe, expect, it } from "vitest";
import { constantProxy, profileOf, runOneCall } from "./_one-call.js";

describe("node-agent data plane", () => {
  it("linker-to-linker: both nodes' agents, each reached over a same-node hop", () => {
    const profile = profileOf("node-agent", { proxy: constantProxy(0.1), agentHops: "both" });
    const { latencies, groups } = runOneCall({ profile, serverNode: 1 });
    // Request: 0.01 to agent 0, 0.1 there, 0.1 cross-node, 0.1 at agent 1, 0.01 to the app; response mirrors.
    expect(latencies[0]).toBeCloseTo(1 + 2 * (0.01 + 0.1 + 0.1 + 0.1 + 0.01), 12);
    expect(groups).toEqual(["app/server", "agent/node-0", "agent/node-1", "agent/node-2"]);
  });

  it("client-only hops (Traefik Mesh) pass just the client node's agent", () => {
    const profile = profileOf("node-agent", { proxy: constantProxy(0.1), agentHops: "client" });
    const { latencies } = runOneCall({ profile, serverNode: 1 });
    expect(latencies[0]).toBeCloseTo(1 + 2 * (0.01 + 0.1 + 0.1), 12);
  });

  it("pods on one node share its agent", () => {
    const profile = profileOf("node-agent", { proxy: constantProxy(0.1), agentHops: "both" });
    const { stations } = runOneCall({ profile, serverNode: 0, warm: false });
    // Client and server both on node 0: its agent sees all four passes.
    expect(stations[1].stats().visits).toBe(4);
  });
});
