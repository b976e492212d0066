import { describe, expect, it } from "vitest";
import { CONNECTION_NEW, CONNECTION_RESUMED, CONNECTION_REUSED, ConnectionPools } from "../../../src/mesh/flow/connection-pools.js";

/** Pools with one idle timeout each and a clock the test sets. */
function timedPools(...idleTimeoutMs: number[]) {
  const clock = { now: 0 };
  const pools = new ConnectionPools(idleTimeoutMs.length, { now: () => clock.now, idleTimeoutMs: Float64Array.from(idleTimeoutMs) });
  return { pools, clock };
}

describe("ConnectionPools", () => {
  it("HTTP/1.1 with keep-alive reuses an idle connection and opens another when all are busy", () => {
    const pools = new ConnectionPools(1);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    pools.release(0, true);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
    expect(pools.counts()).toEqual({ opened: 2, resumed: 0, closedIdle: 0 });
  });

  it("a multiplexed pool carries concurrent calls over one connection", () => {
    const pools = new ConnectionPools(1);
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_NEW);
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_REUSED);
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_REUSED);
    expect(pools.counts().opened).toBe(1);
  });

  it("without keep-alive every call opens a connection, resuming the TLS session when allowed", () => {
    const pools = new ConnectionPools(2);
    expect(pools.acquire(0, false, false, true)).toBe(CONNECTION_NEW);
    pools.release(0, false);
    expect(pools.acquire(0, false, false, true)).toBe(CONNECTION_RESUMED);
    pools.release(0, false);
    expect(pools.acquire(0, false, false, false)).toBe(CONNECTION_NEW);
    expect(pools.acquire(1, false, false, true)).toBe(CONNECTION_NEW);
    expect(pools.counts()).toEqual({ opened: 4, resumed: 1, closedIdle: 0 });
  });
});

describe("ConnectionPools.rotateCertificates", () => {
  it("closes idle connections now and busy ones when their call ends; the next connection is a full handshake", () => {
    const pools = new ConnectionPools(1);
    pools.acquire(0, true, false, true);
    pools.acquire(0, true, false, true);
    pools.release(0, true);
    // Now one idle and one busy connection; the rotation closes the idle one at once.
    pools.rotateCertificates();
    expect(pools.acquire(0, true, false, true)).toBe(CONNECTION_NEW);
    // Two calls end; one connection (the rotated one) closes, one stays.
    pools.release(0, true);
    pools.release(0, true);
    expect(pools.acquire(0, true, false, true)).toBe(CONNECTION_REUSED);
    // Sessions under the new certificate can be resumed again.
    expect(pools.acquire(0, true, false, true)).toBe(CONNECTION_RESUMED);
  });
});

