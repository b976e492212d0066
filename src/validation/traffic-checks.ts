/**
 * The traffic layer checked against closed-form results: retries on independent errors, a
 * weighted split, the same split bypassed by an unmeshed caller (kube-proxy spreads calls over
 * pods), a retry budget, and a timeout that fails a slow call while the server still does the
 * work. Each check is one caller calling `server` under the synthetic mesh, through the same
 * path a scenario takes; tolerances follow from the size simulated.
 */

import { parseScenario, type Scenario } from "../scenario/index.js";
import { binomialStandardError, edgeSlack, retryTheory } from "./traffic-theory.js";

/** What a check's replications measured, summed. */
export interface TrafficTotals {
  /** Requests measured (completed and failed); each makes one call to `server`. */
  calls: number;
  failedByReason: Record<string, number>;
  /** Visits to each service's app replicas in the window. */
  visits: Record<string, number>;
  /** Calls to `server` per backend service, routed by the rule or bypassing it. */
  byBackend: Record<string, number>;
}

/** A figure of a check: what the simulation gave, what theory says, and the allowed error. */
export interface TrafficFigure {
  metric: string;
  /** The formula, and where the tolerance comes from. */
  basis: string;
  predicted: number;
  expected: number;
  /** Allowed relative error, percent. */
  tolerancePct: number;
}

export interface TrafficCheck {
  name: string;
  scenario: Scenario;
  ratePerSec: number;
  /** Measured seconds per replication. */
  durationS: number;
  warmupS: number;
  figures(totals: TrafficTotals): TrafficFigure[];
}

/** Arrivals per second of every check: 2000 calls/s keeps each server far from saturation. */
export const TRAFFIC_RATE_PER_SEC = 2000;
/** Sampled figures must lie within this many standard errors of theory (a false alarm in ~16,000). */
export const STANDARD_ERRORS = 4;
const WARMUP_S = 1;
/** The caller's own work before it calls `server`, ms: all that separates a call's send from its arrival. */
const CALLER_MS = 0.1;

/**
 * The traffic checks, each sized to `callsPerCheck` measured calls over `replications`.
 * @example trafficChecks(200_000, 2).map((check) => check.name)
 */
