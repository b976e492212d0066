import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../../../../src/stats/index.js";
import type { ReplicationResult } from "../../../../src/runner/index.js";
import { appVisits, measured, runTraffic, trafficMesh } from "./_traffic-run.js";

const exp = (meanMs: number) => ({ type: "exponential", meanMs });
const constant = (valueMs: number) => ({ type: "constant", valueMs });

/** front calls back; `back` and its rule are the test's subject. */
function frontToBack(back: object, rule: object | undefined, ratePerSec = 200) {
  return {
    name: "retries",
    cluster: { nodes: 1 },
    services: [{ name: "front", concurrency: 256, serviceTime: exp(0.2) }, { name: "back", concurrency: 256, ...back }],
    requestTypes: [{ name: "r", entry: "front", calls: [{ call: "back" }] }],
    ...(rule ? { traffic: [{ host: "back", ...rule }] } : {}),
    load: { type: "open", ratePerSec, client: { meshed: true } },
  };
}

function p99(result: ReplicationResult): number {
  return LatencyHistogram.fromJSON(result.latency).valueAtPercentile(99);
}

const backRoute = (extra: object) => ({ routes: [{ backends: [{ service: "back" }], ...extra }] });

describe("retries", () => {
  it("amplify load as theory says: tries per call = (1 - p^(n+1)) / (1 - p), failures p^(n+1)", () => {
    const p = 0.3;
    const n = 2;
    const result = runTraffic(
      frontToBack({ serviceTime: exp(1), failures: { errorRate: p } }, backRoute({ retries: { attempts: n, retryOn: ["5xx"], backoffMs: 1 } })),
      trafficMesh(),
      200,
      30,
    );
    const requests = measured(result);
    const tries = appVisits(result, "back") / requests;
    expect(tries).toBeCloseTo((1 - p ** (n + 1)) / (1 - p), 1);
    expect(Math.abs(tries - 1.39)).toBeLessThan(0.04);
    const failed = result.requests.failedByReason["service-error"] / requests;
    expect(Math.abs(failed - p ** (n + 1))).toBeLessThan(4 * Math.sqrt((p ** 3 * (1 - p ** 3)) / requests));
    expect(result.traffic!.retries).toBeGreaterThan(0);
  });

  it("are not made for failures their conditions do not cover", () => {
    const result = runTraffic(
      frontToBack({ serviceTime: exp(1), failures: { errorRate: 0.3 } }, backRoute({ retries: { attempts: 2, retryOn: ["connect-failure"] } })),
      trafficMesh(),
      200,
    );
    expect(result.traffic!.retries).toBe(0);
    expect(appVisits(result, "back") / measured(result)).toBeCloseTo(1, 1);
  });

  it("a retry budget caps a retry storm at its ratio (Linkerd: retries add at most 20%)", () => {
    const always = { serviceTime: exp(1), failures: { errorRate: 1 } };
    const storm = runTraffic(frontToBack(always, backRoute({ retries: { attempts: 3, backoffMs: 1 } })), trafficMesh(), 200);
    expect(appVisits(storm, "back") / measured(storm)).toBeCloseTo(4, 1);
    const budgeted = runTraffic(
      frontToBack(always, { ...backRoute({ retries: { attempts: 3, backoffMs: 1 } }), retryBudget: { ratio: 0.2, minPerSecond: 0 } }),
      trafficMesh(),
      200,
    );
    expect(Math.abs(appVisits(budgeted, "back") / measured(budgeted) - 1.2)).toBeLessThan(0.03);
    expect(budgeted.traffic!.retriesDenied).toBeGreaterThan(0);
  });

  it("each client proxy has its own budget (Linkerd keeps one per proxy): two callers, twice the minimum", () => {
    const always = { serviceTime: exp(1), failures: { errorRate: 1 } };
    const rule = { ...backRoute({ retries: { attempts: 3, backoffMs: 1 } }), retryBudget: { ratio: 0, minPerSecond: 5, ttlMs: 10000 } };
    const oneCaller = runTraffic(frontToBack(always, rule), trafficMesh(), 200);
    const twoCallers = frontToBack(always, rule);
    (twoCallers.services[0] as { replicas?: number }).replicas = 2;
    const doubled = runTraffic(twoCallers, trafficMesh(), 200);
    // 5 retries/s per proxy over the 20 s window (the budget refills as its 10 s TTL slides).
    expect(oneCaller.traffic!.retries).toBeGreaterThan(90);
    expect(oneCaller.traffic!.retries).toBeLessThan(110);
    expect(doubled.traffic!.retries / oneCaller.traffic!.retries).toBeCloseTo(2, 1);
  });

  it("maxRetries 0 (a circuit breaker on retries) stops every retry", () => {
    const result = runTraffic(
      frontToBack({ serviceTime: exp(1), failures: { errorRate: 0.5 } }, { ...backRoute({ retries: { attempts: 3 } }), circuitBreaker: { maxRetries: 0 } }),
      trafficMesh(),
      200,
    );
    expect(result.traffic!.retries).toBe(0);
    expect(result.traffic!.retriesDenied).toBeGreaterThan(0);
  });
});

