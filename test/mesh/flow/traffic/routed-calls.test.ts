/**
 * RoutedCalls through whole runs: small scenario documents where `front` calls `back` under a
 * rule, run for one replication under the synthetic traffic mesh (1 us sidecars). Arrivals are
 * uniform (one request every 10 ms) and service times constant, so most outcomes are exact:
 * every request's tries start at the same offsets from its send time (to within a retry's
 * back-off of at most 1 ms), none close to a multiple of 10 ms, so the measurement window holds
 * exactly one set of app visits per measured request. Where a draw decides (error rates,
 * fault percentages) the check allows 4 standard errors of the binomial fraction.
 */

import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../../../../src/stats/index.js";
import { loadMeshProfile } from "../../../../src/scenario/index.js";
import type { ReplicationResult } from "../../../../src/runner/index.js";
import { appVisits, measured, runTraffic, trafficMesh } from "./_traffic-run.js";

const constant = (valueMs: number) => ({ type: "constant", valueMs });
/** 100 requests/s for 20 s: 2000 measured requests. */
const RATE_PER_SEC = 100;
const DURATION_S = 20;
const REQUESTS = RATE_PER_SEC * DURATION_S;

/** `front` (0.5 ms) calls `back` once per request; `back`, the rule on host back and `front`'s changes are the test's subject. */
function frontToBack(options: { back: object; rule?: object; front?: object; services?: object[]; requestTypes?: object[] }) {
  return {
    name: "routed-calls",
    cluster: { nodes: 1 },
    services: [
      { name: "front", concurrency: 256, serviceTime: constant(0.5), ...options.front },
      { name: "back", concurrency: 256, ...options.back },
      ...(options.services ?? []),
    ],
    requestTypes: options.requestTypes ?? [{ name: "r", entry: "front", calls: [{ call: "back" }] }],
    ...(options.rule ? { traffic: [{ host: "back", ...options.rule }] } : {}),
    load: { type: "open", arrival: "uniform", ratePerSec: RATE_PER_SEC, client: { meshed: true } },
  };
}

/** One route to `back` with `extra` (retries, timeouts, faults). */
const backRoute = (extra: object) => ({ routes: [{ backends: [{ service: "back" }], ...extra }] });

function run(document: object, profile = trafficMesh()): ReplicationResult {
  return runTraffic(document, profile, RATE_PER_SEC, DURATION_S);
}

/** Four standard errors of a fraction `p` estimated from `n` draws. */
const fourStandardErrors = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);

function latencies(result: ReplicationResult): LatencyHistogram {
  return LatencyHistogram.fromJSON(result.latency);
}

describe("RoutedCalls: retries", () => {
  it("startCall(a call whose server always fails, 2 retries on 5xx) tries it 3 times and fails it with service-error", () => {
    const result = run(frontToBack({ back: { serviceTime: constant(1), failures: { errorRate: 1 } }, rule: backRoute({ retries: { attempts: 2, retryOn: ["5xx"], backoffMs: 1 } }) }));
    expect(measured(result)).toBe(REQUESTS);
    expect(result.requests.failedByReason).toEqual({ "service-error": REQUESTS });
    expect(appVisits(result, "back")).toBe(3 * REQUESTS);
    expect(result.traffic!.retries).toBe(2 * REQUESTS);
  });

  it("startCall(a call whose server fails half its tries, 2 retries on 5xx) fails 1/8 of calls after 1.75 tries each", () => {
    const p = 0.5;
    const result = run(frontToBack({ back: { serviceTime: constant(1), failures: { errorRate: p } }, rule: backRoute({ retries: { attempts: 2, retryOn: ["5xx"], backoffMs: 1 } }) }));
    const requests = measured(result);
    expect(requests).toBe(REQUESTS);
    // A call fails when all 3 tries fail: p^3.
    const failed = result.requests.failedByReason["service-error"] / requests;
    expect(Math.abs(failed - p ** 3)).toBeLessThan(fourStandardErrors(p ** 3, requests));
    // Tries per call: 1, 2 or 3 with chances 1/2, 1/4, 1/4: mean 1.75, variance 0.6875.
    const tries = appVisits(result, "back") / requests;
    expect(Math.abs(tries - 1.75)).toBeLessThan(4 * Math.sqrt(0.6875 / requests));
    // Every try after the first is a retry.
    expect(result.traffic!.retries).toBe(appVisits(result, "back") - requests);
  });

  it("startCall(a call whose server fails, retries on connect-failure only) makes no retry", () => {
    const result = run(frontToBack({ back: { serviceTime: constant(1), failures: { errorRate: 1 } }, rule: backRoute({ retries: { attempts: 2, retryOn: ["connect-failure"], backoffMs: 1 } }) }));
    expect(result.traffic!.retries).toBe(0);
    expect(appVisits(result, "back")).toBe(REQUESTS);
    expect(result.requests.failedByReason).toEqual({ "service-error": REQUESTS });
  });
});

