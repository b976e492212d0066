/**
 * The engine checked against queueing theory: each check is a small scenario whose answer is
 * known in closed form, simulated through the same path a real scenario takes (loader, request
 * flow, stations, histograms), with the expected figures beside it.
 */

import { parseScenario, type Scenario } from "../scenario/index.js";
import { mm1Sojourn, mmcSojourn, md1Sojourn, tandemSojourn, meanValueAnalysis } from "./queueing-theory.js";

/** A figure the simulation must reproduce within a tolerance. */
export interface ExpectedFigure {
  metric: "mean" | "p99" | "throughputPerSec";
  expected: number;
  /** Allowed relative error, percent. */
  tolerancePct: number;
}

export interface TheoryCheck {
  name: string;
  /** Formula the expected figures come from. */
  basis: string;
  scenario: Scenario;
  ratePerSec: number;
  figures: ExpectedFigure[];
}

/** Mean within 1% and p99 within 2% at utilisation 0.8 (the target). */
const MEAN_TOLERANCE_PCT = 1;
const P99_TOLERANCE_PCT = 2;

/**
 * The theory checks, each sized to `requestsPerCheck` simulated requests in its window.
 * @example theoryChecks(2e7).map((check) => check.name)
 */
export function theoryChecks(requestsPerCheck: number): TheoryCheck[] {
  const utilization = 0.8;
  const checks: TheoryCheck[] = [];

  {
    const serviceMs = 1;
    const rate = utilization / serviceMs;
    const theory = mm1Sojourn(rate, 1 / serviceMs);
    checks.push(openCheck("M/M/1", "sojourn ~ Exp(mu - lambda)", rate, requestsPerCheck, theory.meanMs, theory.p99Ms, [
      station("server", { type: "exponential", meanMs: serviceMs }, 1),
    ]));
  }
  {
    const serviceMs = 1;
    const servers = 4;
    const rate = (utilization * servers) / serviceMs;
    const theory = mmcSojourn(rate, 1 / serviceMs, servers);
    checks.push(openCheck("M/M/4", "Erlang C wait + exponential service", rate, requestsPerCheck, theory.meanMs, theory.p99Ms, [
      station("server", { type: "exponential", meanMs: serviceMs }, servers),
    ]));
  }
  {
    const serviceMs = 1;
    const rate = utilization / serviceMs;
    const theory = md1Sojourn(rate, serviceMs);
    checks.push(openCheck("M/D/1", "Pollaczek-Khinchine mean, Erlang's M/D/1 wait distribution", rate, requestsPerCheck, theory.meanMs, theory.p99Ms, [
      station("server", { type: "constant", valueMs: serviceMs }, 1),
    ]));
  }
  {
    const firstMs = 1;
    const secondMs = 0.625;
    const rate = utilization / firstMs;
    const theory = tandemSojourn(rate, 1 / firstMs, 1 / secondMs);
    checks.push(openCheck("tandem M/M/1 -> M/M/1", "Jackson network: Burke + Reich, hypoexponential sojourn", rate, requestsPerCheck, theory.meanMs, theory.p99Ms, [
      station("first", { type: "exponential", meanMs: firstMs }, 1),
      station("second", { type: "exponential", meanMs: secondMs }, 1),
    ]));
  }
  {
    const users = 10;
    const thinkMs = 5;
    const demands = [1, 0.8];
    const theory = meanValueAnalysis(users, thinkMs, demands);
    const durationS = requestsPerCheck / (theory.throughputPerMs * 1000);
    checks.push({
      name: "closed network, 10 users",
      basis: "exact mean value analysis",
      ratePerSec: 0,
      scenario: buildScenario("closed-network", [
        station("first", { type: "exponential", meanMs: demands[0] }, 1),
        station("second", { type: "exponential", meanMs: demands[1] }, 1),
      ], {
        type: "closed",
        connections: users,
        thinkTime: { type: "exponential", meanMs: thinkMs },
        durationS,
        warmupS: warmupFor(durationS),
      }),
      figures: [
        { metric: "mean", expected: theory.responseMs, tolerancePct: MEAN_TOLERANCE_PCT },
        { metric: "throughputPerSec", expected: theory.throughputPerMs * 1000, tolerancePct: MEAN_TOLERANCE_PCT },
      ],
    });
  }
  return checks;
}

// --- internal ---

interface StationSpec {
  name: string;
  serviceTime: Record<string, unknown>;
  concurrency: number;
}

function station(name: string, serviceTime: Record<string, unknown>, concurrency: number): StationSpec {
  return { name, serviceTime, concurrency };
}

function openCheck(name: string, basis: string, ratePerMs: number, requests: number, meanMs: number, p99Ms: number, stations: StationSpec[]): TheoryCheck {
  const ratePerSec = ratePerMs * 1000;
  const durationS = requests / ratePerSec;
  return {
    name,
    basis,
    ratePerSec,
    scenario: buildScenario(name, stations, { type: "open", ratePerSec, durationS, warmupS: warmupFor(durationS) }),
    figures: [
      { metric: "mean", expected: meanMs, tolerancePct: MEAN_TOLERANCE_PCT },
      { metric: "p99", expected: p99Ms, tolerancePct: P99_TOLERANCE_PCT },
    ],
  };
}

function warmupFor(durationS: number): number {
  return Math.min(10, durationS / 100);
}

/**
 * A one-node cluster with a zero-latency network and zero-byte payloads, so the only delays
 * are the stations'. Stations are chained: the first calls the second, and so on.
 */
function buildScenario(name: string, stations: StationSpec[], load: Record<string, unknown>): Scenario {
  const chain = (index: number): Record<string, unknown>[] =>
    index >= stations.length ? [] : [{ call: stations[index].name, calls: chain(index + 1) }];
  const document = {
    name: name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
    cluster: { nodes: 1, network: { sameNodeRttMs: 0, crossNodeRttMs: 0 } },
    services: stations.map((s) => ({ name: s.name, serviceTime: s.serviceTime, concurrency: s.concurrency })),
    requestTypes: [{ name: "request", entry: stations[0].name, calls: chain(1) }],
    load: { ...load, requestBytes: 0, responseBytes: 0 },
  };
  return parseScenario(`theory:${name}`, document, "");
}
