/**
 * PodLedger: bound and pending pods integrated over the measured window, clipped to it, with the
 * stretches of constant pod counts that fixed costs are weighed over.
 */

import { describe, expect, it } from "vitest";
import { NodeRoom } from "../../../src/cluster/index.js";
import { PodLedger } from "../../../src/runner/replication/pod-ledger.js";

describe("PodLedger", () => {
  it("counts each pod's bound share, pending pod-ms and peak, and node requests, within the window only", () => {
    // One service of 3 pods (network pods 1-3): 1 bound from the start, a second bound at 1500 ms,
    // the third pending from 1500 ms; the window is [1000, 3000).
    const servicePods = [Int32Array.from([1, 2, 3])];
    const bound = Int32Array.from([1]);
    const pending = Int32Array.from([0]);
    const room = new NodeRoom({ vcpu: 1, memoryMb: 1024 }, [{ vcpu: 0.5, memoryMb: 0 }]);
    const ledger = new PodLedger(4, servicePods, bound, pending, room, 1000, 3000);
    ledger.advance(500);
    ledger.advance(1000);
    ledger.notePending(1000);
    ledger.advance(1500);
    bound[0] = 2;
    pending[0] = 1;
    room.tryAdd(0, 0.5, 0);
    ledger.notePending(1500);
    ledger.advance(3000);
    const totals = ledger.totals();
    expect(totals.podShare).toEqual([0, 1, 0.75, 0]);
    expect(totals.pending).toEqual([{ peak: 1, podMs: 1500 }]);
    expect(totals.nodeRequested).toEqual([{ vcpu: 0.5 * 0.25 + 1 * 0.75, memoryMb: 0 }]);
    expect(totals.spans).toEqual([
      { durationMs: 500, pods: [1] },
      { durationMs: 1500, pods: [2] },
    ]);
  });
});
