/**
 * A proxy's pass times draw from a stream seeded only by seed(), which the network calls when it
 * first builds a chain through the proxy: late seeding gives the draws early seeding would.
 */

import { describe, expect, it } from "vitest";
import { createProxyPassTimes, type PassInfo } from "../../../src/mesh/compile/proxy-cost-model.js";
import type { ProxyCost } from "../../../src/mesh/index.js";
import { createRng, type Rng } from "../../../src/random/index.js";

const table = (ms: number) => ({ http1: ms, http2: ms, grpc: ms, tcp: ms });
const COST: ProxyCost = { implementation: "test", workers: 2, pathMsPerPass: table(0.2), pathCv: 0.5, cpuMsPerRequest: table(0.3), cpuMsPerKiB: 0, memory: { baseMb: 1, perConnectionKb: 0, perEndpointKb: 0 } };
/** Every pass an http1 call of no payload, on a reused plain connection. */
const PASS: PassInfo = { describe: (_, facts) => ((facts.protocol = 0), (facts.payloadKiB = 0)), encryptionCpuMsOf: () => 0 };

function pathTimes(draws: number, seedFirst: () => void, times: ReturnType<typeof createProxyPassTimes>): number[] {
  seedFirst();
  return Array.from({ length: draws }, (_, job) => {
    times.draw(job);
    return times.serviceMs;
  });
}

describe("createProxyPassTimes", () => {
  it("asks for its stream only when seeded, once however often seed() is called", () => {
    let asked = 0;
    const times = createProxyPassTimes(COST, () => (asked++, createRng(1, "proxy")), PASS, true);
    expect(asked).toBe(0);
    times.seed();
    times.seed();
    expect(asked).toBe(1);
  });

  it("draws what a proxy given its stream at once draws", () => {
    const early: Rng = createRng(7, "proxy", "web[0]:sidecar");
    const atOnce = createProxyPassTimes(COST, () => early, PASS, true);
    atOnce.seed();
    const late = createProxyPassTimes(COST, () => createRng(7, "proxy", "web[0]:sidecar"), PASS, true);
    const expected = pathTimes(50, () => {}, atOnce);
    const seededLate = pathTimes(50, () => late.seed(), late);
    expect(seededLate).toEqual(expected);
    expect(new Set(expected).size).toBe(50);
  });

  it("refuses a pass drawn before seeding: a proxy on no chain built", () => {
    const times = createProxyPassTimes(COST, () => createRng(1, "proxy"), PASS, true);
    expect(() => times.draw(0)).toThrow("a proxy's pass was drawn before its random stream was seeded");
  });
});
