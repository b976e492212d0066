/**
 * A timeline event set at or after the end of the measured time never happens: the run says so,
 * naming the events, instead of leaving them out silently (a run cut short with --duration).
 */

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../src/import/index.js";
import { planRun, runScenario, type RunPlan } from "../../../src/runner/index.js";

function plan(timeline: unknown[], durationS: number, meshes = ["none"], mtls?: "off" | "strict"): RunPlan {
  const scenario = parseScenario(
    "late.yaml",
    {
      name: "late",
      cluster: { nodes: 2 },
      services: [{ name: "web", replicas: 2, concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } }],
      requestTypes: [{ name: "get", entry: "web" }],
      load: { type: "open", ratePerSec: 200, durationS: 30, client: { meshed: true } },
      timeline,
    },
    "0".repeat(64),
  );
  return { scenario, meshes, rates: [200], durationS, warmupS: 0, replications: 1, seed: 1, ...(mtls ? { mtls } : {}) };
}

const timelineWarnings = async (timeline: unknown[], durationS: number) =>
  (await runScenario(plan(timeline, durationS), { workers: 1 })).runs[0].warnings.filter((warning) => warning.startsWith("timeline:"));

describe("timeline warnings", () => {
  it("name the events at or after the end of the run, which never happened", async () => {
    const warnings = await timelineWarnings(
      [
        { atS: 0.5, restart: { service: "web", replicas: 1 } },
        { atS: 2, outage: { service: "web", replicas: 1, durationS: 5 } },
        { atS: 20, restart: { service: "web", replicas: 1 } },
      ],
      2,
    );
    expect(warnings).toEqual([
      "timeline: 2 events at or after the end of the run (2 s measured) never happened: outage: web for 5 s at 2 s; " +
        "restart: 1 pod of web, down 10 s at 20 s; a longer run reaches them (--duration, or the scenario's load)",
    ]);
  });

  it("count the events past the first three", async () => {
    const late = [5, 6, 7, 8, 9].map((atS) => ({ atS, restart: { service: "web", replicas: 1 } }));
    const [warning] = await timelineWarnings(late, 1);
    expect(warning).toMatch(/^timeline: 5 events .*at 7 s; 2 more; a longer run reaches them/);
  });

  it("regression: name a cluster whose failAtS is at or after the end of the run, which said nothing of it", async () => {
    const scenario = parseScenario(
      "late.yaml",
      {
        name: "late",
        clusters: [
          { name: "east", region: "us-east-1", nodes: 1 },
          { name: "west", region: "us-west-2", nodes: 1, failAtS: 5 },
        ],
        services: [{ name: "web", clusters: { east: 1, west: 1 }, concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "get", entry: "web" }],
        load: { type: "open", ratePerSec: 200, durationS: 30 },
      },
      "0".repeat(64),
    );
    const warningsAfter = async (durationS: number) =>
      (await runScenario({ scenario, meshes: ["none"], rates: [200], durationS, warmupS: 0, replications: 1, seed: 1 }, { workers: 1 })).runs[0].warnings.filter((warning) =>
        warning.startsWith("clusters:"),
      );
    expect(await warningsAfter(2)).toEqual([
      "clusters: failAtS at or after the end of the run (2 s measured), so the cluster never failed: west at 5 s; a longer run reaches it (--duration, or the scenario's load)",
    ]);
    expect(await warningsAfter(6)).toEqual([]);
  });

  it("regression: tell a staged run to lengthen its stages, where it pointed at --duration, which a staged scenario refuses alone", async () => {
    const scenario = parseScenario(
      "late.yaml",
      {
        name: "late",
        services: [{ name: "web", replicas: 2, concurrency: 8, serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "get", entry: "web" }],
        load: { type: "open", ratePerSec: 100, warmupS: 0, stages: [{ durationS: 2, ratePerSec: 100 }] },
        timeline: [{ atS: 5, restart: { service: "web", replicas: 1 } }],
      },
      "0".repeat(64),
    );
    const [run] = (await runScenario(planRun(scenario, { meshes: ["none"], replications: 1 }), { workers: 1 })).runs;
    expect(run.warnings.filter((warning) => warning.startsWith("timeline:"))).toEqual([
      "timeline: 1 event at or after the end of the run (2 s measured) never happened: restart: 1 pod of web, down 10 s at 5 s; " +
        "a longer run reaches it (longer load.stages, or --rps with --duration for a constant rate)",
    ]);
  });

  it("say nothing when the whole timeline happens", async () => {
    expect(await timelineWarnings([{ atS: 0.5, restart: { service: "web", replicas: 1 } }], 2)).toEqual([]);
  });
});

describe("rotation warnings", () => {
  const rotation = [{ atS: 1, rotateCertificates: true }];
  const warningsOf = async (meshes: string[], mtls: "off" | "strict") =>
    (await runScenario(plan(rotation, 2, meshes, mtls), { workers: 1 })).runs.map((run) => run.warnings.filter((warning) => warning.startsWith("certificate rotation")));

  it("say a rotation under a mesh with mTLS off changed nothing; nothing for no mesh", async () => {
    expect(await warningsOf(["none", "istio"], "off")).toEqual([[], ["certificate rotation at 1 s changed nothing: istio ran with mTLS off (--mtls permissive or strict)"]]);
  });

  it("say nothing when the mesh runs mTLS", async () => {
    expect(await warningsOf(["istio"], "strict")).toEqual([[]]);
  });
});

