/**
 * pickReplica, observeLatency and healthyCount on a ClientViews built by hand: one client's
 * view of one service with 3 replicas. Random draws come from a scripted generator, so each
 * choice is exact; one check per balancer runs a seeded generator against its expected spread.
 */

import { describe, expect, it } from "vitest";
import { LB_EWMA, LB_LEAST_REQUEST, LB_RANDOM, LB_ROUND_ROBIN } from "../../../../src/mesh/compile/traffic-plan.js";
import { ClientViews } from "../../../../src/mesh/flow/traffic/client-views.js";
import { EWMA_DECAY_MS, EWMA_DEFAULT_RTT_MS, healthyCount, observeLatency, pickReplica } from "../../../../src/mesh/flow/traffic/pick-replica.js";
import { createRng, type Rng } from "../../../../src/random/index.js";

const REPLICAS = 3;

/** A view of `client` on service 0, which has `replicas` replicas. */
function viewOf(client = 0, replicas = REPLICAS) {
  const views = new ClientViews(4, [replicas]);
  const view = views.view(client, 0, EWMA_DEFAULT_RTT_MS);
  return { views, view, base: views.viewBase[view] };
}

/** Returns `draws` in order; fails the test if asked for more. */
function scripted(...draws: number[]): Rng {
  return () => {
    const next = draws.shift();
    if (next === undefined) throw new Error("the balancer drew more random numbers than the test expected");
    return next;
  };
}

const NO_DRAWS = scripted();

/** Marks `replica` ejected until `untilMs`, as outlier detection does. */
function eject(views: ClientViews, view: number, replica: number, untilMs: number): void {
  views.slotEjectedUntil[views.viewBase[view] + replica] = untilMs;
  views.viewEjected[view]++;
}

describe("pickReplica: round robin", () => {
  it("pickReplica(round robin) goes through the replicas in order, from the client's own starting replica, without drawing", () => {
    const first = viewOf(0);
    expect(Array.from({ length: 5 }, () => pickReplica(first.views, first.view, REPLICAS, LB_ROUND_ROBIN, 0, NO_DRAWS))).toEqual([0, 1, 2, 0, 1]);
    const second = viewOf(1);
    expect(Array.from({ length: 4 }, () => pickReplica(second.views, second.view, REPLICAS, LB_ROUND_ROBIN, 0, NO_DRAWS))).toEqual([1, 2, 0, 1]);
  });

  it("pickReplica(one replica) is replica 0 under every balancer, without drawing", () => {
    const { views, view } = viewOf(0, 1);
    for (const balancer of [LB_ROUND_ROBIN, LB_RANDOM, LB_LEAST_REQUEST, LB_EWMA]) expect(pickReplica(views, view, 1, balancer, 0, NO_DRAWS)).toBe(0);
  });
});

describe("pickReplica: random", () => {
  it("pickReplica(random) takes floor(draw x replicas)", () => {
    const { views, view } = viewOf();
    const rng = scripted(0, 0.34, 0.67, 0.999);
    expect(Array.from({ length: 4 }, () => pickReplica(views, view, REPLICAS, LB_RANDOM, 0, rng))).toEqual([0, 1, 2, 2]);
  });

  it("pickReplica(random, a seeded generator) spreads 30000 picks evenly: each replica within 4 standard errors of a third", () => {
    const { views, view } = viewOf();
    const rng = createRng(5, "pick-replica");
    const picks = 30_000;
    const counts = [0, 0, 0];
    for (let i = 0; i < picks; i++) counts[pickReplica(views, view, REPLICAS, LB_RANDOM, 0, rng)]++;
    const standardError = Math.sqrt(((1 / 3) * (2 / 3)) / picks);
    for (const count of counts) expect(Math.abs(count / picks - 1 / 3)).toBeLessThan(4 * standardError);
  });
});

