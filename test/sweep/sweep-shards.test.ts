// A sweep split into shards and merged gives the unsharded sweep's document, outside meta: for
// any number of shards and workers, with and without an SLO search. The application fails 2% of
// requests itself, so a mesh's points are judged against the no-mesh runs (a shard holding the
// mesh but not the no-mesh unit runs them again); linkerd2 comes before none, so its search
// runs no-mesh points of its own.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMeta } from "../../src/runner/index.js";
import { loadScenarioVariants, mergeSweepShards, parseLoadPoints, parseSlo, runSweep, runSweepShard, shardUnits, type SweepPlan } from "../../src/sweep/index.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-sweep-shards-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const scenarioFile = join(folder, "errors.yaml");
writeFileSync(
  scenarioFile,
  `name: errors
services: [{ name: web, concurrency: 1, serviceTime: { type: exponential, meanMs: 2 }, failures: { errorRate: 0.02 } }]
requestTypes: [{ name: get, entry: web }]
load: { type: open, ratePerSec: 100, client: { meshed: true } }
`,
);

function plan(overrides: Partial<SweepPlan>): SweepPlan {
  return {
    variants: loadScenarioVariants(scenarioFile, [{ path: "services.web.serviceTime.meanMs", values: [1.5, 2] }]),
    settings: [{ path: "services.web.serviceTime.meanMs", values: [1.5, 2] }],
    meshes: ["linkerd2", "none"],
    durationS: 0.3,
    warmupS: 0.1,
    replications: 1,
    seed: 7,
    ...overrides,
  };
}

const withoutMeta = (document: object) => JSON.stringify({ ...document, meta: undefined }, null, 2);

async function mergedShards(sweepPlan: SweepPlan, count: number): Promise<string> {
  const shards = [];
  for (let index = 1; index <= count; index++) {
    const document = await runSweepShard(sweepPlan, { index, count }, { workers: 1 });
    shards.push({ file: `shard-${index}.json`, value: JSON.parse(JSON.stringify(document)) });
  }
  return withoutMeta(mergeSweepShards(shards.reverse(), createMeta({}, 0, 0)));
}

describe("sweep shards", () => {
  it.each([
    ["without an SLO", { loadPoints: parseLoadPoints("200,400") }],
    ["with an SLO searched by bisection", { loadPoints: parseLoadPoints("200..400:200"), slo: parseSlo("p99<12ms") }],
  ])("merged, give the unsharded document for 1, 2 and 3 shards, %s", async (_name, overrides) => {
    const sweepPlan = plan(overrides);
    // Two workers here, one in the shards: the document must not depend on them.
    const unsharded = await runSweep(sweepPlan, { workers: 2 });
    // The case is the one meant: linkerd2 fails requests, judged against the no-mesh runs (any
    // failure would fail without them).
    expect(unsharded.runs.length).toBeGreaterThanOrEqual(8);
    expect(unsharded.runs.filter((run) => run.mesh === "linkerd2" && run.requests.failed > 0).length).toBeGreaterThanOrEqual(2);
    if (sweepPlan.slo) {
      expect(unsharded.runs.length).toBeGreaterThan(8);
      expect(unsharded.sweep.capacity!.map((capacity) => capacity.failedBy)).not.toContain("failures");
    }
    for (const count of [1, 2, 3]) expect(await mergedShards(sweepPlan, count)).toBe(withoutMeta(unsharded));
  }, 120_000);

  it("a shard beyond the number of units runs none, and the merge is still whole", async () => {
    const sweepPlan = plan({ variants: plan({}).variants.slice(0, 1), settings: [], loadPoints: parseLoadPoints("200") });
    const empty = await runSweepShard(sweepPlan, { index: 3, count: 3 }, { workers: 1 });
    expect(empty.results).toEqual([]);
    expect(empty.layout.units).toHaveLength(2);
    const unsharded = await runSweep(sweepPlan, { workers: 1 });
    expect(await mergedShards(sweepPlan, 3)).toBe(withoutMeta(unsharded));
  }, 60_000);
});

describe("shardUnits", () => {
  it.each([
    [1, 3, [0, 3, 6]],
    [2, 3, [1, 4]],
    [3, 3, [2, 5]],
    [1, 1, [0, 1, 2, 3, 4, 5, 6]],
    [9, 9, []],
  ])("shard %i of %i runs units %j of 7, round robin", (index, count, expected) => {
    const units = Array.from({ length: 7 }, (_, position) => ({ variant: position, mesh: "none" }));
    expect(shardUnits(units, { index, count }).map((unit) => unit.variant)).toEqual(expected);
  });
});
