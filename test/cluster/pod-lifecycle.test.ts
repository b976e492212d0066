/**
 * A Deployment's rolling update limits and waves, as the controller resolves maxSurge and
 * maxUnavailable (percentages: surge up, unavailable down; never both 0).
 */

import { describe, expect, it } from "vitest";
import { rolloutLimits, rolloutWaves } from "../../src/cluster/index.js";

describe("rolloutLimits", () => {
  it.each([
    [4, "25%", "25%", { surge: 1, unavailable: 1 }],
    [10, "25%", "25%", { surge: 3, unavailable: 2 }],
    [1, "25%", "25%", { surge: 1, unavailable: 0 }],
    [3, 0, "10%", { surge: 0, unavailable: 1 }],
    [6, 2, 0, { surge: 2, unavailable: 0 }],
    [4, "100%", 0, { surge: 4, unavailable: 0 }],
  ] as const)("rolloutLimits(%i, %s, %s) is %o", (replicas, surge, unavailable, expected) => {
    expect(rolloutLimits(replicas, surge, unavailable)).toEqual(expected);
  });
});

describe("rolloutWaves", () => {
  it("rolloutWaves(4, surge 1, unavailable 1) stops one old pod and replaces one more in each of two waves", () => {
    expect(rolloutWaves(4, { surge: 1, unavailable: 1 })).toEqual([
      { stopped: [0], replaced: [1] },
      { stopped: [2], replaced: [3] },
    ]);
  });

  it("rolloutWaves with no unavailable replaces every pod before stopping it, surge at a time", () => {
    expect(rolloutWaves(5, { surge: 2, unavailable: 0 })).toEqual([
      { stopped: [], replaced: [0, 1] },
      { stopped: [], replaced: [2, 3] },
      { stopped: [], replaced: [4] },
    ]);
  });
});