describe("pickReplica: least request (power of two choices)", () => {
  it("pickReplica(least request) compares two distinct random replicas and takes the one with fewer calls outstanding", () => {
    const { views, view, base } = viewOf();
    views.slotActive[base + 0] = 5;
    views.slotActive[base + 1] = 1;
    views.slotActive[base + 2] = 3;
    // First draw: replica 0; second: floor(0.5 x 2) = 1 of the other two, i.e. replica 2. 3 < 5.
    expect(pickReplica(views, view, REPLICAS, LB_LEAST_REQUEST, 0, scripted(0, 0.5))).toBe(2);
    // First: replica 1; second: floor(0 x 2) = 0 of the others, i.e. replica 0. 1 < 5: the first stays.
    expect(pickReplica(views, view, REPLICAS, LB_LEAST_REQUEST, 0, scripted(0.4, 0))).toBe(1);
    // First: replica 2; second: replica 1. 1 < 3.
    expect(pickReplica(views, view, REPLICAS, LB_LEAST_REQUEST, 0, scripted(0.9, 0.9))).toBe(1);
  });

  it("pickReplica(least request, a tie) keeps the first draw", () => {
    const { views, view } = viewOf();
    expect(pickReplica(views, view, REPLICAS, LB_LEAST_REQUEST, 0, scripted(0.9, 0))).toBe(2);
  });

  it("pickReplica(least request, two replicas) never compares a replica with itself: the busier one is never chosen", () => {
    const { views, view, base } = viewOf(0, 2);
    views.slotActive[base + 0] = 4;
    const rng = createRng(5, "pairs");
    for (let i = 0; i < 1000; i++) expect(pickReplica(views, view, 2, LB_LEAST_REQUEST, 0, rng)).toBe(1);
  });
});

describe("pickReplica: peak EWMA", () => {
  it("observeLatency(a slower call) raises the estimate at once; a faster one moves it by 1 - e^(-elapsed / 10 s)", () => {
    const { views, base } = viewOf();
    expect(views.slotEwmaMs[base]).toBe(EWMA_DEFAULT_RTT_MS);
    observeLatency(views, base, 100, 0);
    expect(views.slotEwmaMs[base]).toBe(100);
    observeLatency(views, base, 0, EWMA_DECAY_MS);
    expect(views.slotEwmaMs[base]).toBeCloseTo(100 * Math.exp(-1), 12);
    observeLatency(views, base, 20, EWMA_DECAY_MS);
    // No time has passed: a lower latency does not move the estimate.
    expect(views.slotEwmaMs[base]).toBeCloseTo(100 * Math.exp(-1), 12);
  });

  it("pickReplica(ewma) prefers the replica with the lower estimate x (outstanding + 1)", () => {
    const { views, view, base } = viewOf();
    observeLatency(views, base + 0, 50, 0);
    observeLatency(views, base + 1, 10, 0);
    // Replica 1 is the faster (10 < 50), whichever is drawn first.
    expect(pickReplica(views, view, REPLICAS, LB_EWMA, 0, scripted(0, 0))).toBe(1);
    expect(pickReplica(views, view, REPLICAS, LB_EWMA, 0, scripted(0.4, 0))).toBe(1);
    // With 9 calls outstanding replica 1 costs 10 x 10 = 100 > 50 x 1.
    views.slotActive[base + 1] = 9;
    expect(pickReplica(views, view, REPLICAS, LB_EWMA, 0, scripted(0, 0))).toBe(0);
  });

  it("pickReplica(ewma, a seeded generator) sends most calls to the fastest of three replicas: all but the pairs it is not drawn in", () => {
    const { views, view, base } = viewOf();
    observeLatency(views, base + 0, 40, 0);
    observeLatency(views, base + 1, 40, 0);
    observeLatency(views, base + 2, 5, 0);
    const rng = createRng(5, "ewma");
    const picks = 30_000;
    let fastest = 0;
    for (let i = 0; i < picks; i++) if (pickReplica(views, view, REPLICAS, LB_EWMA, 0, rng) === 2) fastest++;
    // Replica 2 is in 2 of the 3 equally likely pairs and wins both.
    const standardError = Math.sqrt(((2 / 3) * (1 / 3)) / picks);
    expect(Math.abs(fastest / picks - 2 / 3)).toBeLessThan(4 * standardError);
  });
});

