/**
 * NodeRoom: the requests bound to each node while a run adds and removes pods, with the
 * NodeResourcesFit filter's rule (a request fits within what is left; a zero request always).
 */

import { describe, expect, it } from "vitest";
import { NodeRoom, fitsRoom } from "../../src/cluster/index.js";

describe("fitsRoom", () => {
  it.each([
    [500, 0, 500, 0, true],
    [501, 0, 500, 1024, false],
    [0, 2048, 0, 1024, false],
    [0, 0, 0, 0, true],
  ])("fitsRoom(%i m, %i KiB into %i m, %i KiB) is %s", (milli, kib, leftMilli, leftKib, expected) => {
    expect(fitsRoom(milli, kib, leftMilli, leftKib)).toBe(expected);
  });
});

describe("NodeRoom", () => {
  it("tryAdd binds a pod while it fits and refuses it after; remove frees its room", () => {
    const room = new NodeRoom({ vcpu: 1, memoryMb: 1024 }, [{ vcpu: 0.2, memoryMb: 0 }, { vcpu: 0, memoryMb: 0 }]);
    expect(room.tryAdd(0, 0.4, 256)).toBe(true);
    expect(room.tryAdd(0, 0.4, 256)).toBe(true);
    expect(room.tryAdd(0, 0.4, 256)).toBe(false);
    expect(room.requested(0)).toEqual({ vcpu: 1, memoryMb: 512 });
    room.remove(0, 0.4, 256);
    expect(room.tryAdd(0, 0.4, 256)).toBe(true);
    expect(room.requested(1)).toEqual({ vcpu: 0, memoryMb: 0 });
    expect(room.nodeCount).toBe(2);
  });
});
