// Sweeps on the smallest real scenario (fortio, one mesh, one simulated second): the same runs
// as `meshsim run`, overloaded loads recorded instead of thrown, and the SLO search.

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/import/index.js";
import { runScenario } from "../../src/runner/index.js";
import { loadScenarioVariants, meetsSlo, parseLoadPoints, parseSlo, runSweep, type SweepPlan } from "../../src/sweep/index.js";

function plan(overrides: Partial<SweepPlan>): SweepPlan {
  return {
    variants: loadScenarioVariants("fortio", []),
    settings: [],
    meshes: ["none"],
    durationS: 1,
    warmupS: 0.5,
    replications: 1,
    seed: 1,
    ...overrides,
  };
}

describe("runSweep", () => {
  it("runs every load and gives the runs `meshsim run` gives for the same loads", async () => {
    const sweep = await runSweep(plan({ loadPoints: parseLoadPoints("800,400"), replications: 2 }), { workers: 1 });
    expect(sweep.meta.workers).toBe(1);
    const scenario = loadScenarioVariants("fortio", [])[0].scenario;
    const run = await runScenario({ scenario, meshes: ["none"], rates: [400, 800], durationS: 1, warmupS: 0.5, replications: 2, seed: 1 }, { workers: 1 });
    expect(sweep.runs.map((r) => r.rps)).toEqual([400, 800]);
    expect(JSON.stringify(sweep.runs)).toBe(JSON.stringify(run.runs));
    expect(sweep.sweep).toEqual({ rates: [400, 800], parameters: [], overloaded: [] });
    expect(sweep.scenario.name).toBe("fortio");
  });

  it("an overloaded load is recorded, not thrown, and higher loads are not tried", async () => {
    const points: string[] = [];
    const sweep = await runSweep(plan({ loadPoints: parseLoadPoints("1000,40000,50000") }), {
      workers: 1,
      onPoint: (point) => points.push(`${point.rps}:${point.run ? "ran" : "overloaded"}`),
    });
    expect(sweep.runs.map((r) => r.rps)).toEqual([1000]);
    expect(sweep.sweep.overloaded.map((p) => [p.mesh, p.rps])).toEqual([["none", 40000]]);
    expect(sweep.sweep.overloaded[0].reason).toMatch(/overloaded at 40000 requests\/s: service fortioserver/);
    expect(points).toEqual(["1000:ran", "40000:overloaded"]);
  });

  it("a load only one mesh's proxies cannot carry is overloaded for that mesh alone; the others run it", async () => {
    const sweep = await runSweep(
      plan({ variants: loadScenarioVariants("emojivoto", []), meshes: ["none", "traefik-mesh"], loadPoints: parseLoadPoints("200,2000"), durationS: 0.5, warmupS: 0.1 }),
      { workers: 1 },
    );
    expect(sweep.runs.map((run) => `${run.mesh}@${run.rps}`).sort()).toEqual(["none@200", "none@2000", "traefik-mesh@200"]);
    expect(sweep.sweep.overloaded.map((point) => [point.mesh, point.rps])).toEqual([["traefik-mesh", 2000]]);
    expect(sweep.sweep.overloaded[0].reason).toMatch(/overloaded at 2000 requests\/s: proxy agent:node-\d \(agent\/node-\d\) would need at least \d+% of its CPU limit/);
  });

  it("with an SLO and a range, finds the highest load within it and refines it to a tenth of the step", async () => {
    // A 1 ms server with 2 workers saturates at 2000 requests/s; its p99 passes 5 ms on the way.
    const variants = loadScenarioVariants("fortio", [{ path: "services.fortioserver.serviceTime.meanMs", values: [1] }]);
    const slo = parseSlo("p99<5ms");
    const sweep = await runSweep(
      plan({ variants, settings: [{ path: "services.fortioserver.serviceTime.meanMs", values: [1] }], loadPoints: parseLoadPoints("400..2000:400"), slo }),
      { workers: 1 },
    );
    const [capacity] = sweep.sweep.capacity!;
    expect(sweep.sweep.resolutionRps).toBe(40);
    expect(capacity.parameters).toEqual({ "services.fortioserver.serviceTime.meanMs": 1 });
    expect(capacity.maxRps).not.toBeNull();
    expect(capacity.firstFailingRps! - capacity.maxRps!).toBeLessThanOrEqual(40);
    // Refined points lie strictly inside a step of the range.
    expect(capacity.maxRps! % 400 !== 0 || capacity.firstFailingRps! % 400 !== 0).toBe(true);
    for (const run of sweep.runs) {
      expect(run.parameters).toEqual({ "services.fortioserver.serviceTime.meanMs": 1 });
      if (run.rps <= capacity.maxRps!) expect(meetsSlo(run.latencyMs, slo)).toBe(true);
    }
    const atMax = sweep.runs.find((run) => run.rps === capacity.maxRps)!;
    expect(capacity.valueMs).toBe(atMax.latencyMs.p99);
    const atFail = sweep.runs.find((run) => run.rps === capacity.firstFailingRps);
    expect(atFail === undefined ? capacity.failedBy === "overload" : !meetsSlo(atFail.latencyMs, slo)).toBe(true);
    expect(sweep.runs.map((run) => run.rps)).toEqual([...sweep.runs.map((run) => run.rps)].sort((a, b) => a - b));
  });

  it("an SLO met at every load has no failing load; one missed at the lowest has no capacity", async () => {
    const easy = await runSweep(plan({ loadPoints: parseLoadPoints("200,400"), slo: parseSlo("p99<1s") }), { workers: 1 });
    expect(easy.sweep.capacity).toEqual([{ mesh: "none", maxRps: 400, valueMs: easy.runs[1].latencyMs.p99, firstFailingRps: null, failedBy: null }]);
    const hard = await runSweep(plan({ loadPoints: parseLoadPoints("200,400"), slo: parseSlo("p99<0.001ms") }), { workers: 1 });
    expect(hard.sweep.capacity).toEqual([{ mesh: "none", maxRps: null, valueMs: null, firstFailingRps: 200, failedBy: "latency" }]);
  });
});