describe("RoutedCalls: timeouts", () => {
  it("timeoutFired(a per-try timeout of 5 ms on a 20 ms server) abandons each try, retries, and fails the call with timeout while the server finishes every try", () => {
    const result = run(frontToBack({ back: { serviceTime: constant(20) }, rule: backRoute({ timeoutMs: 100, retries: { attempts: 2, perTryTimeoutMs: 5, backoffMs: 1 } }) }));
    expect(result.requests.failedByReason).toEqual({ timeout: REQUESTS });
    const back = result.hops.find((hop) => hop.station === "app/back")!;
    expect(back.visits).toBe(3 * REQUESTS);
    // Each abandoned try still took its full 20 ms of service.
    expect(back.serviceMs / back.visits).toBeCloseTo(20, 9);
    // The calls in flight as the window opens add at most their own 3 tries to the count.
    expect(result.traffic!.timeouts).toBeGreaterThanOrEqual(3 * REQUESTS);
    expect(result.traffic!.timeouts).toBeLessThanOrEqual(3 * REQUESTS + 3);
  });

  it("timeoutFired(a per-try timeout on the slow one of two round-robin replicas) moves the call to the fast one: it completes in about 5 ms + 2 ms, not 20 ms", () => {
    // back[0] takes 20 ms, back[1] 2 ms. Round robin alternates, so each call tries back[0] first,
    // gives up at 5 ms, and the retry reaches back[1].
    const slowFirst = { replicas: 2, serviceTime: constant(2), failures: { slowReplicas: [{ replica: 0, factor: 10 }] } };
    const result = run(frontToBack({ back: slowFirst, rule: backRoute({ timeoutMs: 100, retries: { attempts: 1, perTryTimeoutMs: 5, backoffMs: 1 } }) }));
    expect(result.requests.completed).toBe(REQUESTS);
    expect(result.traffic!.retries).toBe(REQUESTS);
    const back = result.hops.find((hop) => hop.station === "app/back")!;
    expect(back.visits).toBe(2 * REQUESTS);
    // Both tries ran to the end: 20 ms on the slow replica, 2 ms on the fast one.
    expect(back.serviceMs).toBeCloseTo(22 * REQUESTS, 6);
    // front 0.5 + the abandoned try's 5 + a back-off in [0, 1) + 2 on back[1], plus sub-0.1 ms of links and proxies.
    const latency = latencies(result);
    expect(latency.min).toBeGreaterThanOrEqual(0.5 + 5 + 2);
    expect(latency.max).toBeLessThan(0.5 + 5 + 1 + 2 + 0.2);
  });
});

describe("RoutedCalls: bypass and routes", () => {
  // The rule sends every call for host back to back-v2.
  const toV2 = { routes: [{ backends: [{ service: "back-v2" }] }] };
  const v2 = [{ name: "back-v2", concurrency: 256, serviceTime: constant(1) }];

  it("startCall(from a meshed caller) applies the rule: every call goes to back-v2", () => {
    const result = run(frontToBack({ back: { serviceTime: constant(1) }, services: v2, rule: toV2 }));
    expect(result.requests.completed).toBe(REQUESTS);
    expect(appVisits(result, "back-v2")).toBe(REQUESTS);
    expect(appVisits(result, "back")).toBe(0);
    expect(result.traffic!.hosts).toEqual([{ host: "back", applied: REQUESTS, bypassed: 0, noRoute: 0, byBackend: { "back-v2": REQUESTS } }]);
  });

  it("startCall(from an unmeshed caller) bypasses the rule: kube-proxy spreads calls over every backend's pods, and a 100% abort fault never fires", () => {
    const rule = { routes: [{ backends: [{ service: "back-v2" }], fault: { abort: { percent: 100, status: 503 } } }] };
    // The Service named back selects back's 3 pods and back-v2's 1 (the canary pattern): 1/4 reach back-v2.
    const result = run(frontToBack({ back: { replicas: 3, serviceTime: constant(1) }, services: v2, rule, front: { meshed: false } }));
    expect(result.requests.completed).toBe(REQUESTS);
    expect(result.requests.failed).toBe(0);
    const toV2 = appVisits(result, "back-v2");
    expect(appVisits(result, "back") + toV2).toBe(REQUESTS);
    expect(Math.abs(toV2 / REQUESTS - 0.25)).toBeLessThan(fourStandardErrors(0.25, REQUESTS));
    expect(result.traffic!.hosts).toEqual([{ host: "back", applied: 0, bypassed: REQUESTS, noRoute: 0, byBackend: { back: REQUESTS - toV2, "back-v2": toV2 } }]);
    expect(result.traffic!.faultsInjected).toEqual({ delay: 0, abort: 0 });
  });

  it("startCall(a request type no header route matches) fails the call with no-route (404) without reaching back; the matching type completes", () => {
    const rule = { routes: [{ match: { headers: { "x-user": "tester" } }, backends: [{ service: "back" }] }] };
    const requestTypes = [
      { name: "tester", entry: "front", headers: { "x-user": "tester" }, calls: [{ call: "back" }] },
      { name: "anonymous", entry: "front", calls: [{ call: "back" }] },
    ];
    const result = run(frontToBack({ back: { serviceTime: constant(1) }, rule, requestTypes }));
    const tester = result.byRequestType.find((type) => type.name === "tester")!.requests;
    const anonymous = result.byRequestType.find((type) => type.name === "anonymous")!.requests;
    expect(tester.completed + anonymous.failed).toBe(REQUESTS);
    expect(tester.failed).toBe(0);
    expect(anonymous.completed).toBe(0);
    expect(anonymous.failedByReason).toEqual({ "no-route": anonymous.failed });
    // The mix is a fair coin: 4 standard errors either side of half.
    expect(Math.abs(anonymous.failed / REQUESTS - 0.5)).toBeLessThan(fourStandardErrors(0.5, REQUESTS));
    expect(appVisits(result, "back")).toBe(tester.completed);
    expect(result.traffic!.hosts[0]).toMatchObject({ applied: tester.completed, noRoute: anonymous.failed });
  });
});

