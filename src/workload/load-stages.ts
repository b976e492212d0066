/**
 * Load that changes over time, as k6's ramping-arrival-rate executor shapes it: stages, each
 * moving the arrival rate linearly from the previous stage's target to its own over its duration.
 * Arrivals form a non-homogeneous Poisson process, generated exactly by inverting the integrated
 * rate (Cinlar's method), so no draw is thrown away and the stream stays seeded.
 */

/** One stage: over `durationS`, the rate moves linearly to `ratePerSec`. */
export interface LoadStage {
  durationS: number;
  ratePerSec: number;
}

/** One stage of a closed loop: over `durationS`, the users move linearly to `users` (k6's ramping-vus). */
export interface UserStage {
  durationS: number;
  users: number;
}

/**
 * When the number of users changes, ms, and to what, for users starting at `startUsers` (held for
 * `leadMs`) and following `stages`: a ramp from a to b over d steps one user at a time, reaching
 * a + k at k/(b - a) of d (down alike), so the count is linear in time and exact at each target.
 * @example userSteps(0, 0, [{ durationS: 2, users: 2 }]) // [{ atMs: 1000, users: 1 }, { atMs: 2000, users: 2 }]
 */
export function userSteps(startUsers: number, leadMs: number, stages: UserStage[]): Array<{ atMs: number; users: number }> {
  const steps: Array<{ atMs: number; users: number }> = [];
  let from = startUsers;
  let startMs = leadMs;
  for (const stage of stages) {
    const lengthMs = stage.durationS * 1000;
    const change = stage.users - from;
    for (let k = 1; k <= Math.abs(change); k++) steps.push({ atMs: startMs + (k / Math.abs(change)) * lengthMs, users: from + Math.sign(change) * k });
    startMs += lengthMs;
    from = stage.users;
  }
  return steps;
}

/**
 * Whether `load` changes over time: an open loop's rate stages or a closed loop's user stages.
 * @example hasStages(scenario.load)
 */
export function hasStages(load: { stages?: unknown[]; userStages?: unknown[] }): boolean {
  return load.stages !== undefined || load.userStages !== undefined;
}

/**
 * The rate, requests/s, at `atS` seconds into the stages, starting from `startRatePerSec`;
 * 0 after the last stage.
 * @example rateAt(0, [{ durationS: 10, ratePerSec: 100 }], 5) // 50
 */
export function rateAt(startRatePerSec: number, stages: LoadStage[], atS: number): number {
  let from = startRatePerSec;
  let stageStartS = 0;
  for (const stage of stages) {
    if (atS < stageStartS + stage.durationS) return from + ((stage.ratePerSec - from) * (atS - stageStartS)) / stage.durationS;
    stageStartS += stage.durationS;
    from = stage.ratePerSec;
  }
  return 0;
}

/**
 * Mean rate over the stages, requests/s: the expected requests (the area under the rate) over
 * their whole duration.
 * @example stagesMeanRate(0, [{ durationS: 10, ratePerSec: 100 }, { durationS: 10, ratePerSec: 100 }]) // 75
 */
export function stagesMeanRate(startRatePerSec: number, stages: LoadStage[]): number {
  let from = startRatePerSec;
  let requests = 0;
  let durationS = 0;
  for (const stage of stages) {
    requests += ((from + stage.ratePerSec) / 2) * stage.durationS;
    durationS += stage.durationS;
    from = stage.ratePerSec;
  }
  return durationS > 0 ? requests / durationS : 0;
}

/**
 * A sampler of gaps between arrivals, ms, for a rate that holds `startRatePerSec` for `leadMs`
 * (the warm-up) and then follows `stages`. Each call returns the gap from the previous arrival
 * (the first: from time 0) to the next; Infinity once the rate has no more arrivals to give.
 *
 * Arrival k happens when the integrated rate Λ(t) reaches E1 + ... + Ek, each Ek drawn by
 * `unitStep` (Exp(1) for a Poisson process; the constant 1 for evenly spaced arrivals). Within a
 * linear piece starting at rate a (per ms) with slope k, Λ grows by a·s + k·s²/2 after s ms, so
 * reaching u more takes s = 2u / (a + sqrt(a² + 2ku)), a form that stays exact as k nears 0.
 * O(stages) per call at worst, O(1) amortised; no allocation.
 * @example const gap = createStagedInterarrival(0, 1000, [{ durationS: 10, ratePerSec: 100 }], () => 1); gap();
 */
export function createStagedInterarrival(startRatePerSec: number, leadMs: number, stages: LoadStage[], unitStep: () => number): () => number {
  // Pieces as (start ms, length ms, rate at start per ms, slope per ms²), the lead first.
  const pieces = [{ durationS: leadMs / 1000, from: startRatePerSec, to: startRatePerSec }];
  let from = startRatePerSec;
  for (const stage of stages) {
    pieces.push({ durationS: stage.durationS, from, to: stage.ratePerSec });
    from = stage.ratePerSec;
  }
  const startMs = new Float64Array(pieces.length);
  const lengthMs = new Float64Array(pieces.length);
  const ratePerMs = new Float64Array(pieces.length);
  const slope = new Float64Array(pieces.length);
  let atMs = 0;
  pieces.forEach((piece, index) => {
    startMs[index] = atMs;
    lengthMs[index] = piece.durationS * 1000;
    ratePerMs[index] = piece.from / 1000;
    slope[index] = lengthMs[index] > 0 ? (piece.to - piece.from) / 1000 / lengthMs[index] : 0;
    atMs += lengthMs[index];
  });

  let piece = 0;
  let offsetMs = 0;
  let lastMs = 0;
  return () => {
    let need = unitStep();
    while (piece < pieces.length) {
      const a = ratePerMs[piece] + slope[piece] * offsetMs;
      const k = slope[piece];
      const remainingMs = lengthMs[piece] - offsetMs;
      const available = a * remainingMs + (k * remainingMs * remainingMs) / 2;
      if (need < available) {
        // need > 0 keeps the division defined where the rate starts at 0 (a = 0).
        if (need > 0) offsetMs += (2 * need) / (a + Math.sqrt(Math.max(0, a * a + 2 * k * need)));
        const nextMs = startMs[piece] + offsetMs;
        const gap = nextMs - lastMs;
        lastMs = nextMs;
        return gap;
      }
      need -= available;
      piece++;
      offsetMs = 0;
    }
    return Infinity;
  };
}
