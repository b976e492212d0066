/**
 * summarizePending: the pods an autoscaler could not place, over replications (the most at once,
 * the mean pod-seconds), and their warning; nothing when none waited.
 */

import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../../src/runner/index.js";
import { pendingWarnings, summarizePending } from "../../../src/runner/summary/summarize-pending.js";

const replication = (pending?: ReplicationResult["pending"]) => ({ pending }) as ReplicationResult;

describe("summarizePending", () => {
  it("takes the most pending at once over the replications and their mean pod-seconds, leaving out services that never waited", () => {
    const summary = summarizePending([
      replication([{ service: "api", peak: 2, podMs: 30_000 }, { service: "web", peak: 0, podMs: 0 }]),
      replication([{ service: "api", peak: 1, podMs: 10_000 }, { service: "web", peak: 0, podMs: 0 }]),
    ]);
    expect(summary).toEqual({ api: { peak: 2, podSeconds: 20 } });
    expect(pendingWarnings(summary!)).toEqual(["api: up to 2 pods the autoscaler asked for stayed pending, no node having room for their requests (20 pod-seconds per replication); add nodes or lower maxReplicas"]);
  });

  it("gives nothing when no pod waited, or no service autoscales", () => {
    expect(summarizePending([replication([{ service: "api", peak: 0, podMs: 0 }])])).toBeUndefined();
    expect(summarizePending([replication(undefined)])).toBeUndefined();
  });
});
