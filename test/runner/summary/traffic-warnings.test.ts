import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../../src/runner/index.js";
import { trafficWarnings } from "../../../src/runner/summary/traffic-warnings.js";
import { parseScenario } from "../../../src/import/index.js";
import { loadMeshProfile } from "../../../src/scenario/index.js";

const exp = { type: "exponential", meanMs: 1 };

function topology(rule: { host: string }, frontMeshed = false) {
  return parseScenario(
    "s.yaml",
    {
      name: "t",
      services: [{ name: "front", serviceTime: exp, meshed: frontMeshed }, { name: "back-v1", serviceTime: exp }, { name: "back-v2", serviceTime: exp }],
      requestTypes: [{ name: "r", entry: "front", calls: [{ call: rule.host }] }],
      traffic: [rule],
      load: { type: "open", ratePerSec: 10 },
    },
    "",
  ).topology;
}

const split = { host: "back", routes: [{ backends: [{ service: "back-v1", weight: 9 }, { service: "back-v2", weight: 1 }] }] };
const retriesOnly = { host: "back-v1", routes: [{ backends: [{ service: "back-v1" }], retries: { attempts: 2 } }] };

function run(host: string, traffic: Partial<NonNullable<RunSummary["traffic"]>> = {}): RunSummary {
  return {
    traffic: {
      hosts: [{ host, applied: 0, bypassed: 100, noRoute: 0, byBackend: { "back-v1": { calls: 50, share: 0.5 }, "back-v2": { calls: 50, share: 0.5 } } }],
      retries: 0,
      retriesDenied: 0,
      timeouts: 0,
      queuedByLimit: 0,
      ejections: 0,
      faultsInjected: { delay: 0, abort: 0 },
      ...traffic,
    },
  } as RunSummary;
}

const context = (rule: { host: string }) => ({ topology: topology(rule), l7: false, clientMeshed: true, ingressGateway: false });

describe("trafficWarnings", () => {
  it("says a split was bypassed, by whom, and where the calls went", () => {
    expect(trafficWarnings(run("back"), loadMeshProfile("istio"), context(split))).toEqual([
      "100 of 100 calls to back bypassed its traffic rule (the caller's proxy applies a split, and front has none: mesh it or enter through an ingress gateway); " +
        "kube-proxy spread them over every backend's pods: back-v1 50.0%, back-v2 50.0%",
    ]);
  });

  it("names the missing L7 proxy for ambient", () => {
    expect(trafficWarnings(run("back"), loadMeshProfile("istio-ambient"), context(split))[0]).toContain("istio-ambient applies L7 rules only through a waypoint: set mesh.l7: true");
  });

  it("stays quiet for the no-mesh baseline and for rules that do not route", () => {
    expect(trafficWarnings(run("back"), loadMeshProfile("none"), context(split))).toEqual([]);
    expect(trafficWarnings(run("back-v1"), loadMeshProfile("istio"), context(retriesOnly))).toEqual([]);
  });

  it("counts abandoned tries and denied retries in words that agree with the number", () => {
    const warnings = trafficWarnings(run("back-v1", { timeouts: 1, retriesDenied: 3 }), loadMeshProfile("istio"), context(retriesOnly));
    expect(warnings).toEqual([
      "3 retries were not made: the retry budget or the client's maxRetries was spent",
      "1 try was abandoned at a timeout; their servers kept working on them (load the caller no longer waits for)",
    ]);
  });
});
