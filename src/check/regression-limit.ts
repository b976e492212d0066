/**
 * How far a figure may worsen against the baseline: `--max-regression p99=5%,vcpu=10%`. Each
 * entry is `[selector:]metric=limit`, the limit relative (`5%`) or absolute in the metric's
 * units (`0.5ms`, `0.001` for failedRate). The selector is a threshold's (run-selector.ts).
 */

import { FAILING_SHARE_MARGIN } from "../runner/index.js";
import { ScenarioError } from "../scenario/index.js";
import { metricNamed, unknownMetricProblem, type MetricDefinition } from "./check-metric.js";
import { parseMetricValue } from "./metric-value.js";
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
export function describeLimit(limit: Pick<RegressionLimit, "kind" | "limit" | "text">): string {
  if (limit.kind === "relative") return `+${Number((limit.limit * 100).toPrecision(6))}%`;
  return `+${limit.text.slice(limit.text.indexOf("=") + 1).trim()}`;
}

// --- internal ---

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
