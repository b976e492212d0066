import { describe, expect, it } from "vitest";
import { Link } from "../../src/queueing/index.js";

describe("Link", () => {
  it("delayMs() adds serialisation at the bandwidth to the propagation delay", () => {
    // 1250 bytes = 10,000 bits at 10 Gbit/s = 1 µs = 0.001 ms.
    expect(new Link(0.1, 10).delayMs(1250)).toBeCloseTo(0.101, 12);
    expect(new Link(0.1, 10).delayMs(0)).toBe(0.1);
  });

  it.each([
    [-1, 10, "link oneWayMs must be a non-negative number, got -1"],
    [0, 0, "link bandwidthGbps must be a positive number, got 0"],
  ])("new Link(%s, %s) throws %s", (oneWayMs, bandwidth, message) => {
    expect(() => new Link(oneWayMs, bandwidth)).toThrow(message);
  });
});