describe("RoutedCalls: circuit breaking", () => {
  it("startTry(one connection allowed, none pending, calls of 15 ms every 10 ms) overflows every second call with circuit-open", () => {
    const rule = { ...backRoute({}), circuitBreaker: { maxConnections: 1, maxPendingRequests: 0 } };
    const result = run(frontToBack({ back: { serviceTime: constant(15) }, rule }));
    // A call finds the previous one still on the connection and overflows; the next finds it free.
    expect(result.requests.completed).toBe(REQUESTS / 2);
    expect(result.requests.failedByReason).toEqual({ "circuit-open": REQUESTS / 2 });
    expect(appVisits(result, "back")).toBe(REQUESTS / 2);
  });

  it("startTry(two parallel calls, one connection allowed, room to wait) queues the second behind the first: none fails, each request takes two service times", () => {
    const twoAtOnce = [{ name: "r", entry: "front", calls: [{ parallel: [{ call: "back" }, { call: "back" }] }] }];
    const rule = { ...backRoute({}), circuitBreaker: { maxConnections: 1, maxPendingRequests: 1000 } };
    const result = run(frontToBack({ back: { serviceTime: constant(4) }, rule, requestTypes: twoAtOnce }));
    expect(result.requests.completed).toBe(REQUESTS);
    expect(result.traffic!.queuedByLimit).toBe(REQUESTS);
    // front 0.5, then back's two 4 ms calls one after the other, plus sub-0.1 ms of links and
    // proxies: done before the next request, 10 ms later, starts.
    const latency = latencies(result);
    expect(latency.min).toBeGreaterThanOrEqual(0.5 + 2 * 4);
    expect(latency.max).toBeLessThan(0.5 + 2 * 4 + 0.2);
  });

  it("startTry(two parallel calls, one connection allowed, none pending) overflows the second: every request fails circuit-open", () => {
    const twoAtOnce = [{ name: "r", entry: "front", calls: [{ parallel: [{ call: "back" }, { call: "back" }] }] }];
    const rule = { ...backRoute({}), circuitBreaker: { maxConnections: 1, maxPendingRequests: 0 } };
    const result = run(frontToBack({ back: { serviceTime: constant(4) }, rule, requestTypes: twoAtOnce }));
    expect(result.requests.failedByReason).toEqual({ "circuit-open": REQUESTS });
    expect(result.traffic!.queuedByLimit).toBe(0);
    expect(appVisits(result, "back")).toBe(REQUESTS);
  });
});

