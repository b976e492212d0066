// RequestRecorder: latencies of requests sent inside the window, and a clear overload (exit 2)
// for one that took longer than a histogram can record, instead of an internal error.

import { describe, expect, it } from "vitest";
import { OverloadError } from "../../../src/mesh/index.js";
import { RequestRecorder } from "../../../src/runner/replication/request-recorder.js";
import { LatencyHistogram, MAX_RECORDABLE_MS } from "../../../src/stats/index.js";

describe("RequestRecorder", () => {
  it("records requests sent inside the window only, overall and by type", () => {
    const recorder = new RequestRecorder(["get", "put"], 1000, 2000);
    recorder.completed(1, 1500, 1510);
    recorder.completed(0, 999, 1200);
    recorder.completed(0, 2000, 2100);
    expect(recorder.overall().count).toBe(1);
    expect(recorder.byType.map((histogram) => histogram.count)).toEqual([0, 1]);
  });

  it("overall is exactly what recording every request in one histogram gives (counts, min, max, integer sum)", () => {
    const recorder = new RequestRecorder(["get", "put", "list"], 0, 1e9);
    const direct = new LatencyHistogram();
    for (let i = 0; i < 5000; i++) {
      // Long and short latencies, so the sum's two words both move.
      const latency = i % 7 === 0 ? 3.6e6 + i * 1.37 : 0.125 + (i % 97) * 0.731;
      recorder.completed(i % 3, i, i + latency);
      direct.record(i + latency - i);
    }
    expect(JSON.stringify(recorder.overall().toJSON())).toBe(JSON.stringify(direct.toJSON()));
  });

  it("a released recorder's histograms serve the next recorder emptied: it records as a fresh one does", () => {
    const first = new RequestRecorder(["get", "put"], 0, 1e6);
    for (let i = 0; i < 100; i++) first.completed(i % 2, i, i + 5 + i);
    const given = [...first.byType];
    first.release();
    expect(first.byType).toEqual([]);
    const second = new RequestRecorder(["get", "put", "list"], 0, 1e6);
    expect(second.byType.filter((histogram) => given.includes(histogram))).toHaveLength(2);
    const fresh = new LatencyHistogram();
    for (let i = 0; i < 50; i++) {
      second.completed(2, i, i + 1.5);
      second.completed(0, i, i + 1.5);
      fresh.record(1.5);
    }
    expect(JSON.stringify(second.byType[0].toJSON())).toBe(JSON.stringify(fresh.toJSON()));
    expect(second.byType[1].count).toBe(0);
    expect(JSON.stringify(second.byType[2].toJSON())).toBe(JSON.stringify(fresh.toJSON()));
  });

  it("regression: a request longer than a histogram records is an overload naming its type, not a RangeError", () => {
    const recorder = new RequestRecorder(["get"], 0, 1000);
    expect(() => recorder.completed(0, 10, 10 + MAX_RECORDABLE_MS * 2)).toThrow(OverloadError);
    expect(() => recorder.completed(0, 10, 10 + 1e300)).toThrow(/a get request took more than the 104 simulated days a latency histogram records/);
    expect(() => recorder.completed(0, 10, 10 + MAX_RECORDABLE_MS / 2)).not.toThrow();
  });
});
