import { describe, expect, it } from "vitest";
import { constantProxy, profileOf, runOneCall } from "./_one-call.js";

const ambient = profileOf("ambient", { proxy: constantProxy(0.05), l7Proxy: constantProxy(0.2) });

describe("ambient data plane", () => {
  it("L4 passes the ztunnel on the client's node and on the server's", () => {
    const { latencies, groups } = runOneCall({ profile: ambient, serverNode: 1 });
    expect(latencies[0]).toBeCloseTo(0.2 + 1 + 4 * 0.05, 12);
    expect(groups).toEqual(["app/server", "ztunnel/node-0", "ztunnel/node-1", "ztunnel/node-2"]);
  });

  it("with L7 on, traffic also goes through the waypoint (on the last node)", () => {
    const { latencies, groups } = runOneCall({ profile: ambient, serverNode: 1, l7: true });
    // Node 0 -> waypoint on node 2 -> node 1: two cross-node legs each way, plus 2 waypoint passes.
    expect(latencies[0]).toBeCloseTo(4 * 0.1 + 1 + 4 * 0.05 + 2 * 0.2, 12);
    expect(groups).toContain("waypoint");
  });
});
