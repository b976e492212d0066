import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/index.js";
import { ConnectionPool } from "../../src/queueing/index.js";

describe("ConnectionPool", () => {
  it("grants up to size at once, then queues in FIFO order and reports when each queued", () => {
    const sim = new Simulation();
    const granted: Array<[number, number, number]> = [];
    const pool = new ConnectionPool(sim, 2, (job, since) => granted.push([job, since, sim.now]));
    expect(pool.tryAcquire(1)).toBe(true);
    expect(pool.tryAcquire(2)).toBe(true);
    const later = sim.on("later", (job) => {
      if (!pool.tryAcquire(job)) return;
      granted.push([job, sim.now, sim.now]);
    });
    const release = sim.on("release", () => pool.release());
    sim.schedule(1, later, 3);
    sim.schedule(2, later, 4);
    sim.schedule(5, release, 0);
    sim.schedule(6, release, 0);
    sim.run();
    expect(granted).toEqual([
      [3, 1, 5],
      [4, 2, 6],
    ]);
    expect(pool.meanWaitMs).toBeCloseTo((0 + 0 + 4 + 4) / 4);
    expect(pool.inUse).toBe(2);
  });

  it("counts the grants, those that waited and their wait since the last reset", () => {
    const sim = new Simulation();
    const pool = new ConnectionPool(sim, 1, () => {});
    const arrive = sim.on("arrive", (job) => pool.tryAcquire(job));
    const release = sim.on("release", () => pool.release());
    sim.schedule(0, arrive, 1);
    sim.schedule(1, arrive, 2);
    sim.schedule(4, release, 0); // job 2 waited 3 ms
    sim.run();
    expect(pool.waitStats()).toEqual({ granted: 2, waited: 1, waitMs: 3 });
    pool.resetStats();
    expect(pool.waitStats()).toEqual({ granted: 0, waited: 0, waitMs: 0 });
    sim.schedule(0, arrive, 3);
    sim.schedule(2, release, 0); // job 3 waited 2 ms, counted after the reset
    sim.run();
    expect(pool.waitStats()).toEqual({ granted: 1, waited: 1, waitMs: 2 });
  });

  it("release() with nobody waiting frees the connection", () => {
    const sim = new Simulation();
    const pool = new ConnectionPool(sim, 1, () => {});
    pool.tryAcquire(1);
    pool.release();
    expect(pool.inUse).toBe(0);
    expect(pool.tryAcquire(2)).toBe(true);
  });

  it("rejects a size that is not a positive integer", () => {
    expect(() => new ConnectionPool(new Simulation(), 1.5, () => {})).toThrow("connection pool size must be a positive integer, got 1.5");
  });
});