describe("runSweep with a mesh that fails requests", () => {
  it("a failing point meets no SLO, whatever the latency of the little it served", async () => {
    const scenario = parseScenario(
      "strict.yaml",
      {
        name: "strict",
        services: [{ name: "web", concurrency: 4, serviceTime: { type: "exponential", meanMs: 1 } }],
        requestTypes: [{ name: "get", entry: "web" }],
        load: { type: "open", ratePerSec: 100, client: { meshed: false } },
      },
      "0".repeat(64),
    );
    const sweep = await runSweep(
      plan({ variants: [{ parameters: undefined, scenario }], meshes: ["none", "osm"], mtls: "strict", durationS: 0.5, warmupS: 0.1, loadPoints: parseLoadPoints("100,200"), slo: parseSlo("p99<1s") }),
      { workers: 1 },
    );
    expect(sweep.sweep.capacity).toEqual([
      { mesh: "none", maxRps: 200, valueMs: expect.any(Number), firstFailingRps: null, failedBy: null },
      { mesh: "osm", maxRps: null, valueMs: null, firstFailingRps: 100, failedBy: "failures" },
    ]);
  });
});

describe("runSweep with an application that fails requests itself", () => {
  // web answers 2% of requests with a 500 under every mesh: the application's failures, which
  // fail no point; a mesh fails a point only by failing more than that.
  const scenario = parseScenario(
    "errors.yaml",
    {
      name: "errors",
      services: [{ name: "web", concurrency: 1, serviceTime: { type: "exponential", meanMs: 2 }, failures: { errorRate: 0.02 } }],
      requestTypes: [{ name: "get", entry: "web" }],
      load: { type: "open", ratePerSec: 100, client: { meshed: true } },
    },
    "0".repeat(64),
  );
  const sweepOf = (meshes: string[]) =>
    runSweep(
      plan({ variants: [{ parameters: undefined, scenario }], meshes, durationS: 2, warmupS: 0.2, loadPoints: parseLoadPoints("100..450:50"), slo: parseSlo("p99<30ms") }),
      { workers: 1 },
    );

  it("regression: the SLO search's refining points judge failures against the no-mesh run, as the range's loads do (it stopped at the first refining point, failedBy failures, even for no mesh)", async () => {
    const sweep = await sweepOf(["none", "linkerd2"]);
    expect(sweep.runs.every((run) => run.requests.failed > 0)).toBe(true);
    for (const capacity of sweep.sweep.capacity!) {
      expect(capacity.failedBy).toBe("latency");
      // The bracket closes on the refined grid (a tenth of the step), not at the range's loads.
      expect(capacity.firstFailingRps! - capacity.maxRps!).toBeLessThanOrEqual(5);
    }
  });

  it("a mesh refined before the no-mesh baseline is judged by a no-mesh run at its load, run once and reused", async () => {
    const first = await sweepOf(["linkerd2", "none"]);
    expect(first.sweep.capacity!.map((capacity) => capacity.failedBy)).toEqual(["latency", "latency"]);
    const keys = first.runs.map((run) => `${run.mesh}@${run.rps}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The same capacities whichever mesh is refined first.
    const second = await sweepOf(["none", "linkerd2"]);
    const byMesh = (sweep: typeof first) => Object.fromEntries(sweep.sweep.capacity!.map((capacity) => [capacity.mesh, [capacity.maxRps, capacity.firstFailingRps]]));
    expect(byMesh(first)).toEqual(byMesh(second));
  });
});
