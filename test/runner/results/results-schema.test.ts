// RESULTS_SCHEMA describes what meshsim writes: real documents of every kind validate against it
// (a run, a closed loop, failing meshes, a merge, a sweep), and a broken one does not.

import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "../../../src/import/index.js";
import { mergeShards, planRun, RESULTS_SCHEMA, runScenario, runShard, createMeta } from "../../../src/runner/index.js";
import { loadScenarioVariants, parseLoadPoints, parseSlo, runSweep } from "../../../src/sweep/index.js";

const validate = new Ajv({ strict: false, allErrors: true }).compile(RESULTS_SCHEMA);
const SHORT = { durationS: 0.3, warmupS: 0.1, replications: 2 };

function expectValid(document: unknown): void {
  const valid = validate(JSON.parse(JSON.stringify(document)));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe("RESULTS_SCHEMA", () => {
  it("validates a run of several meshes with meshes left out", async () => {
    expectValid(await runScenario(planRun(loadScenario("fortio"), { mtls: "strict", ...SHORT }), { workers: 1 }));
  });

  it("validates a closed loop and a mesh that fails every request", async () => {
    const scenario = parseScenario(
      "closed.yaml",
      {
        name: "closed",
        services: [{ name: "web", concurrency: 4, serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "get", entry: "web" }],
        load: { type: "closed", connections: 4 },
      },
      "0".repeat(64),
    );
    expectValid(await runScenario(planRun(scenario, { meshes: ["none", "osm"], mtls: "strict", ...SHORT }), { workers: 1 }));
  });

  it("validates a run over zones with per-GB prices (runs[].zoneTraffic)", async () => {
    const scenario = parseScenario(
      "zones.yaml",
      {
        name: "zones",
        cluster: { nodes: 3, zones: 3 },
        services: [{ name: "web", replicas: 3, concurrency: 4, serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "get", entry: "web" }],
        load: { type: "open", ratePerSec: 100 },
        pricing: { vcpuHour: 0.04, gbHour: 0.005, sameZoneGb: 0, crossZoneGb: 0.02 },
      },
      "0".repeat(64),
    );
    const document = await runScenario(planRun(scenario, { meshes: ["none", "istio"], ...SHORT }), { workers: 1 });
    expect(document.runs[1].zoneTraffic?.monthlyCost?.currency).toBe("USD");
    expectValid(document);
  });

  it("validates a run over two clusters with per-GB prices (runs[].clusterTraffic, a control plane per cluster)", async () => {
    const scenario = parseScenario(
      "clusters.yaml",
      {
        name: "clusters",
        clusters: [
          { name: "east", region: "us-east-1" },
          { name: "west", region: "us-west-2" },
        ],
        services: [{ name: "web", replicas: 2, concurrency: 4, serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "get", entry: "web" }],
        load: { type: "open", ratePerSec: 100 },
        pricing: { vcpuHour: 0.04, gbHour: 0.005, sameZoneGb: 0, crossZoneGb: 0.02, crossRegionGb: 0.02 },
      },
      "0".repeat(64),
    );
    const document = await runScenario(planRun(scenario, { meshes: ["none", "istio"], ...SHORT }), { workers: 1 });
    expect(document.runs[1].clusterTraffic?.monthlyCost?.currency).toBe("USD");
    expect(document.runs[1].resources.controlPlane.clusters).toHaveLength(2);
    expectValid(document);
  });

  it("validates a merge of shards and a sweep", async () => {
    const plan = planRun(loadScenario("fortio"), { meshes: ["none", "istio"], ...SHORT });
    const shards = await Promise.all([1, 2].map((index) => runShard(plan, { index, count: 2 }, { workers: 1 })));
    expectValid(mergeShards(shards.map((value, i) => ({ file: `s${i}.json`, value: JSON.parse(JSON.stringify(value)) })), createMeta({}, 0, 0)));
    const sweep = await runSweep(
      { variants: loadScenarioVariants("fortio", []), settings: [], meshes: ["none"], loadPoints: parseLoadPoints("500,1000"), slo: parseSlo("p99<5ms"), durationS: 0.3, warmupS: 0.1, replications: 1, seed: 1 },
      { workers: 1 },
    );
    expectValid(sweep);
  });

  it("validates runs with telemetry (mesh.telemetry set, with pricing) and refuses a negative series count", async () => {
    const fortio = loadScenario("fortio");
    const scenario = { ...fortio, pricing: { vcpuHour: 0.04, gbHour: 0.005, currency: "USD" }, mesh: { ...fortio.mesh, telemetry: { accessLogs: true, tracing: { sampling: 1 } } } };
    const document = await runScenario(planRun(scenario, { meshes: ["istio", "linkerd2"], ...SHORT }), { workers: 1 });
    expect(document.runs.every((run) => run.telemetry !== undefined)).toBe(true);
    expectValid(document);
    const broken = JSON.parse(JSON.stringify(document));
    broken.runs[0].telemetry.prometheus.series = -1;
    expect(validate(broken)).toBe(false);
  });

  it("validates a run with a timeline and refuses an entry without its histogram", async () => {
    const document = JSON.parse(JSON.stringify(await runScenario(planRun(loadScenario("bookinfo"), { meshes: ["none"], ...SHORT, intervalS: 0.1 }), { workers: 1 })));
    expect(document.runs[0].timeline).toHaveLength(3);
    expectValid(document);
    delete document.runs[0].timeline[1].latencyHistogram;
    expect(validate(document)).toBe(false);
    expect(validate.errors!.map((error) => error.instancePath)).toContain("/runs/0/timeline/1");
  });

  it("validates each replication's own percentiles (runs[].latencyMs.replications) and refuses a negative one", async () => {
    const document = JSON.parse(JSON.stringify(await runScenario(planRun(loadScenario("fortio"), { meshes: ["none"], ...SHORT }), { workers: 1 })));
    expect(document.runs[0].latencyMs.replications.p99).toHaveLength(2);
    expectValid(document);
    document.runs[0].latencyMs.replications.p99[1] = -1;
    expect(validate(document)).toBe(false);
    expect(validate.errors!.map((error) => error.instancePath)).toContain("/runs/0/latencyMs/replications/p99/1");
  });

  it("refuses a document without a run's p99 or with a wrong schemaVersion", async () => {
    const document = JSON.parse(JSON.stringify(await runScenario(planRun(loadScenario("fortio"), { meshes: ["none"], ...SHORT }), { workers: 1 })));
    delete document.runs[0].latencyMs.p99;
    expect(validate(document)).toBe(false);
    expect(validate.errors!.map((error) => error.instancePath)).toContain("/runs/0/latencyMs");
    expect(validate({ ...document, schemaVersion: 2 })).toBe(false);
  });
});