export function trafficChecks(callsPerCheck: number, replications: number): TrafficCheck[] {
  const durationS = callsPerCheck / (replications * TRAFFIC_RATE_PER_SEC);
  const check = (name: string, scenario: Scenario, figures: TrafficCheck["figures"]): TrafficCheck =>
    ({ name, scenario, ratePerSec: TRAFFIC_RATE_PER_SEC, durationS, warmupS: WARMUP_S, figures });
  const checks: TrafficCheck[] = [];

  {
    const errorRate = 0.3;
    const retries = 2;
    const theory = retryTheory(errorRate, retries);
    checks.push(check(
      `retries: error rate ${errorRate}, ${retries} retries on 5xx`,
      callerToServer("traffic-retries", [{ name: "server", concurrency: 256, serviceTime: exponential(1), failures: { errorRate } }], {
        routes: [{ backends: [{ service: "server" }], retries: { attempts: retries, retryOn: ["5xx"], backoffMs: 1 } }],
      }),
      (totals) => [
        {
          metric: "tries per call",
          basis: `(1 - p^(n+1)) / (1 - p); ${sampled("CLT", totals.calls)}`,
          predicted: totals.visits.server / totals.calls,
          expected: theory.meanTries,
          tolerancePct: tolerancePct(STANDARD_ERRORS * Math.sqrt(theory.triesVariance / totals.calls), theory.meanTries),
        },
        {
          metric: "failed fraction",
          basis: `p^(n+1); ${sampled("binomial", totals.calls)}`,
          predicted: sumOf(totals.failedByReason) / totals.calls,
          expected: theory.failedFraction,
          tolerancePct: tolerancePct(STANDARD_ERRORS * binomialStandardError(theory.failedFraction, totals.calls), theory.failedFraction),
        },
      ],
    ));
  }

  // One deployment, two callers: a meshed caller's proxy applies the weights; an unmeshed
  // caller's calls go through kube-proxy, which knows only the Service's pods (3 + 1).
  const stable = { weight: 90, replicas: 3 };
  const canary = { weight: 10, replicas: 1 };
  const split = (meshed: boolean) =>
    callerToServer(`traffic-split-${meshed ? "meshed" : "unmeshed"}`, [
      { name: "server-v1", replicas: stable.replicas, concurrency: 64, serviceTime: exponential(1) },
      { name: "server-v2", replicas: canary.replicas, concurrency: 64, serviceTime: exponential(1) },
    ], {
      routes: [{ backends: [{ service: "server-v1", weight: stable.weight }, { service: "server-v2", weight: canary.weight }] }],
    }, meshed);
  const canaryShare = (basis: string, expected: number) => (totals: TrafficTotals): TrafficFigure[] => {
    const routed = sumOf(totals.byBackend);
    return [{
      metric: "server-v2 share",
      basis: `${basis}; ${sampled("binomial", routed)}`,
      predicted: (totals.byBackend["server-v2"] ?? 0) / routed,
      expected,
      tolerancePct: tolerancePct(STANDARD_ERRORS * binomialStandardError(expected, routed), expected),
    }];
  };
  checks.push(check(
    `split ${stable.weight}/${canary.weight}, meshed caller`,
    split(true),
    canaryShare(`weight ${canary.weight} of ${stable.weight + canary.weight}`, canary.weight / (stable.weight + canary.weight)),
  ));
  checks.push(check(
    `split ${stable.weight}/${canary.weight}, unmeshed caller (kube-proxy)`,
    split(false),
    canaryShare(
      `${canary.replicas} of ${stable.replicas + canary.replicas} pods: kube-proxy ignores weights`,
      canary.replicas / (stable.replicas + canary.replicas),
    ),
  ));

  {
    const ratio = 0.2;
    const ttlMs = 10_000;
    const attempts = 3;
    const backoffMs = 1;
    const serviceMs = 1;
    // A cap, not a sample: retries stay within whole retries of ratio x requests. Each budget
    // window (TTL) may end with less than one retry unspent; beyond that, counting retries by
    // start time strays by the retries in flight across the window's edges, each started
    // within its call's tries and back-offs (at most their sum) of the call's send.
    let longestBackoffsMs = 0;
    for (let retry = 1; retry <= attempts; retry++) longestBackoffsMs += Math.min(2 ** retry - 1, 10) * backoffMs;
    const inFlightPerEdge = (TRAFFIC_RATE_PER_SEC * ratio * (attempts * serviceMs + longestBackoffsMs)) / 1000;
    const slackPerReplication = Math.ceil(((WARMUP_S + durationS) * 1000) / ttlMs) + edgeSlack(inFlightPerEdge, STANDARD_ERRORS);
    checks.push(check(
      `retry budget ${ratio}, every try fails`,
      callerToServer("traffic-retry-budget", [{ name: "server", concurrency: 256, serviceTime: exponential(serviceMs), failures: { errorRate: 1 } }], {
        routes: [{ backends: [{ service: "server" }], retries: { attempts, retryOn: ["5xx"], backoffMs } }],
        retryBudget: { ratio, minPerSecond: 0, ttlMs },
      }),
      (totals) => [{
        metric: "tries per call",
        basis: `1 + budget ratio (minPerSecond 0); ±${slackPerReplication} retries per replication (one per TTL unspent, ${STANDARD_ERRORS} standard deviations at the window's edges)`,
        predicted: totals.visits.server / totals.calls,
        expected: 1 + ratio,
        tolerancePct: tolerancePct((slackPerReplication * replications) / totals.calls, 1 + ratio),
      }],
    ));
  }

  {
    const serviceMs = 20;
    const timeoutMs = 5;
    const slackPerReplication = edgeSlack((TRAFFIC_RATE_PER_SEC * CALLER_MS) / 1000, STANDARD_ERRORS);
    checks.push(check(
      `timeout ${timeoutMs} ms, constant ${serviceMs} ms server`,
      callerToServer("traffic-timeout", [{ name: "server", concurrency: 256, serviceTime: { type: "constant", valueMs: serviceMs } }], {
        routes: [{ backends: [{ service: "server" }], timeoutMs }],
      }),
      (totals) => [
        {
          metric: "timed-out fraction",
          basis: "every call's work outlives its deadline: exact",
          predicted: (totals.failedByReason.timeout ?? 0) / totals.calls,
          expected: 1,
          tolerancePct: 0,
        },
        {
          metric: "server visits per call",
          basis: `abandoned work still runs; ±${slackPerReplication} visits per replication (${STANDARD_ERRORS} standard deviations at the window's edges)`,
          predicted: totals.visits.server / totals.calls,
          expected: 1,
          tolerancePct: tolerancePct((slackPerReplication * replications) / totals.calls, 1),
        },
      ],
    ));
  }
  return checks;
}

// --- internal ---

function exponential(meanMs: number): Record<string, unknown> {
  return { type: "exponential", meanMs };
}

function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function sampled(kind: "CLT" | "binomial", size: number): string {
  return `±${STANDARD_ERRORS} standard errors (${kind}) at ${size.toLocaleString("en-US")} calls`;
}

/** `absolute` as a percentage of `expected`, rounded up to three significant digits. */
function tolerancePct(absolute: number, expected: number): number {
  const pct = (100 * absolute) / expected;
  if (!(pct > 0)) return 0;
  const step = 10 ** (Math.floor(Math.log10(pct)) - 2);
  return Number((Math.ceil(pct / step) * step).toPrecision(3));
}

/**
 * `caller` (constant CALLER_MS of work, meshed unless said) calls `server`, whose rule is
 * `rule`; one node, a zero-latency network and zero-byte payloads, so only the rule shapes the
 * calls.
 */
function callerToServer(name: string, services: Record<string, unknown>[], rule: Record<string, unknown>, callerMeshed = true): Scenario {
  const document = {
    name,
    cluster: { nodes: 1, network: { sameNodeRttMs: 0, crossNodeRttMs: 0 } },
    services: [{ name: "caller", meshed: callerMeshed, concurrency: 256, serviceTime: { type: "constant", valueMs: CALLER_MS } }, ...services],
    requestTypes: [{ name: "call", entry: "caller", calls: [{ call: "server" }] }],
    traffic: [{ host: "server", ...rule }],
    load: { type: "open", ratePerSec: TRAFFIC_RATE_PER_SEC, requestBytes: 0, responseBytes: 0 },
  };
  return parseScenario(`traffic:${name}`, document, "");
}
