import { describe, expect, it } from "vitest";
import { CONNECTION_NEW, CONNECTION_RESUMED, CONNECTION_REUSED, ConnectionPools } from "../../src/mesh/connection-pools.js";

describe("ConnectionPools", () => {
  it("HTTP/1.1 with keep-alive reuses an idle connection and opens another when all are busy", () => {
    const pools = new ConnectionPools(1);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_NEW);
    pools.release(0, true);
    expect(pools.acquire(0, true, false, false)).toBe(CONNECTION_REUSED);
    expect(pools.counts()).toEqual({ opened: 2, resumed: 0 });
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
    expect(pools.counts()).toEqual({ opened: 4, resumed: 1 });
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
