// The round trip as the oracle of both ends: every built-in scenario is simulated with its traces
// written (run --traces), the traces are imported, and the import must give back the scenario's
// application: the same services and call edges, each service's own time within 5 % of the time
// the simulation gave it, and request-type shares, call counts and call probabilities within 4
// standard errors of what the scenario's call trees say (binomial for probabilities; for counts,
// the variance of the tree's draws). Traced under Istio and Linkerd, the import is the same
// application as traced under no mesh: the proxies' spans are recognised and kept out of the apps'.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inferApplication, readTraceFiles, type CallGroup, type CallSummary, type TracedApplication } from "../../../src/import/traces/index.js";
import { planRun, prepareRun, runReplication, type ReplicationResult } from "../../../src/runner/index.js";
import { tracePartFiles, withTraces } from "../../../src/runner/plan/trace-parts.js";
import { loadScenario } from "../../../src/import/index.js";
import type { Scenario } from "../../../src/scenario/index.js";
import { expectedCalls } from "./_expected-calls.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-round-trip-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Standard errors a sampled figure may stray from its expectation. */
const STANDARD_ERRORS = 4;
/** How far an imported own time may be from the simulated one. */
const OWN_TIME_TOLERANCE = 0.05;

/** Short runs at low load: enough traces for every edge, little queueing, a few seconds each. */
const RUNS: Array<{ scenario: string; rps: number; durationS: number }> = [
  { scenario: "robot-shop", rps: 40, durationS: 40 },
  { scenario: "bookinfo", rps: 50, durationS: 20 },
  { scenario: "emojivoto", rps: 50, durationS: 20 },
  { scenario: "online-boutique", rps: 20, durationS: 40 },
  { scenario: "fortio", rps: 50, durationS: 10 },
];

interface RoundTrip {
  scenario: Scenario;
  result: ReplicationResult;
  app: TracedApplication;
}

const trips = new Map<string, Promise<RoundTrip>>();

/** Each round trip once: the mesh comparison reuses the scenario's own. */
function roundTrip(name: string, mesh: string, rps: number, durationS: number, sampleRatio = 1): Promise<RoundTrip> {
  const key = `${name}/${mesh}/${rps}/${durationS}/${sampleRatio}`;
  if (!trips.has(key)) trips.set(key, simulateAndImport(name, mesh, rps, durationS, sampleRatio));
  return trips.get(key)!;
}

async function simulateAndImport(name: string, mesh: string, rps: number, durationS: number, sampleRatio: number): Promise<RoundTrip> {
  const scenario = loadScenario(name);
  const plan = planRun(scenario, { meshes: [mesh], rates: [rps], durationS, warmupS: 1, replications: 1, seed: 7 });
  const parts = join(folder, `${name}-${mesh}-${sampleRatio}`);
  const [task] = withTraces(prepareRun(plan).tasks, { folder: parts, sampleRatio });
  mkdirSync(parts, { recursive: true });
  const result = runReplication(task);
  const read = await readTraceFiles(tracePartFiles(parts));
  return { scenario, result, app: inferApplication(read.spans, { clusterRttMs: scenario.topology.cluster.crossNodeRttMs }) };
}

