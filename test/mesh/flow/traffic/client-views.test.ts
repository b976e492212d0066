// ClientViews: a (client, service) view made on first use, its replica slots laid out after the
// views before it, starting at no calls and the default latency estimate, and kept as the slot
// arrays grow past their first size.

import { describe, expect, it } from "vitest";
import { ClientViews } from "../../../../src/mesh/flow/traffic/client-views.js";

describe("ClientViews", () => {
  it("makes a view once per client and service, its slots after the earlier views'", () => {
    const views = new ClientViews(3, [2, 5]);
    const first = views.view(0, 1, 30);
    const second = views.view(2, 0, 30);
    expect(views.view(0, 1, 30)).toBe(first);
    expect([views.viewBase[first], views.viewBase[second]]).toEqual([0, 5]);
    expect([views.viewService[first], views.viewService[second]]).toEqual([1, 0]);
    // Each client starts its round robin at its own replica: client 2 of 2 replicas at replica 0.
    expect(views.viewCursor[second]).toBe(0);
  });

  it("starts a view's slots at no calls, no failures and `initialEwmaMs`, and keeps every view's slots as the arrays grow", () => {
    const views = new ClientViews(41, [40]);
    const first = views.view(0, 0, 30);
    views.slotActive[views.viewBase[first] + 39] = 7;
    views.slotEwmaMs[views.viewBase[first]] = 12.5;
    views.slotEjectedUntil[views.viewBase[first] + 1] = 1_000;
    // 40 views of 40 replicas: 1,600 slots, far past the arrays' first size.
    for (let client = 1; client < 40; client++) views.view(client, 0, 25);
    const last = views.view(40, 0, 25);
    expect(views.viewBase[last]).toBe(40 * 40);
    expect(views.slotActive[views.viewBase[first] + 39]).toBe(7);
    expect(views.slotEwmaMs[views.viewBase[first]]).toBe(12.5);
    expect(views.slotEwmaMs[views.viewBase[first] + 1]).toBe(30);
    expect(views.slotEjectedUntil[views.viewBase[first] + 1]).toBe(1_000);
    const slots = Array.from({ length: 40 }, (_, replica) => views.viewBase[last] + replica);
    expect(slots.map((slot) => views.slotEwmaMs[slot])).toEqual(Array(40).fill(25));
    for (const field of [views.slotActive, views.slotEwmaAt, views.slotConsecutive, views.slotEjectedUntil, views.slotEjections]) {
      expect(slots.map((slot) => field[slot])).toEqual(Array(40).fill(0));
    }
  });

  it("keeps views of clients and services far apart, with no table over every client and service", () => {
    // 20,000 clients of 2,000 services: 4 x 10^7 pairs, of which these few are used.
    const views = new ClientViews(20_000, Array.from({ length: 2000 }, () => 3));
    const far = views.view(19_999, 1_999, 30);
    const near = views.view(0, 0, 30);
    const other = views.view(19_999, 0, 30);
    expect([far, near, other]).toEqual([0, 1, 2]);
    expect(views.view(19_999, 1_999, 30)).toBe(far);
    expect([views.viewService[far], views.viewService[other]]).toEqual([1_999, 0]);
    expect(views.viewBase[other]).toBe(6);
  });
});
