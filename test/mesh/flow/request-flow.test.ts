import { describe, expect, it } from "vitest";
import { latencyOfOneRequest, constant } from "./_one-request.js";

describe("RequestFlow", () => {
  it("a first call pays a TCP handshake, then the network both ways and the callee's service time", () => {
    const { latencies } = latencyOfOneRequest([{ name: "a", serviceTime: constant(1) }], [], 0.25);
    // 0.5 (one round trip to connect) + 0.25 + 1 + 0.25.
    expect(latencies).toEqual([2]);
  });

  it("spreads calls over replicas at random, roughly evenly", () => {
    const services = [
      { name: "a", serviceTime: constant(0), concurrency: 1000 },
      { name: "b", replicas: 4, serviceTime: constant(0), concurrency: 1000 },
    ];
    const { flow } = latencyOfOneRequest(services, [{ call: "b" }], 0, 8000);
    const visits = [1, 2, 3, 4].map((i) => flow.network.stations[i].stats().visits);
    for (const count of visits) expect(Math.abs(count - 2000)).toBeLessThan(6 * Math.sqrt(8000 * 0.25 * 0.75));
  });

  it("startRequest() beyond maxInFlight fails as overloaded, naming the longest queue", () => {
    const services = [{ name: "a", serviceTime: constant(1), concurrency: 1 }];
    expect(() => latencyOfOneRequest(services, [], 0, 1001, 1000)).toThrow(/more than 1000 calls in flight .* longest queue: a\[0\] with 999 waiting/);
  });
});
