// RequestRecorder: latencies of requests sent inside the window, and a clear overload (exit 2)
// for one that took longer than a histogram can record, instead of an internal error.

import { describe, expect, it } from "vitest";
import { OverloadError } from "../../src/mesh/index.js";
import { RequestRecorder } from "../../src/runner/request-recorder.js";
import { MAX_RECORDABLE_MS } from "../../src/stats/index.js";

describe("RequestRecorder", () => {
  it("records requests sent inside the window only, overall and by type", () => {
    const recorder = new RequestRecorder(["get", "put"], 1000, 2000);
    recorder.completed(1, 1500, 1510);
    recorder.completed(0, 999, 1200);
    recorder.completed(0, 2000, 2100);
    expect(recorder.overall.count).toBe(1);
    expect(recorder.byType.map((histogram) => histogram.count)).toEqual([0, 1]);
  });

  it("regression: a request longer than a histogram records is an overload naming its type, not a RangeError", () => {
    const recorder = new RequestRecorder(["get"], 0, 1000);
    expect(() => recorder.completed(0, 10, 10 + MAX_RECORDABLE_MS * 2)).toThrow(OverloadError);
    expect(() => recorder.completed(0, 10, 10 + 1e300)).toThrow(/a get request took more than the 104 simulated days a latency histogram records/);
    expect(() => recorder.completed(0, 10, 10 + MAX_RECORDABLE_MS / 2)).not.toThrow();
  });
});