describe("ConnectionPools idle timeouts", () => {
  it("a pooled connection idle for the timeout closes: a call every 10 s with a 5 s timeout reconnects each time, resuming the session", () => {
    const { pools, clock } = timedPools(5000);
    expect(pools.acquire(0, true, false, true)).toBe(CONNECTION_NEW);
    pools.release(0, true);
    for (let call = 1; call <= 3; call++) {
      clock.now = call * 10_000;
      expect(pools.acquire(0, true, false, true)).toBe(CONNECTION_RESUMED);
      pools.release(0, true);
    }
    expect(pools.counts()).toEqual({ opened: 4, resumed: 3, closedIdle: 3 });
  });

  it("the same calls under a 1 h timeout reuse the first connection", () => {
    const { pools, clock } = timedPools(3_600_000);
    pools.acquire(0, true, false, true);
    pools.release(0, true);
    for (let call = 1; call <= 3; call++) {
      clock.now = call * 10_000;
      expect(pools.acquire(0, true, false, true)).toBe(CONNECTION_REUSED);
      pools.release(0, true);
    }
    expect(pools.counts()).toEqual({ opened: 1, resumed: 0, closedIdle: 0 });
  });

  it("a connection idle for exactly the timeout is closed; one idle for less is reused", () => {
    const { pools, clock } = timedPools(5000);
    pools.acquire(0, true, false, false);
    pools.release(0, true);
    clock.now = 4999;
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
    pools.release(0, true);
    clock.now = 4999 + 5000;
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    expect(pools.counts().closedIdle).toBe(1);
  });

  it("HTTP/1.1 reuses the most recently released connection, so the oldest idle ones expire (LIFO)", () => {
    const { pools, clock } = timedPools(3500);
    for (let i = 0; i < 3; i++) pools.acquire(0, true, false, false);
    // Released at 1, 2 and 3 s: idle since 1, 2, 3.
    for (const at of [1000, 2000, 3000]) {
      clock.now = at;
      pools.release(0, true);
    }
    // At 4 s nothing has idled 3.5 s; the call takes the connection idle since 3 s and hands it back.
    clock.now = 4000;
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
    pools.release(0, true);
    // At 5.2 s the connection idle since 1 s has expired (4.2 s); those since 2 and 4 s remain.
    // Reusing the oldest instead (FIFO) would have kept all three alive.
    clock.now = 5200;
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    expect(pools.counts()).toEqual({ opened: 4, resumed: 0, closedIdle: 1 });
  });

  it("an HTTP/1.1 pool that once held many connections closes every one that idles out", () => {
    const { pools, clock } = timedPools(1000);
    for (let i = 0; i < 10; i++) pools.acquire(0, true, false, false);
    for (let i = 0; i < 10; i++) {
      clock.now = i;
      pools.release(0, true);
    }
    clock.now = 1004;
    // The five released at 0-4 ms have idled 1 s; the five released at 5-9 ms have not.
    for (let i = 0; i < 5; i++) expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    expect(pools.counts()).toEqual({ opened: 11, resumed: 0, closedIdle: 5 });
  });

  it("a multiplexed connection is idle from the end of its last call, not its first", () => {
    const { pools, clock } = timedPools(5000);
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_NEW);
    clock.now = 1000;
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_REUSED);
    clock.now = 2000;
    pools.release(0, true);
    clock.now = 6000;
    pools.release(0, true);
    // Idle since 6 s: at 10 s only 4 s have passed.
    clock.now = 10_000;
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_REUSED);
    pools.release(0, true);
    clock.now = 15_000;
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_NEW);
    expect(pools.counts()).toEqual({ opened: 2, resumed: 0, closedIdle: 1 });
  });

  it("a busy multiplexed connection never idles out, however long its calls take", () => {
    const { pools, clock } = timedPools(5000);
    pools.acquire(0, true, true, false);
    clock.now = 60_000;
    expect(pools.acquire(0, true, true, false)).toBe(CONNECTION_REUSED);
    expect(pools.counts().closedIdle).toBe(0);
  });

  it("each pool has its own timeout", () => {
    const { pools, clock } = timedPools(5000, Infinity);
    for (const pool of [0, 1]) {
      pools.acquire(pool, true, false, false);
      pools.release(pool, true);
    }
    clock.now = 10_000;
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    expect(pools.acquire(1, true, false, false)).toBe(CONNECTION_REUSED);
  });

  it("connections a certificate rotation closed are not counted again as idle closes", () => {
    const { pools, clock } = timedPools(5000);
    pools.acquire(0, true, false, true);
    pools.release(0, true);
    pools.rotateCertificates();
    clock.now = 10_000;
    expect(pools.acquire(0, true, false, true)).toBe(CONNECTION_NEW);
    expect(pools.counts()).toEqual({ opened: 2, resumed: 0, closedIdle: 0 });
  });

  it("pools without a timeout never read the clock", () => {
    const pools = new ConnectionPools(1, {
      now: () => {
        throw new Error("clock read");
      },
      idleTimeoutMs: Float64Array.of(Infinity),
    });
    pools.acquire(0, true, false, false);
    pools.release(0, true);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
  });

  it.each([
    ["one timeout short", new Float64Array(1), "idleTimeoutMs must hold one timeout per pool (2), got 1"],
    ["a zero timeout", Float64Array.of(5000, 0), "idleTimeoutMs[1] must be a positive number of ms, got 0"],
    ["a NaN timeout", Float64Array.of(Number.NaN, 5000), "idleTimeoutMs[0] must be a positive number of ms, got NaN"],
  ])("new ConnectionPools(2, %s) throws a RangeError naming it", (_what, idleTimeoutMs, message) => {
    expect(() => new ConnectionPools(2, { now: () => 0, idleTimeoutMs })).toThrow(new RangeError(message));
  });
});
