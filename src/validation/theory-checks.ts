/**
 * The engine checked against queueing theory: each check is a small scenario whose answer is
 * known in closed form, simulated through the same path a real scenario takes (loader, request
 * flow, stations, histograms), with the expected figures beside it.
 */

import { parseScenario, type Scenario } from "../scenario/index.js";
import { mm1Sojourn, mmcSojourn, md1Sojourn, tandemSojourn, meanValueAnalysis, type SojournTheory } from "./queueing-theory.js";

/** A figure the simulation must reproduce within a tolerance. */
export interface ExpectedFigure {
  metric: "mean" | "p99" | "throughputPerSec";
  expected: number;
  /** Allowed relative error, percent. */
  tolerancePct: number;
  /**
   * Asymptotic variance of the figure's estimate times the requests measured, in the figure's
   * unit squared (ms², or requests/s squared for throughput): at n requests its standard error
   * is sqrt(variancePerRequest / n) (see `standardError`). Successive sojourns in a queue are
   * correlated, so this is far above one sojourn's variance. 0 for a figure with no sampling error.
   */
  variancePerRequest: number;
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
 * The standard error of `figure` estimated from `requests` measured requests, in its unit.
 * @example standardError({ metric: "mean", expected: 5, tolerancePct: 1, variancePerRequest: 2120 }, 16e6) // 0.0115
 */
export function standardError(figure: ExpectedFigure, requests: number): number {
  return Math.sqrt(figure.variancePerRequest / requests);
}

/*
 * Where the variances per request come from: batch means over long simulations of each check's
 * queue written apart from meshsim (Lindley's recursion for one server, Kiefer-Wolfowitz's for
 * four, departure times in series for the tandem, an event loop for the closed network and for
 * processor sharing), 20,000 requests of warm-up, then 300 to 1000 batches of 0.1 M to 2 M
 * requests. A p99's variance is the variance of the fraction of sojourns above the theoretical
 * p99 divided by the squared density there (Bahadur). That fraction's variance is 40 to 80 times
 * the binomial p(1 - p) / n: sojourns in a queue are correlated, so an order-statistic standard
 * error that treats them as independent would be 6 to 9 times too small. Each figure is the
 * largest of two or three such runs, rounded up (runs differ by up to 20%). The same method gives
 * 2034 ms² for the M/M/1 wait in queue, whose closed form (Blomqvist 1967) is
 * ρ(2 + 5ρ - 4ρ² + ρ³) / (1 - ρ)^4 = 1976 ms² at ρ = 0.8.
 */

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
    checks.push(openCheck("M/M/1", "sojourn ~ Exp(mu - lambda)", rate, requestsPerCheck, theory, { mean: 2120, p99: 196_000 }, [
      station("server", { type: "exponential", meanMs: serviceMs }, 1),
    ]));
  }
  {
    const serviceMs = 1;
    const servers = 4;
    const rate = (utilization * servers) / serviceMs;
    const theory = mmcSojourn(rate, 1 / serviceMs, servers);
    checks.push(openCheck("M/M/4", "Erlang C wait + exponential service", rate, requestsPerCheck, theory, { mean: 132, p99: 9000 }, [
      station("server", { type: "exponential", meanMs: serviceMs }, servers),
    ]));
  }
  {
    const serviceMs = 1;
    const rate = utilization / serviceMs;
    const theory = md1Sojourn(rate, serviceMs);
    checks.push(openCheck("M/D/1", "Pollaczek-Khinchine mean, Erlang's M/D/1 wait distribution", rate, requestsPerCheck, theory, { mean: 235, p99: 23_200 }, [
      station("server", { type: "constant", valueMs: serviceMs }, 1),
    ]));
  }
  {
    const firstMs = 1;
    const secondMs = 0.625;
    const rate = utilization / firstMs;
    const theory = tandemSojourn(rate, 1 / firstMs, 1 / secondMs);
    checks.push(openCheck("tandem M/M/1 -> M/M/1", "Jackson network: Burke + Reich, hypoexponential sojourn", rate, requestsPerCheck, theory, { mean: 2070, p99: 195_000 }, [
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
        { metric: "mean", expected: theory.responseMs, tolerancePct: MEAN_TOLERANCE_PCT, variancePerRequest: 76 },
        // Completions per second over the window: its relative variance per request is 0.56.
        { metric: "throughputPerSec", expected: theory.throughputPerMs * 1000, tolerancePct: MEAN_TOLERANCE_PCT, variancePerRequest: 453_000 },
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

/** Variances per request of an open check's mean and p99 (see `ExpectedFigure`), ms². */
interface SojournVariances {
  mean: number;
  p99: number;
}

function openCheck(
  name: string,
  basis: string,
  ratePerMs: number,
  requests: number,
  theory: SojournTheory,
  variances: SojournVariances,
  stations: StationSpec[],
): TheoryCheck {
  const ratePerSec = ratePerMs * 1000;
  const durationS = requests / ratePerSec;
  return {
    name,
    basis,
    ratePerSec,
    scenario: buildScenario(name, stations, { type: "open", ratePerSec, durationS, warmupS: warmupFor(durationS) }),
    figures: [
      { metric: "mean", expected: theory.meanMs, tolerancePct: MEAN_TOLERANCE_PCT, variancePerRequest: variances.mean },
      { metric: "p99", expected: theory.p99Ms, tolerancePct: P99_TOLERANCE_PCT, variancePerRequest: variances.p99 },
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