describe("round trip: simulate with --traces, import the traces", () => {
  describe.each(RUNS)("$scenario", ({ scenario: name, rps, durationS }) => {
    let trip: RoundTrip;
    it("simulates and imports", async () => {
      trip = await roundTrip(name, "none", rps, durationS);
      expect(trip.app.traces).toBeGreaterThan(100);
    }, 60_000);

    it("gives back the same services, and request types in the scenario's shares", () => {
      const { scenario, app } = trip;
      const called = new Set(calledServices(scenario));
      expect(app.services.map((service) => service.name).sort()).toEqual([...called].sort());
      const types = scenario.topology.requestTypes.filter((type) => type.weight > 0);
      const totalWeight = types.reduce((sum, type) => sum + type.weight, 0);
      expect(app.requestTypes.map((type) => type.operation).sort()).toEqual(types.map((type) => type.name).sort());
      for (const type of types) {
        const share = type.weight / totalWeight;
        const observed = app.requestTypes.find((imported) => imported.operation === type.name)!.traces / app.traces;
        expect(Math.abs(observed - share), type.name).toBeLessThanOrEqual(STANDARD_ERRORS * Math.sqrt((share * (1 - share)) / app.traces) + 1e-9);
      }
    });

    it("gives back every call edge, with call counts and probabilities within their sampling error", () => {
      const { scenario, app } = trip;
      for (const type of scenario.topology.requestTypes.filter((candidate) => candidate.weight > 0)) {
        const imported = app.requestTypes.find((candidate) => candidate.operation === type.name)!;
        const { tree } = expectedCalls(type);
        const importedTree = importedPlaces(type.root.service, imported.calls);
        // The same places (paths of services) call the same services: no edge lost, none made up.
        const expectedEdges = [...tree].flatMap(([place, callees]) => [...callees.keys()].map((callee) => `${place} -> ${callee}`));
        const importedEdges = [...importedTree].flatMap(([place, callees]) => [...callees.keys()].map((callee) => `${place} -> ${callee}`));
        expect(importedEdges.sort(), type.name).toEqual(expectedEdges.sort());
        for (const [place, callees] of tree) {
          for (const [callee, expected] of callees) {
            const summary = importedTree.get(place)!.get(callee)!;
            const what = `${type.name}: ${place} -> ${callee}`;
            const countError = STANDARD_ERRORS * Math.sqrt(expected.variance / summary.of);
            expect(Math.abs(summary.total / summary.of - expected.mean), `${what} calls per invocation`).toBeLessThanOrEqual(countError + 1e-9);
            const chance = expected.present;
            const chanceError = STANDARD_ERRORS * Math.sqrt((chance * (1 - chance)) / summary.of);
            expect(Math.abs(summary.probability - chance), `${what} probability`).toBeLessThanOrEqual(chanceError + 1e-9);
          }
        }
      }
    });

    it("gives back each service's own time within 5 % of what the simulation gave it", () => {
      const { app, result } = trip;
      for (const service of app.services) {
        const simulated = ownTimeOf(result, service.name);
        expect(Math.abs(service.serviceTime.meanMs - simulated) / simulated, service.name).toBeLessThanOrEqual(OWN_TIME_TOLERANCE);
      }
    });
  });

  describe.each(["istio", "linkerd2"])("traced under %s", (mesh) => {
    it("imports the same application as traced under no mesh", async () => {
      const plain = await roundTrip("bookinfo", "none", 50, 20);
      const meshed = await roundTrip("bookinfo", mesh, 50, 20);
      expect(meshed.app.notices.some((notice) => /proxy spans? \(Envoy, linkerd2-proxy\) stepped through/.test(notice))).toBe(true);
      expect(meshed.app.services.map((service) => service.name).sort()).toEqual(plain.app.services.map((service) => service.name).sort());
      expect(edgesOf(meshed.app)).toEqual(edgesOf(plain.app));
      for (const service of meshed.app.services) {
        const unmeshed = plain.app.services.find((candidate) => candidate.name === service.name)!;
        // The same requests are traced under both (common random numbers): the apps' own times
        // agree, and proxy time counted as an app's would show here as the mesh's added time.
        expect(Math.abs(service.serviceTime.meanMs - unmeshed.serviceTime.meanMs) / unmeshed.serviceTime.meanMs, service.name).toBeLessThanOrEqual(OWN_TIME_TOLERANCE);
        expect(service.standIn, service.name).toBeUndefined();
      }
    }, 60_000);
  });

  describe("traced with --trace-sample", () => {
    // The spans carry the ratio in their tracestate (ot=th): the import scales the traced rate up
    // by it unasked. Poisson arrivals thinned by the sampler: the rate read from n traces strays
    // by about 1/sqrt(n) of itself.
    it("imports the run's rate at ratio 0.1, within 4 standard errors", async () => {
      const ratio = 0.1;
      const rps = 500;
      const { app } = await roundTrip("bookinfo", "istio", rps, 40, ratio);
      expect(app.sampling.from).toBe("the entry spans' tracestate (ot=th)");
      expect(Math.abs(app.sampling.ratio / ratio - 1)).toBeLessThan(1e-4);
      expect(app.rate!.traces).toBeGreaterThan(1500);
      expect(Math.abs(app.rate!.perSec / rps - 1)).toBeLessThanOrEqual(STANDARD_ERRORS / Math.sqrt(app.rate!.traces));
    }, 120_000);
  });
});

// --- helpers ---

/** Services a request type with weight reaches, entries included. */
function calledServices(scenario: Scenario): string[] {
  const names = new Set<string>();
  for (const type of scenario.topology.requestTypes.filter((candidate) => candidate.weight > 0)) {
    for (const place of expectedCalls(type).invocations.keys()) names.add(place.split("/").pop()!);
  }
  return [...names];
}

/** The import's call tree as places ("entry/a/b") and, under each, its callees' summaries. */
function importedPlaces(entry: string, groups: CallGroup[]): Map<string, Map<string, CallSummary>> {
  const places = new Map<string, Map<string, CallSummary>>();
  const visit = (place: string, list: CallGroup[]): void => {
    const callees = new Map<string, CallSummary>();
    for (const call of list.flatMap((group) => (group.kind === "parallel" ? group.members : [group]))) {
      expect(callees.has(call.service), `${place} calls ${call.service} under one operation`).toBe(false);
      callees.set(call.service, call);
      visit(`${place}/${call.service}`, call.calls);
    }
    if (callees.size > 0) places.set(place, callees);
  };
  visit(entry, groups);
  return places;
}

function edgesOf(app: TracedApplication): string[] {
  return app.requestTypes.flatMap((type) => [...importedPlaces(type.entry, type.calls)].flatMap(([place, callees]) => [...callees.keys()].map((callee) => `${type.operation}: ${place} -> ${callee}`))).sort();
}

/** The simulated service time per visit of a service's replicas (queueing excluded), ms. */
function ownTimeOf(result: ReplicationResult, service: string): number {
  const hop = result.hops.find((candidate) => candidate.station === `app/${service}` || candidate.station === `external/${service}`)!;
  return hop.serviceMs / hop.visits;
}
