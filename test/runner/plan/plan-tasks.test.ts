import { describe, expect, it } from "vitest";
import { planTasks } from "../../../src/runner/index.js";
import { loadScenario } from "../../../src/import/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

describe("planTasks", () => {
  it("makes mesh x rate x replication tasks in that order, with the mesh left out of the streams' key", () => {
    const tasks = planTasks({
      scenario: loadScenario("fortio"),
      meshes: ["none", "other"],
      mtls: "off",
      rates: [10, 20],
      durationS: 1,
      warmupS: 0,
      replications: 2,
      seed: 5,
    }, new Map([["none", loadMeshProfile("none")], ["other", loadMeshProfile("none")]]));
    expect(tasks.map((t) => `${t.meshId}/${t.ratePerSec}/${t.replication}`)).toEqual([
      "none/10/0", "none/10/1", "none/20/0", "none/20/1",
      "other/10/0", "other/10/1", "other/20/0", "other/20/1",
    ]);
    // Common random numbers: the same load point and replication share streams across meshes.
    expect(tasks[0].loadPointKey).toBe(tasks[4].loadPointKey);
  });
});
