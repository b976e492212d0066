/**
 * Which runs fail requests: a run whose requests fail (strict mTLS refusing an unmeshed client,
 * a policy denying a caller, timeouts) has no honest latency or cost to rank, since what it
 * does not serve costs nothing and takes no time. Failures the application brings on its own
 * (an error rate, an outage) the no-mesh baseline shows too, so a run is failing when it fails
 * more than the baseline at the same load does.
 */

import type { RequestCounts, RunSummary } from "./results-document.js";

/**
 * How far a run's failed share may exceed the baseline's before the run counts as failing: a
 * tenth of a percentage point, so a difference of a few requests between two runs of the same
 * random numbers is not called a failure.
 */
export const FAILING_SHARE_MARGIN = 0.001;

/** What a failing run lost: its share of failed requests and the reasons, most frequent first. */
export interface RunFailure {
  /** failed / (completed + failed). */
  share: number;
  /** Each reason's failed requests, and their share of all requests. */
  reasons: Array<{ reason: string; count: number; share: number }>;
}

/** A run as failure rules read it: its mesh, load, `--set` values and request counts. */
export type FailureRun = Pick<RunSummary, "mesh" | "rps" | "requests"> & { parameters?: Record<string, unknown> };

/**
 * failed / (completed + failed); 0 without requests.
 * @example failedShare({ completed: 99, failed: 1, failedByReason: {} }) // 0.01
 */
export function failedShare(requests: RequestCounts): number {
  const total = requests.completed + requests.failed;
  return total === 0 ? 0 : requests.failed / total;
}

/**
 * The run's failure, or undefined when it does not fail more than `baseline` (the no-mesh run
 * at the same load) by FAILING_SHARE_MARGIN; without a baseline, any failed request fails it.
 * A run that completed nothing is always failing.
 * @example runFailure(osmRun, noMeshRun) // { share: 1, reasons: [{ reason: "mtls-plaintext-refused", count: 1201, share: 1 }] }
 */
export function runFailure(run: FailureRun, baseline?: FailureRun): RunFailure | undefined {
  const share = failedShare(run.requests);
  const allowed = baseline !== undefined ? failedShare(baseline.requests) + FAILING_SHARE_MARGIN : 0;
  if (run.requests.failed === 0 || (share <= allowed && run.requests.completed > 0)) return undefined;
  const total = run.requests.completed + run.requests.failed;
  const reasons = Object.entries(run.requests.failedByReason)
    .map(([reason, count]) => ({ reason, count, share: count / total }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { share, reasons };
}

/**
 * The failing runs of a document, each judged against the no-mesh run at its load and `--set`
 * values (when the document has one). The no-mesh runs are the reference: what they fail is the
 * application's own doing, so they are not listed.
 * @example failingRuns(document.runs).get(document.runs[3])?.share
 */
export function failingRuns<T extends FailureRun>(runs: readonly T[]): Map<T, RunFailure> {
  const key = (run: FailureRun) => `${run.rps}|${JSON.stringify(run.parameters ?? {})}`;
  const baselines = new Map(runs.filter((run) => run.mesh === "none").map((run) => [key(run), run]));
  const failing = new Map<T, RunFailure>();
  for (const run of runs) {
    if (run.mesh === "none") continue;
    const failure = runFailure(run, baselines.get(key(run)));
    if (failure) failing.set(run, failure);
  }
  return failing;
}

/**
 * The failure in words: the share and the reasons.
 * @example describeFailure({ share: 1, reasons: [{ reason: "mtls-plaintext-refused", count: 407, share: 1 }] }) // "every request failed (mtls-plaintext-refused)"
 */
export function describeFailure(failure: RunFailure): string {
  const reasons = failure.reasons.map((entry) => (failure.reasons.length === 1 ? entry.reason : `${entry.reason} ${formatShare(entry.share)}`)).join(", ");
  const share = failure.share >= 1 ? "every request failed" : `${formatShare(failure.share)} of requests failed`;
  return reasons === "" ? share : `${share} (${reasons})`;
}

// --- internal ---

/** A share as a percentage with two significant figures: 0.0314 -> "3.1%", 0.5 -> "50%". */
function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent >= 10 ? Math.round(percent) : Number(percent.toPrecision(2))}%`;
}
