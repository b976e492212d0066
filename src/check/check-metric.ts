/**
 * The figures `meshsim check` can gate on, how each is read from a run (or one request type of
 * a run) of the results document, its unit, and which of them carry a confidence interval.
 */

import { variantLabel } from "../report/index.js";
import type { LatencySummary, RunSummary } from "../runner/index.js";

export type MetricName = "p50" | "p90" | "p99" | "p999" | "mean" | "max" | "failedRate" | "vcpu" | "memoryMb" | "cost";

/** What a metric measures, which fixes the units a threshold may be written in. */
export type MetricKind = "latency" | "rate" | "vcpu" | "memory" | "money";

export interface MetricDefinition {
  name: MetricName;
  kind: MetricKind;
  /** Unit of the value as read from the results (money: the results' currency instead). */
  unit: string;
  /** Whether the figure exists per request type (latency and failures) or only per run. */
  perRequestType: boolean;
}

/** A run, or one request type of a run: what a check reads a figure from. */
export interface CheckSubject {
  run: RunSummary;
  /** Undefined: the run as a whole. */
  requestType?: string;
}

const LATENCY = (name: MetricName): MetricDefinition => ({ name, kind: "latency", unit: "ms", perRequestType: true });

/** Every metric, in the order tables and exports list them. */
export const METRICS: readonly MetricDefinition[] = [
  LATENCY("p50"),
  LATENCY("p90"),
  LATENCY("p99"),
  LATENCY("p999"),
  LATENCY("mean"),
  LATENCY("max"),
  { name: "failedRate", kind: "rate", unit: "", perRequestType: true },
  { name: "vcpu", kind: "vcpu", unit: "vCPU", perRequestType: false },
  { name: "memoryMb", kind: "memory", unit: "MB", perRequestType: false },
  { name: "cost", kind: "money", unit: "", perRequestType: false },
];

/**
 * Other spellings accepted for a metric: k6's (`p(99)`, `avg`, `med`) and `p99.9`.
 * @example metricNamed("p(99.9)")?.name // "p999"
 */
export function metricNamed(text: string): MetricDefinition | undefined {
  const k6Percentile = /^p\((\d+(?:\.\d+)?)\)$/.exec(text);
  const name = k6Percentile ? `p${k6Percentile[1].replace(".", "")}` : (ALIASES[text] ?? text);
  return METRICS.find((metric) => metric.name === name);
}

/** Names to list in an error about an unknown metric. */
export const METRIC_NAMES = METRICS.map((metric) => metric.name).join(", ");

/**
 * What to say about a metric name that is not one: the list, and for a percentile the ones
 * the results keep.
 * @example unknownMetricProblem("p95") // 'names unknown metric "p95" (the results keep p50, p90, p99 and p999; metrics: …)'
 */
export function unknownMetricProblem(text: string): string {
  const percentile = /^p\(?\d/.test(text) ? "the results keep p50, p90, p99 and p999; " : "";
  return `names unknown metric ${JSON.stringify(text)} (${percentile}metrics: ${METRIC_NAMES})`;
}

/**
 * The metric's value for a subject, in the metric's unit: latency in ms, failedRate as a
 * fraction of requests, vcpu and memoryMb of the data plane plus the control plane, cost as
 * the monthly total. Undefined when the results do not hold it (cost without prices, an
 * unknown request type); a latency is NaN when the run or request type completed no request.
 */
export function readMetric(metric: MetricName, subject: CheckSubject): number | undefined {
  const { run, requestType } = subject;
  const part = requestType === undefined ? run : run.byRequestType[requestType];
  if (part === undefined) return undefined;
  switch (metric) {
    case "failedRate": {
      const total = part.requests.completed + part.requests.failed;
      return total > 0 ? part.requests.failed / total : 0;
    }
    case "vcpu":
      return run.resources.dataPlane.vcpu + run.resources.controlPlane.vcpu;
    case "memoryMb":
      return run.resources.dataPlane.memoryMb + run.resources.controlPlane.memoryMb;
    case "cost":
      return run.resources.monthlyCost?.total;
    default:
      // Without a completed request there is no latency: the document still says 0 for the mean
      // and max, which would pass any upper bound.
      return part.requests.completed > 0 ? part.latencyMs[metric] : NaN;
  }
}

/**
 * Why a subject has no latency (its figures are NaN): every request failed, or none was sent.
 * @example noLatencyReason({ run }) // "no request completed (failedRate 100%)"
 */
export function noLatencyReason(subject: CheckSubject): string {
  const part = subject.requestType === undefined ? subject.run : subject.run.byRequestType[subject.requestType];
  const failed = part?.requests.failed ?? 0;
  if (failed === 0) return "no request was sent (a longer --duration sends some)";
  return `no request completed (${failed} failed)`;
}

/**
 * The 95% confidence interval of the figure across replications, where the results keep one
 * (p50 and p99 with two or more replications); null otherwise.
 */
export function confidenceOf(metric: MetricName, subject: CheckSubject): [number, number] | null {
  if (metric !== "p50" && metric !== "p99") return null;
  const latency: LatencySummary | undefined =
    subject.requestType === undefined ? subject.run.latencyMs : subject.run.byRequestType[subject.requestType]?.latencyMs;
  return latency?.ci95?.[metric] ?? null;
}

/**
 * How a subject is named in tables and test names.
 * @example describeSubject({ run, requestType: "checkout" }) // "istio @ 1000 rps / checkout"
 */
export function describeSubject(subject: CheckSubject): string {
  const base = describeRun(subject.run);
  return subject.requestType === undefined ? base : `${base} / ${subject.requestType}`;
}

/** A run as check names and matches it: a sweep's runs also carry their `--set` values. */
export type PointOfRun = Pick<RunSummary, "mesh" | "rps" | "users"> & { parameters?: Record<string, string | number | boolean> };

/**
 * How a run is named in tables, test names and benchmark names: the mesh, a sweep's `--set`
 * values, and the load (the rate, or a closed loop's users, whose rps is 0), so no two runs of
 * one document share a name.
 * @example describeRun({ mesh: "istio", rps: 0, users: 8, parameters: { "services.1.replicas": 2 } }) // "istio (services.1.replicas=2) @ 8 users"
 */
export function describeRun(run: PointOfRun): string {
  const variant = run.parameters === undefined ? "" : ` (${variantLabel(run)})`;
  return `${run.mesh}${variant} @ ${run.users === undefined ? `${run.rps} rps` : `${run.users} users`}`;
}

/** The unit a metric's values print with (money: the results' currency). */
export function unitOf(metric: MetricDefinition, subject?: CheckSubject): string {
  return metric.kind === "money" ? (subject?.run.resources.monthlyCost?.currency ?? "") : metric.unit;
}

// --- internal ---

const ALIASES: Record<string, MetricName> = { avg: "mean", med: "p50", "p99.9": "p999", memory: "memoryMb", cpu: "vcpu" };