describe("timeouts", () => {
  it("fail a slow call at the deadline while the server keeps working on it", () => {
    const result = runTraffic(frontToBack({ serviceTime: constant(20) }, backRoute({ timeoutMs: 5 })), trafficMesh(), 100);
    expect(result.requests.completed).toBe(0);
    expect(result.requests.failedByReason.timeout).toBe(measured(result));
    // The abandoned work still happens: one visit per request.
    expect(appVisits(result, "back") / measured(result)).toBeCloseTo(1, 1);
    expect(result.traffic!.timeouts).toBeGreaterThan(0);
  });

  it("per-try timeouts with retries multiply the work sent to a slow server (a retry storm)", () => {
    const result = runTraffic(
      frontToBack({ serviceTime: constant(20) }, backRoute({ timeoutMs: 100, retries: { attempts: 2, perTryTimeoutMs: 5, backoffMs: 1 } })),
      trafficMesh(),
      100,
    );
    expect(appVisits(result, "back") / measured(result)).toBeCloseTo(3, 1);
    expect(result.requests.failedByReason.timeout).toBe(measured(result));
  });

  it("leave fast calls alone", () => {
    const result = runTraffic(frontToBack({ serviceTime: constant(1) }, backRoute({ timeoutMs: 50 })), trafficMesh(), 100);
    expect(result.requests.failed).toBe(0);
    expect(result.traffic!.timeouts).toBe(0);
  });
});

describe("load balancing and outlier detection", () => {
  /** back: 3 replicas, replica 0 is 40x slower. */
  const slowReplica = { replicas: 3, serviceTime: exp(1), failures: { slowReplicas: [{ replica: 0, factor: 40 }] } };

  it("least request and peak EWMA keep calls off a slow replica: a lower p99 than round robin", () => {
    const p99With = (balancer: string) => p99(runTraffic(frontToBack(slowReplica, { ...backRoute({}), loadBalancer: balancer }), trafficMesh(), 200));
    const roundRobin = p99With("round-robin");
    expect(p99With("least-request")).toBeLessThan(roundRobin);
    expect(p99With("ewma")).toBeLessThan(roundRobin);
  });

  it("ejecting a slow replica after consecutive timeouts cuts the tail", () => {
    const route = backRoute({ timeoutMs: 200, retries: { attempts: 2, perTryTimeoutMs: 10, backoffMs: 1 } });
    const without = runTraffic(frontToBack(slowReplica, route), trafficMesh(), 200);
    const withEjection = runTraffic(
      frontToBack(slowReplica, { ...route, outlierDetection: { consecutive5xx: 3, baseEjectionMs: 2000, maxEjectionPercent: 50 } }),
      trafficMesh(),
      200,
    );
    expect(withEjection.traffic!.ejections).toBeGreaterThan(0);
    expect(without.traffic!.ejections).toBe(0);
    expect(p99(withEjection)).toBeLessThan(p99(without) / 2);
    expect(withEjection.traffic!.timeouts).toBeLessThan(without.traffic!.timeouts / 5);
  });

  it("a replica outage refuses connections only during its window; retries on connect-failure hide it", () => {
    const down = { replicas: 2, serviceTime: exp(1), failures: { outages: [{ replica: 0, startS: 5, endS: 10 }] } };
    const bare = runTraffic(frontToBack(down, backRoute({})), trafficMesh(), 200);
    const refused = bare.requests.failedByReason["connection-refused"];
    // About half the calls of 5 s out of 20 s.
    expect(refused / measured(bare)).toBeGreaterThan(0.1);
    expect(refused / measured(bare)).toBeLessThan(0.15);
    const retried = runTraffic(frontToBack(down, backRoute({ retries: { attempts: 2, retryOn: ["connect-failure"], backoffMs: 1 } })), trafficMesh(), 200);
    expect(retried.requests.failedByReason["connection-refused"] ?? 0).toBeLessThan(refused / 10);
  });
});

