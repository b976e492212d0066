/**
 * Golden runs under every mesh: one short seeded run of Bookinfo per mesh profile, in its
 * default mTLS mode and again under strict mTLS where the mesh can express it, each snapshotted
 * as a compact summary. A change to any mesh's prediction (a profile number, a data-plane
 * path, a cost model) shows here as a snapshot diff naming that mesh.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { loadMeshProfile, meshIds } from "../../src/scenario/index.js";
import { meshedGoldenSummaries } from "./_golden-summary.js";

const SCENARIO = "bookinfo";
/** About 120 requests per mesh: every hop is visited, and the whole file runs in a few seconds. */
const RUN = { ratePerSec: 100, durationS: 1, warmupS: 0.2, seed: 11 };
const MESHES = meshIds();
const STRICT_MESHES = MESHES.filter((id) => id !== "none" && (loadMeshProfile(id).security?.mtlsModes ?? []).includes("strict"));

describe(`built-in scenario ${SCENARIO} under every mesh in its default mTLS mode (golden runs)`, () => {
  let byMesh: Awaited<ReturnType<typeof meshedGoldenSummaries>>;
  beforeAll(async () => {
    byMesh = await meshedGoldenSummaries(SCENARIO, { meshes: MESHES, ...RUN });
  });

  it.each(MESHES)(`runScenario(${SCENARIO} under %s, seed ${RUN.seed}) gives the recorded summary`, (mesh) => {
    expect(byMesh.get(mesh)).toMatchSnapshot();
  });
});

describe(`built-in scenario ${SCENARIO} under strict mTLS, for every mesh that can express it (golden runs)`, () => {
  let byMesh: Awaited<ReturnType<typeof meshedGoldenSummaries>>;
  beforeAll(async () => {
    byMesh = await meshedGoldenSummaries(SCENARIO, { meshes: STRICT_MESHES, mtls: "strict", ...RUN });
  });

  it("meshIds() filtered by security.mtlsModes gives the meshes that can run strict mTLS", () => {
    // Pinned so that a profile gaining or losing strict mode is a visible change, not a silently shorter table.
    expect(STRICT_MESHES).toMatchSnapshot();
  });

  it.each(STRICT_MESHES)(`runScenario(${SCENARIO} under %s, --mtls strict, seed ${RUN.seed}) gives the recorded summary`, (mesh) => {
    const summary = byMesh.get(mesh)!;
    expect(summary.mtls).toBe("strict");
    expect(summary).toMatchSnapshot();
  });
});
