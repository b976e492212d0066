import { describe, expect, it } from "vitest";
import { defaultIntervalS, intervalCount, MAX_TIMELINE_INTERVALS, TimelineRecorder } from "../../../src/runner/index.js";

describe("TimelineRecorder", () => {
  it("puts each request in the interval of its send (offered), completion or failure, inside the window only", () => {
    const timeline = new TimelineRecorder(1000, 3500, 1000);
    expect(timeline.count).toBe(3);
    timeline.offered(999);
    timeline.offered(1000);
    timeline.offered(3499);
    timeline.offered(3500);
    timeline.completed(1999.9, 5);
    timeline.completed(2000, 7);
    timeline.completed(4000, 9);
    timeline.failed(3200, "timeout");
    timeline.failed(3300, "timeout");
    const { intervalMs, intervals } = timeline.totals();
    expect(intervalMs).toBe(1000);
    expect(intervals.map((interval) => interval.offered)).toEqual([1, 0, 1]);
    expect(intervals.map((interval) => interval.latency.count)).toEqual([1, 1, 0]);
    expect(intervals[1].latency.max).toBe(7);
    expect(intervals.map((interval) => interval.failedByReason)).toEqual([{}, {}, { timeout: 2 }]);
    expect(intervals[0]).not.toHaveProperty("nodeCpuMs");
  });

  it("keeps each node's CPU per interval once set", () => {
    const timeline = new TimelineRecorder(0, 2000, 1000);
    timeline.setNodeCpu(1, [300, 40]);
    expect(timeline.totals().intervals.map((interval) => interval.nodeCpuMs)).toEqual([[0, 0], [300, 40]]);
  });

  it.each([
    [30_000, 1000, 30],
    [300, 100, 3],
    [2500, 1000, 3],
    [10, 1000, 1],
  ])("intervalCount(%i ms, %i ms) is %i: the last interval may be shorter, never a float sliver", (windowMs, intervalMs, count) => {
    expect(intervalCount(windowMs, intervalMs)).toBe(count);
  });

  it("defaultIntervalS is 1 s, grown in whole seconds to stay within MAX_TIMELINE_INTERVALS", () => {
    expect(defaultIntervalS(60)).toBe(1);
    expect(defaultIntervalS(MAX_TIMELINE_INTERVALS)).toBe(1);
    expect(defaultIntervalS(4 * 3600)).toBe(4);
  });
});