describe("circuit breaking, rate limits and faults", () => {
  it("a connection limit queues HTTP/1.1 calls, and overflows past the pending limit", () => {
    const busy = { serviceTime: constant(4), concurrency: 8 };
    const queued = runTraffic(frontToBack(busy, { ...backRoute({}), circuitBreaker: { maxConnections: 1, maxPendingRequests: 1000 } }), trafficMesh(), 100);
    expect(queued.requests.failed).toBe(0);
    expect(queued.traffic!.queuedByLimit).toBeGreaterThan(0);
    const overflow = runTraffic(frontToBack(busy, { ...backRoute({}), circuitBreaker: { maxConnections: 1, maxPendingRequests: 0 } }), trafficMesh(), 100);
    expect(overflow.requests.failedByReason["circuit-open"]).toBeGreaterThan(0);
  });

  it("a mesh's default limits apply with no rule at all (Envoy's defaults can queue requests, EN1)", () => {
    const busy = { serviceTime: constant(4), concurrency: 8 };
    const tight = trafficMesh({ defaults: { loadBalancer: "round-robin", circuitBreaker: { maxConnections: 1, maxPendingRequests: 1000, maxRequests: 1000, maxRetries: 3 } } });
    const result = runTraffic(frontToBack(busy, undefined), tight, 100);
    expect(result.traffic!.queuedByLimit).toBeGreaterThan(0);
    expect(result.traffic!.hosts).toEqual([]);
    const roomy = runTraffic(frontToBack(busy, undefined), trafficMesh(), 100);
    expect(roomy.traffic!.queuedByLimit).toBe(0);
  });

  it("a local rate limit refuses what exceeds its rate (429)", () => {
    const result = runTraffic(frontToBack({ serviceTime: exp(1) }, { ...backRoute({}), rateLimit: { requestsPerSecond: 100, burst: 10 } }), trafficMesh(), 200);
    const limited = result.requests.failedByReason["rate-limited"] / measured(result);
    expect(limited).toBeGreaterThan(0.45);
    expect(limited).toBeLessThan(0.55);
  });

  it("an abort fault fails its percentage of calls", () => {
    const result = runTraffic(frontToBack({ serviceTime: exp(1) }, backRoute({ fault: { abort: { percent: 20, status: 503 } } })), trafficMesh(), 200);
    const aborted = result.requests.failedByReason["fault-abort"] / measured(result);
    expect(Math.abs(aborted - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / measured(result)));
  });

  it("a delay fault adds its delay to its percentage of calls", () => {
    const plain = runTraffic(frontToBack({ serviceTime: constant(1) }, backRoute({})), trafficMesh(), 100);
    const delayed = runTraffic(frontToBack({ serviceTime: constant(1) }, backRoute({ fault: { delay: { percent: 50, fixedDelayMs: 100 } } })), trafficMesh(), 100);
    const mean = (result: ReplicationResult) => LatencyHistogram.fromJSON(result.latency).mean;
    expect(mean(delayed) - mean(plain)).toBeGreaterThan(45);
    expect(mean(delayed) - mean(plain)).toBeLessThan(55);
  });

  it("server-side fault injection (Kuma) is retried by the caller; client-side (Istio) is not", () => {
    const rule = backRoute({ fault: { abort: { percent: 50, status: 503 } }, retries: { attempts: 1, retryOn: ["5xx"] } });
    const clientSide = runTraffic(frontToBack({ serviceTime: exp(1) }, rule), trafficMesh(), 200);
    const serverSide = runTraffic(frontToBack({ serviceTime: exp(1) }, rule), trafficMesh({ faultInjectionAt: "server" }), 200);
    expect(clientSide.traffic!.retries).toBe(0);
    expect(serverSide.traffic!.retries).toBeGreaterThan(0);
    expect(serverSide.requests.failedByReason["fault-abort"]).toBeLessThan(clientSide.requests.failedByReason["fault-abort"] / 1.5);
  });
});

describe("calls that bypass the rules (an unmeshed caller)", () => {
  it("reach only the pods an autoscaler has in balancing, not the ones it has not started", () => {
    // back starts at 2 of 20 pods; pod 10 (never started at this load) is down all run, so a call
    // sent to it would fail.
    const back = {
      replicas: 2,
      serviceTime: exp(1),
      resources: { cpuRequest: 1 },
      autoscaling: { minReplicas: 2, maxReplicas: 20, targetCpuUtilization: 90 },
      failures: { outages: [{ replica: 10, startS: 0, endS: 1000 }] },
    };
    const document = frontToBack(back, backRoute({ timeoutMs: 1000 }), 100);
    (document.services[0] as Record<string, unknown>).meshed = false;
    const result = runTraffic(document, trafficMesh(), 100);
    expect(result.scaling).toEqual([]);
    expect(result.traffic!.hosts.find((host) => host.host === "back")!.bypassed).toBeGreaterThan(1000);
    expect(result.requests.failed).toBe(0);
  });
});