describe("pickReplica: ejected replicas", () => {
  it("pickReplica(round robin, replica 1 ejected) skips it until its ejection ends", () => {
    const { views, view } = viewOf();
    eject(views, view, 1, 1000);
    expect(Array.from({ length: 4 }, () => pickReplica(views, view, REPLICAS, LB_ROUND_ROBIN, 500, NO_DRAWS))).toEqual([0, 2, 0, 2]);
    expect(Array.from({ length: 3 }, () => pickReplica(views, view, REPLICAS, LB_ROUND_ROBIN, 1000, NO_DRAWS))).toEqual([0, 1, 2]);
  });

  it("pickReplica(random, replica 1 ejected) draws among the 2 healthy replicas", () => {
    const { views, view } = viewOf();
    eject(views, view, 1, 1000);
    const rng = scripted(0, 0.49, 0.5, 0.99);
    expect(Array.from({ length: 4 }, () => pickReplica(views, view, REPLICAS, LB_RANDOM, 500, rng))).toEqual([0, 0, 2, 2]);
  });

  it("pickReplica(least request, replica 0 ejected) compares the 2 healthy replicas only", () => {
    const { views, view, base } = viewOf();
    eject(views, view, 0, 1000);
    views.slotActive[base + 0] = 0;
    views.slotActive[base + 1] = 2;
    views.slotActive[base + 2] = 1;
    // Draws map to healthy ranks: 0 -> replica 1, then the only other healthy, replica 2.
    expect(pickReplica(views, view, REPLICAS, LB_LEAST_REQUEST, 500, scripted(0, 0))).toBe(2);
  });

  it("pickReplica(2 of 3 ejected) balances over every replica: below half healthy, Envoy's panic mode", () => {
    const { views, view } = viewOf();
    eject(views, view, 0, 1000);
    eject(views, view, 1, 1000);
    expect(Array.from({ length: 3 }, () => pickReplica(views, view, REPLICAS, LB_ROUND_ROBIN, 500, NO_DRAWS))).toEqual([0, 1, 2]);
    expect(pickReplica(views, view, REPLICAS, LB_RANDOM, 500, scripted(0))).toBe(0);
  });
});

describe("healthyCount", () => {
  it("healthyCount(no ejections recorded) is every replica", () => {
    const { views, view } = viewOf();
    expect(healthyCount(views, view, REPLICAS, 0)).toBe(3);
  });

  it("healthyCount(one ejected) counts the others while the ejection lasts, and clears the view's ejected count after", () => {
    const { views, view } = viewOf();
    eject(views, view, 2, 1000);
    expect(healthyCount(views, view, REPLICAS, 999)).toBe(2);
    expect(views.viewEjected[view]).toBe(1);
    expect(healthyCount(views, view, REPLICAS, 1000)).toBe(3);
    expect(views.viewEjected[view]).toBe(0);
  });

  it("healthyCount(views of two clients) keeps each client's ejections to itself", () => {
    const views = new ClientViews(2, [REPLICAS]);
    const mine = views.view(0, 0, EWMA_DEFAULT_RTT_MS);
    const theirs = views.view(1, 0, EWMA_DEFAULT_RTT_MS);
    eject(views, mine, 0, 1000);
    expect(healthyCount(views, mine, REPLICAS, 0)).toBe(2);
    expect(healthyCount(views, theirs, REPLICAS, 0)).toBe(3);
  });
});

describe("pickReplica: replicas out of the endpoints", () => {
  it.each([
    ["random", LB_RANDOM],
    ["least request", LB_LEAST_REQUEST],
    ["peak EWMA", LB_EWMA],
    ["round robin", LB_ROUND_ROBIN],
  ])("pickReplica(%s) never picks a replica that is out, over many seeded draws", (_name, balancer) => {
    const { views, view } = viewOf(0, 4);
    const out = Uint8Array.of(0, 1, 0, 1);
    const rng = createRng(7);
    const picked = new Set<number>();
    for (let i = 0; i < 400; i++) picked.add(pickReplica(views, view, 4, balancer, 0, rng, out));
    expect([...picked].sort()).toEqual([0, 2]);
  });

  it("pickReplica returns -1 when every replica is out", () => {
    const { views, view } = viewOf();
    expect(pickReplica(views, view, REPLICAS, LB_RANDOM, 0, NO_DRAWS, Uint8Array.of(1, 1, 1))).toBe(-1);
  });

  it("pickReplica counts the panic threshold over the listed replicas only: one ejected of two listed is not below half", () => {
    const { views, view } = viewOf();
    eject(views, view, 0, 1000);
    // Replica 2 is out; of the listed 0 and 1, 1 is healthy (50 %): ejected ones are skipped.
    for (let i = 0; i < 20; i++) expect(pickReplica(views, view, REPLICAS, LB_RANDOM, 0, createRng(i), Uint8Array.of(0, 0, 1))).toBe(1);
  });
});