describe("RoutedCalls: fault injection at the client (Istio) and at the server (Kuma)", () => {
  const serverSideMesh = trafficMesh({ faultInjectionAt: "server" });
  const abortHalfRetryOnce = backRoute({ fault: { abort: { percent: 50, status: 503 } }, retries: { attempts: 1, retryOn: ["5xx"], backoffMs: 1 } });

  it("startCall(an abort fault at the caller's proxy) fails its share of calls before routing: no retry, no visit to back", () => {
    const result = run(frontToBack({ back: { serviceTime: constant(1) }, rule: abortHalfRetryOnce }));
    const aborted = result.requests.failedByReason["fault-abort"];
    expect(Math.abs(aborted / REQUESTS - 0.5)).toBeLessThan(fourStandardErrors(0.5, REQUESTS));
    expect(result.traffic!.retries).toBe(0);
    expect(result.traffic!.faultsInjected.abort).toBe(aborted);
    expect(appVisits(result, "back")).toBe(REQUESTS - aborted);
  });

  it("atServer(an abort fault at the server's proxy) is a 503 the caller retries: a quarter of calls fail", () => {
    const result = run(frontToBack({ back: { serviceTime: constant(1) }, rule: abortHalfRetryOnce }), serverSideMesh);
    const failed = result.requests.failedByReason["fault-abort"];
    expect(Math.abs(failed / REQUESTS - 0.25)).toBeLessThan(fourStandardErrors(0.25, REQUESTS));
    // Every abort is either retried or, the second time, final; a call that gets through visits back once.
    expect(result.traffic!.faultsInjected.abort).toBe(result.traffic!.retries + failed);
    expect(appVisits(result, "back")).toBe(REQUESTS - failed);
  });

  it.each([
    ["the caller's proxy", trafficMesh()],
    ["the server's proxy", serverSideMesh],
  ])("startCall(a 30 ms delay fault on every call, injected at %s) adds exactly 30 ms to every request", (_where, profile) => {
    const plain = latencies(run(frontToBack({ back: { serviceTime: constant(1) }, rule: backRoute({}) }), profile));
    const delayed = latencies(run(frontToBack({ back: { serviceTime: constant(1) }, rule: backRoute({ fault: { delay: { percent: 100, fixedDelayMs: 30 } } }) }), profile));
    expect(delayed.count).toBe(REQUESTS);
    expect(delayed.min - plain.min).toBeCloseTo(30, 5);
    expect(delayed.max - plain.max).toBeCloseTo(30, 5);
  });

  // A 20 ms per-try timeout and one retry on 5xx (a per-try timeout is a 504) around a 30 ms delay fault.
  const delayedPastPerTry = backRoute({ fault: { delay: { percent: 100, fixedDelayMs: 30 } }, retries: { attempts: 1, perTryTimeoutMs: 20, retryOn: ["5xx"], backoffMs: 1 } });

  it("startCall(a 30 ms delay at the caller's proxy, 20 ms per-try timeout) delays the call before its first try starts: every call completes, 30 ms late, without a retry", () => {
    const plain = latencies(run(frontToBack({ back: { serviceTime: constant(1) }, rule: backRoute({ retries: { attempts: 1, perTryTimeoutMs: 20, retryOn: ["5xx"], backoffMs: 1 } }) })));
    const result = run(frontToBack({ back: { serviceTime: constant(1) }, rule: delayedPastPerTry }));
    expect(result.requests.completed).toBe(REQUESTS);
    expect(result.traffic!.retries).toBe(0);
    expect(appVisits(result, "back")).toBe(REQUESTS);
    expect(latencies(result).min - plain.min).toBeCloseTo(30, 5);
  });

  it("atServer(a 30 ms delay at the server's proxy, 20 ms per-try timeout) delays each try inside its deadline: both tries time out, yet back serves both", () => {
    const result = run(frontToBack({ back: { serviceTime: constant(1) }, rule: delayedPastPerTry }), serverSideMesh);
    expect(result.requests.failedByReason).toEqual({ timeout: REQUESTS });
    // One retry per call; a call lasts about 42 ms, so the 5 sent just before the window opens may add theirs.
    expect(result.traffic!.retries).toBeGreaterThanOrEqual(REQUESTS);
    expect(result.traffic!.retries).toBeLessThanOrEqual(REQUESTS + 5);
    // The abandoned tries arrive after their delay and are served all the same.
    expect(appVisits(result, "back")).toBe(2 * REQUESTS);
  });

  it("atServer(under the kuma profile, whose faults are injected at the server) lets the caller retry an aborted call", () => {
    const kuma = loadMeshProfile("kuma");
    expect(kuma.traffic!.faultInjectionAt).toBe("server");
    const result = run(frontToBack({ back: { serviceTime: constant(1) }, rule: abortHalfRetryOnce }), kuma);
    const failed = result.requests.failedByReason["fault-abort"];
    expect(Math.abs(failed / REQUESTS - 0.25)).toBeLessThan(fourStandardErrors(0.25, REQUESTS));
    expect(result.traffic!.faultsInjected.abort).toBe(result.traffic!.retries + failed);
  });
});
