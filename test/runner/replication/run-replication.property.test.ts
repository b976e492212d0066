// Property test from the loader to the runner: a scenario whose fields take extreme values the
// schema allows (each at or near its documented bound) either runs to results or is refused as bad
// input (a ScenarioError, an overload, a setting the mesh cannot express, a pod that fits on no
// node: exit 2), never any other error (exit 1), and within a time bound. Durations are tiny and
// the work per request small, so the whole property takes seconds.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OverloadError, UnsupportedSettingError } from "../../../src/mesh/index.js";
import { planRun, prepareRun, runReplication } from "../../../src/runner/index.js";
import { MAX_CV, MAX_ERLANG_K, MAX_LOAD_CONNECTIONS, MAX_MESSAGE_BYTES, MAX_TIME_MS, MIN_CV, parseScenario, ScenarioError } from "../../../src/scenario/index.js";

/** The longest one generated scenario may take to plan and run, ms: far above a normal case's tens. */
const TIME_BOUND_MS = 15_000;

const times = fc.constantFrom(0, 1e-9, 0.001, 1, 1000, MAX_TIME_MS);
const positiveTimes = fc.constantFrom(1e-9, 0.001, 1, 1000, MAX_TIME_MS);
const byteCounts = fc.constantFrom(0, 1, 1024, MAX_MESSAGE_BYTES);

const distribution = fc.oneof(
  fc.record({ type: fc.constant("constant"), valueMs: times }),
  fc.record({ type: fc.constant("uniform"), minMs: fc.constant(0), maxMs: times }),
  fc.record({ type: fc.constant("exponential"), meanMs: positiveTimes }),
  fc.record({ type: fc.constantFrom("lognormal", "gamma"), meanMs: positiveTimes, cv: fc.constantFrom(MIN_CV, 1, MAX_CV) }),
  fc.record({ type: fc.constant("erlang"), meanMs: positiveTimes, k: fc.constantFrom(1, MAX_ERLANG_K) }),
  fc.record({ type: fc.constant("empirical"), bins: fc.constant([{ upToMs: MAX_TIME_MS, weight: 1 }]) }),
);

const service = (name: string) =>
  fc.record({
    name: fc.constant(name),
    replicas: fc.constantFrom(1, 3),
    concurrency: fc.constantFrom(1, 1_000_000),
    cpuShare: fc.constantFrom(0, 1),
    holdWorker: fc.boolean(),
    keepAlive: fc.boolean(),
    serviceTime: distribution,
    failures: fc.record({ errorRate: fc.constantFrom(0, 0.5, 1), slowReplicas: fc.constant([{ replica: 0, factor: 1000 }]) }),
  });

const traffic = fc.record({
  host: fc.constant("back"),
  routes: fc.tuple(
    fc.record({
      backends: fc.constant([{ service: "back", weight: 1e12 }]),
      timeoutMs: positiveTimes,
      retries: fc.record({ attempts: fc.constantFrom(0, 100), perTryTimeoutMs: fc.option(positiveTimes, { nil: undefined }), backoffMs: times }),
      fault: fc.option(fc.record({ delay: fc.record({ percent: fc.constantFrom(0, 100), fixedDelayMs: times }) }), { nil: undefined }),
    }),
  ),
});

const document = fc.record({
  name: fc.constant("extremes"),
  cluster: fc.record({
    nodes: fc.constantFrom(1, 3, 50),
    network: fc.record({ sameNodeRttMs: times, crossNodeRttMs: times, externalRttMs: times, bandwidthGbps: fc.constantFrom(0.001, 10, 1e6) }),
    vcpuPerNode: fc.constantFrom(undefined, 0.5, 64),
  }),
  services: fc.tuple(service("front"), service("back")),
  requestTypes: fc.constant([{ name: "get", entry: "front", calls: [{ call: "back", repeat: 3 }] }]),
  load: fc.oneof(
    fc.record({
      type: fc.constant("open"),
      ratePerSec: fc.constantFrom(1e-300, 0.001, 1, 100, 10_000),
      connections: fc.constantFrom(undefined, 1, MAX_LOAD_CONNECTIONS),
      requestBytes: byteCounts,
      responseBytes: byteCounts,
      keepAlive: fc.boolean(),
    }),
    fc.record({ type: fc.constant("closed"), connections: fc.constantFrom(1, 100), thinkTime: distribution, requestBytes: byteCounts }),
  ),
  traffic: fc.option(fc.tuple(traffic), { nil: undefined }),
  mesh: fc.record({ ids: fc.tuple(fc.constantFrom("none", "istio", "linkerd2", "linkerd1", "istio-ambient", "cilium")) }),
});

describe("runReplication (property, from the loader)", () => {
  it("a scenario of in-schema extreme values runs, or is refused as bad input, within the time bound", () => {
    fc.assert(
      fc.property(document, (raw) => {
        const started = performance.now();
        runOrRefuse(JSON.parse(JSON.stringify(raw)));
        expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
      }),
      { numRuns: 40, seed: 20 },
    );
  }, 120_000);
});

// --- internal ---

/** Loads, plans and runs one replication; returns quietly on success or on a bad-input error. */
function runOrRefuse(raw: unknown): void {
  try {
    const scenario = parseScenario("extremes.yaml", raw, "0".repeat(64));
    const { tasks } = prepareRun(planRun(scenario, { replications: 1, durationS: 0.02, warmupS: 0 }));
    const result = runReplication(tasks[0]);
    expect(result.requests.completed + result.requests.failed).toBeGreaterThanOrEqual(0);
  } catch (error) {
    if (isBadInput(error)) return;
    throw error;
  }
}

/** What the CLI reports with exit 2 (describeError): everything else would be exit 1. */
function isBadInput(error: unknown): boolean {
  return (
    error instanceof ScenarioError ||
    error instanceof OverloadError ||
    error instanceof UnsupportedSettingError ||
    (error instanceof Error && error.name === "UnschedulableError")
  );
}
