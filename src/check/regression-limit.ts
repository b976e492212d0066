/**
 * How far a figure may worsen against the baseline: `--max-regression p99=5%,vcpu=10%`. Each
 * entry is `[selector:]metric=limit`, the limit relative (`5%`, of the baseline's figure) or
 * absolute in the metric's units (`0.5ms`; `0.001` or `0.1pp` for failedRate). failedRate=1% is
 * thus relative, where a threshold's failedRate<1% is an absolute share: tables say which, and a
 * note explains the relative form. The selector is a threshold's (run-selector.ts).
 */

import { FAILING_SHARE_MARGIN } from "../runner/index.js";
import { ScenarioError } from "../scenario/index.js";
import { metricNamed, unknownMetricProblem, type MetricDefinition } from "./check-metric.js";
import { formatMetricValue, parseMetricValue } from "./metric-value.js";
import { EVERY_RUN, parseSelector, type RunSelector } from "./run-selector.js";

export interface RegressionLimit {
  /** The entry as written, for tables and test names. */
  text: string;
  selector: RunSelector;
  metric: MetricDefinition;
  /** `relative`: a fraction of the baseline value (0.05 for 5%); `absolute`: in the metric's unit. */
  kind: "relative" | "absolute";
  limit: number;
}

/**
 * What `--baseline` checks when no `--max-regression` is given: p99 and cost may grow 5%, CPU
 * and memory 10%, and the share of failed requests 0.1 percentage point (absolute: a mesh that
 * begins failing a third of its requests while the rest keep their latency is a regression; the
 * margin is the one a run is called failing by). Cost applies
 * only when both documents have prices.
 */
export const DEFAULT_MAX_REGRESSION = `p99=5%,failedRate=${FAILING_SHARE_MARGIN},vcpu=10%,memoryMb=10%,cost=5%`;

/**
 * Parses a comma-separated list of limits.
 * @throws ScenarioError naming the flag and the entry at fault
 * @example parseRegressionLimits("p99=5%,vcpu=10%")[1].limit // 0.1
 */
export function parseRegressionLimits(text: string, flag = "--max-regression"): RegressionLimit[] {
  const entries = text.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => entry === "")) {
    throw new ScenarioError("", `${flag} ${JSON.stringify(text)}`, "has an empty entry: write metric=limit entries separated by commas, e.g. p99=5%,vcpu=10%");
  }
  return entries.map((entry) => parseEntry(entry, flag));
}

/**
 * Whether going from `baseline` to `current` breaks the limit (only worsening counts: every
 * metric here is better smaller).
 * @example exceedsLimit(106, 100, { kind: "relative", limit: 0.05 }) // true
 */
export function exceedsLimit(current: number, baseline: number, limit: Pick<RegressionLimit, "kind" | "limit">): boolean {
  const increase = current - baseline;
  if (limit.kind === "absolute") return increase > limit.limit;
  if (baseline === 0) return increase > 0;
  return increase / Math.abs(baseline) > limit.limit;
}

/**
 * The limit as printed in tables.
 * @example describeLimit({ kind: "relative", limit: 0.05 }) // "+5%"
 */
export function describeLimit(limit: Pick<RegressionLimit, "kind" | "limit" | "text"> & { metric?: MetricDefinition }): string {
  const isRate = limit.metric?.kind === "rate";
  // A rate is printed as a percentage in the tables, so its limits say which percent they are.
  if (limit.kind === "relative") return `+${percent(limit.limit)}%${isRate ? " of baseline" : ""}`;
  if (isRate) return `+${percent(limit.limit)} pp`;
  return `+${limit.text.slice(limit.text.indexOf("=") + 1).trim()}`;
}

/**
 * A note for each percentage limit on a rate (failedRate=1%): it is relative to the baseline's
 * share, which users take for percentage points, and it lets no failure through where the
 * baseline had none. Such limits keep their meaning (CI scripts rely on it); the note says so.
 * @example relativeRateNotes(parseRegressionLimits("failedRate=1%"))[0] // "failedRate=1% is relative: ..."
 */
export function relativeRateNotes(limits: readonly RegressionLimit[]): string[] {
  return limits
    .filter((limit) => limit.kind === "relative" && limit.metric.kind === "rate")
    .map((limit) => {
      const example = `${formatMetricValue(EXAMPLE_SHARE, limit.metric, "")} -> ${formatMetricValue(EXAMPLE_SHARE * (1 + limit.limit), limit.metric, "")}`;
      const points = `${limit.text.slice(0, limit.text.lastIndexOf("%"))}pp`;
      return (
        `${limit.text} is relative: the share of failed requests may grow by ${percent(limit.limit)}% of the baseline's (${example}), ` +
        `and where the baseline failed nothing any failure fails; for an absolute margin write ${points} (percentage points)`
      );
    });
}

// --- internal ---

/** The baseline share in relativeRateNotes' example: 2% of requests failing. */
const EXAMPLE_SHARE = 0.02;

function percent(fraction: number): number {
  return Number((fraction * 100).toPrecision(6));
}

function parseEntry(entry: string, flag: string): RegressionLimit {
  const fail = (problem: string) => new ScenarioError("", `${flag} ${JSON.stringify(entry)}`, problem);
  const colon = entry.lastIndexOf(":");
  const selectorText = colon >= 0 ? entry.slice(0, colon) : undefined;
  const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec((colon >= 0 ? entry.slice(colon + 1) : entry).trim());
  if (!match) throw fail("is not a regression limit: write [mesh[@rps][/requestType]:]metric=limit, e.g. p99=5% or istio:vcpu=0.1");
  const [, metricText, limitText] = match;
  const metric = metricNamed(metricText);
  if (metric === undefined) throw fail(unknownMetricProblem(metricText));
  const selector = selectorText === undefined ? EVERY_RUN : parseSelector(selectorText);
  if (typeof selector === "string") throw fail(selector);
  if (selector.requestType !== undefined && !metric.perRequestType) throw fail(`asks for ${metric.name} per request type, but ${metric.name} is per run`);
  if (limitText.endsWith("%")) {
    const percent = Number(limitText.slice(0, -1));
    if (limitText.length === 1 || !(Number.isFinite(percent) && percent >= 0)) throw fail(`has a limit ${JSON.stringify(limitText)} that is not a percentage >= 0`);
    return { text: entry, selector, metric, kind: "relative", limit: percent / 100 };
  }
  const limit = parseMetricValue(limitText, metric);
  if (typeof limit === "string") throw fail(limit);
  if (limit < 0) throw fail(`has a limit ${JSON.stringify(limitText)} below 0`);
  return { text: entry, selector, metric, kind: "absolute", limit };
}
