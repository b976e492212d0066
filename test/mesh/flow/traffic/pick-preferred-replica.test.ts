/**
 * pickPreferredReplica on a hand-built ClientViews: one client's view of a service with 4 replicas,
 * replicas 0 and 1 in the caller's zone. A strict preference (kube-proxy's PreferSameZone) keeps to
 * them whatever their health; Envoy's priority levels spill the share 1.4 x healthy cannot cover.
 */

import { describe, expect, it } from "vitest";
import { LB_RANDOM, LB_ROUND_ROBIN, LOCALITY_PRIORITY, LOCALITY_SAME_ZONE } from "../../../../src/mesh/compile/index.js";
import { ClientViews } from "../../../../src/mesh/flow/traffic/client-views.js";
import { EWMA_DEFAULT_RTT_MS } from "../../../../src/mesh/flow/traffic/pick-replica.js";
import { OVERPROVISIONING_FACTOR, pickPreferredReplica } from "../../../../src/mesh/flow/traffic/pick-preferred-replica.js";
import { createRng } from "../../../../src/random/index.js";

const LOCAL = Int32Array.from([0, 1]);
const REMOTE = Int32Array.from([2, 3]);

function viewOf() {
  const views = new ClientViews(1, [4]);
  return { views, view: views.view(0, 0, EWMA_DEFAULT_RTT_MS) };
}

function eject(views: ClientViews, view: number, replica: number, untilMs: number): void {
  views.slotEjectedUntil[views.viewBase[view] + replica] = untilMs;
  views.viewEjected[view]++;
}

/** How many of `draws` picks go to each replica. */
function spread(pick: () => number, draws: number): number[] {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < draws; i++) counts[pick()]++;
  return counts;
}

describe("pickPreferredReplica", () => {
  it.each([LOCALITY_SAME_ZONE, LOCALITY_PRIORITY])("pickPreferredReplica(mode %i, every replica healthy) keeps to the local replicas, in round-robin order", (mode) => {
    const { views, view } = viewOf();
    const picks = Array.from({ length: 4 }, () => pickPreferredReplica(views, view, 4, LOCAL, REMOTE, mode, LB_ROUND_ROBIN, 0, createRng(1)));
    expect(picks).toEqual([0, 1, 0, 1]);
  });

  it("pickPreferredReplica(no local replica) balances over every replica", () => {
    const { views, view } = viewOf();
    const rng = createRng(3);
    const counts = spread(() => pickPreferredReplica(views, view, 4, new Int32Array(0), Int32Array.from([0, 1, 2, 3]), LOCALITY_SAME_ZONE, LB_RANDOM, 0, rng), 4000);
    for (const count of counts) expect(count).toBeGreaterThan(850);
  });

  it("pickPreferredReplica(strict preference, both local replicas ejected) still sends every call to them: kube-proxy sees readiness, not outliers", () => {
    const { views, view } = viewOf();
    eject(views, view, 0, 1000);
    eject(views, view, 1, 1000);
    const counts = spread(() => pickPreferredReplica(views, view, 4, LOCAL, REMOTE, LOCALITY_SAME_ZONE, LB_RANDOM, 0, createRng(5)), 100);
    expect(counts[2] + counts[3]).toBe(0);
  });

  it("pickPreferredReplica(priority, one of two local replicas ejected) sends 1.4 x 50% = 70% to the healthy local one, 30% to the other zones", () => {
    const { views, view } = viewOf();
    eject(views, view, 0, 1000);
    const rng = createRng(7);
    const draws = 20_000;
    const counts = spread(() => pickPreferredReplica(views, view, 4, LOCAL, REMOTE, LOCALITY_PRIORITY, LB_RANDOM, 0, rng), draws);
    expect(counts[0]).toBe(0);
    const expectedLocal = OVERPROVISIONING_FACTOR * 0.5;
    // Binomial standard error at 20,000 draws is 0.0032; four of them.
    expect(Math.abs(counts[1] / draws - expectedLocal)).toBeLessThan(0.013);
    expect(Math.abs((counts[2] + counts[3]) / draws - (1 - expectedLocal))).toBeLessThan(0.013);
  });

  it("pickPreferredReplica(priority, every local replica ejected) fails over to the other zones entirely; after the ejection ends it comes back", () => {
    const { views, view } = viewOf();
    eject(views, view, 0, 1000);
    eject(views, view, 1, 1000);
    const rng = createRng(9);
    const during = spread(() => pickPreferredReplica(views, view, 4, LOCAL, REMOTE, LOCALITY_PRIORITY, LB_RANDOM, 500, rng), 200);
    expect(during[0] + during[1]).toBe(0);
    const after = spread(() => pickPreferredReplica(views, view, 4, LOCAL, REMOTE, LOCALITY_PRIORITY, LB_RANDOM, 1000, rng), 200);
    expect(after[2] + after[3]).toBe(0);
  });
});

describe("pickPreferredReplica: replicas out of the endpoints", () => {
  it.each([LOCALITY_SAME_ZONE, LOCALITY_PRIORITY])("pickPreferredReplica(mode %i) fails a zone whose replicas are all out over to the others", (mode) => {
    const { views, view } = viewOf();
    const rng = createRng(3);
    const counts = spread(() => pickPreferredReplica(views, view, 4, LOCAL, REMOTE, mode, LB_RANDOM, 0, rng, Uint8Array.of(1, 1, 0, 0)), 400);
    expect(counts[0] + counts[1]).toBe(0);
    expect(counts[2]).toBeGreaterThan(150);
    expect(counts[3]).toBeGreaterThan(150);
  });

  it("pickPreferredReplica(priority) with one of two local replicas out sends min(1, 1.4 x 1/1) = all to the listed local one", () => {
    const { views, view } = viewOf();
    const rng = createRng(5);
    const counts = spread(() => pickPreferredReplica(views, view, 4, LOCAL, REMOTE, LOCALITY_PRIORITY, LB_RANDOM, 0, rng, Uint8Array.of(0, 1, 0, 0)), 200);
    expect(counts).toEqual([200, 0, 0, 0]);
  });

  it("pickPreferredReplica returns -1 when every replica is out", () => {
    const { views, view } = viewOf();
    expect(pickPreferredReplica(views, view, 4, LOCAL, REMOTE, LOCALITY_PRIORITY, LB_RANDOM, 0, createRng(1), Uint8Array.of(1, 1, 1, 1))).toBe(-1);
  });
});
