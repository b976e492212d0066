/**
 * Closed-form results of queueing theory that the simulator is checked against: M/M/1, M/M/c
 * (Erlang C), M/D/1 (Pollaczek-Khinchine mean, Erlang's waiting-time distribution), tandem
 * Jackson networks and closed networks by exact mean value analysis. Times in ms, rates per ms.
 */

/** Mean and 99th percentile of the time in system (sojourn), ms. */
export interface SojournTheory {
  meanMs: number;
  p99Ms: number;
}

/**
 * M/M/1: Poisson arrivals (rate λ), exponential service (rate μ), one server. The sojourn time
 * is exponential with rate μ - λ.
 * @throws RangeError when utilisation λ/μ is at or above 1
 */
export function mm1Sojourn(arrivalPerMs: number, servicePerMs: number): SojournTheory {
  requireStable(arrivalPerMs / servicePerMs);
  const rate = servicePerMs - arrivalPerMs;
  return { meanMs: 1 / rate, p99Ms: Math.log(100) / rate };
}

/**
 * Erlang's C formula: the probability an arrival waits in an M/M/c queue with offered load
 * a = λ/μ. Computed by the stable Erlang B recursion.
 */
export function erlangC(servers: number, offeredLoad: number): number {
  let erlangB = 1;
  for (let k = 1; k <= servers; k++) erlangB = (offeredLoad * erlangB) / (k + offeredLoad * erlangB);
  const utilization = offeredLoad / servers;
  return erlangB / (1 - utilization + utilization * erlangB);
}

/**
 * M/M/c sojourn: the wait is 0 with probability 1 - C and else exponential with rate cμ - λ;
 * the sojourn adds an independent exponential service.
 */
export function mmcSojourn(arrivalPerMs: number, servicePerMs: number, servers: number): SojournTheory {
  const offered = arrivalPerMs / servicePerMs;
  requireStable(offered / servers);
  const waitProbability = erlangC(servers, offered);
  const waitRate = servers * servicePerMs - arrivalPerMs;
  const meanMs = waitProbability / waitRate + 1 / servicePerMs;
  const survival = (t: number): number =>
    (1 - waitProbability) * Math.exp(-servicePerMs * t) +
    waitProbability * hypoexponentialSurvival(waitRate, servicePerMs, t);
  return { meanMs, p99Ms: solveSurvival(survival, 0.01, meanMs) };
}

/**
 * M/D/1 with deterministic service D: mean wait ρD / (2(1 - ρ)) (Pollaczek-Khinchine); the
 * waiting-time distribution is Erlang's: P(W <= t) = (1-ρ) Σ_{k=0}^{⌊t/D⌋} (λ(kD-t))^k / k! e^{-λ(kD-t)}.
 */
export function md1Sojourn(arrivalPerMs: number, serviceMs: number): SojournTheory {
  const utilization = arrivalPerMs * serviceMs;
  requireStable(utilization);
  const meanWait = (utilization * serviceMs) / (2 * (1 - utilization));
  const waitCdf = (t: number): number => {
    let sum = 0;
    for (let k = 0; k <= Math.floor(t / serviceMs); k++) {
      const x = arrivalPerMs * (k * serviceMs - t);
      sum += (Math.pow(x, k) / factorial(k)) * Math.exp(-x);
    }
    return (1 - utilization) * sum;
  };
  const p99Wait = solveSurvival((t) => 1 - waitCdf(t), 0.01, meanWait + serviceMs);
  return { meanMs: meanWait + serviceMs, p99Ms: p99Wait + serviceMs };
}

/**
 * Tandem of two M/M/1 stations fed by Poisson arrivals (a Jackson network). Burke's theorem
 * makes the second station's input Poisson, and a customer's two sojourns are independent
 * (Reich), so the total is hypoexponential.
 */
export function tandemSojourn(arrivalPerMs: number, firstServicePerMs: number, secondServicePerMs: number): SojournTheory {
  const first = firstServicePerMs - arrivalPerMs;
  const second = secondServicePerMs - arrivalPerMs;
  requireStable(arrivalPerMs / firstServicePerMs);
  requireStable(arrivalPerMs / secondServicePerMs);
  const meanMs = 1 / first + 1 / second;
  return { meanMs, p99Ms: solveSurvival((t) => hypoexponentialSurvival(first, second, t), 0.01, meanMs) };
}

/** Result of mean value analysis of a closed network. */
export interface ClosedNetworkTheory {
  /** Mean time from sending a request to its response (excluding think time), ms. */
  responseMs: number;
  /** Requests completed per ms. */
  throughputPerMs: number;
}

/**
 * Exact mean value analysis (Reiser & Lavenberg 1980) of a closed network: `users` customers,
 * each thinking for `thinkMs` on average, then visiting FCFS single-server stations with the
 * given service demands (ms per request).
 */
export function meanValueAnalysis(users: number, thinkMs: number, demandsMs: number[]): ClosedNetworkTheory {
  const queue = demandsMs.map(() => 0);
  let responseMs = 0;
  let throughputPerMs = 0;
  for (let n = 1; n <= users; n++) {
    const residence = demandsMs.map((demand, i) => demand * (1 + queue[i]));
    responseMs = residence.reduce((sum, r) => sum + r, 0);
    throughputPerMs = n / (thinkMs + responseMs);
    residence.forEach((r, i) => (queue[i] = throughputPerMs * r));
  }
  return { responseMs, throughputPerMs };
}

// --- internal ---

function requireStable(utilization: number): void {
  if (!(utilization < 1)) throw new RangeError(`utilisation must be below 1, got ${utilization}`);
}

/** P(X + Y > t) for independent exponentials with rates a and b. */
function hypoexponentialSurvival(a: number, b: number, t: number): number {
  if (Math.abs(a - b) < 1e-12 * Math.max(a, b)) return Math.exp(-a * t) * (1 + a * t);
  return (b * Math.exp(-a * t) - a * Math.exp(-b * t)) / (b - a);
}

/** Smallest t with survival(t) <= level, by bracketing then bisection (survival decreasing). */
function solveSurvival(survival: (t: number) => number, level: number, scaleMs: number): number {
  let low = 0;
  let high = Math.max(scaleMs, 1e-9);
  while (survival(high) > level) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const middle = (low + high) / 2;
    if (survival(middle) > level) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function factorial(k: number): number {
  let product = 1;
  for (let i = 2; i <= k; i++) product *= i;
  return product;
}
