/**
 * Threshold expressions in the style k6 users know: `[selector:]metric<value[unit]`, for
 * example `p99<50ms`, `istio:p999<=0.2s`, `istio/checkout:p(99)<80`, `failedRate<1%`, `vcpu<2`,
 * and over time: `p99[30s..1m]<80ms` (a window of the timeline), `worst(p99)<100ms` (its worst interval).
 * Parsed once, up front, so a malformed expression stops the check before anything runs.
 */

import { ScenarioError } from "../scenario/index.js";
import { metricNamed, unknownMetricProblem, type MetricDefinition } from "./check-metric.js";
import { parseMetricValue } from "./metric-value.js";
import { EVERY_RUN, parseSelector, type RunSelector } from "./run-selector.js";
import { parseTimeWindow, WINDOW_METRICS, type TimeWindow } from "./time-window.js";

export type ThresholdOperator = "<" | "<=" | ">" | ">=";

export interface Threshold {
  /** The expression as written, for tables and test names. */
  text: string;
  selector: RunSelector;
  metric: MetricDefinition;
  operator: ThresholdOperator;
  /** The bound in the metric's unit (latency in ms). */
  limit: number;
  /** The bound as written after the operator, e.g. `50ms`. */
  limitText: string;
  /** Over time (`p99[30s..60s]`, `worst(p99)`): the intervals of runs[].timeline the figure is read from. */
  window?: TimeWindow;
}

/**
 * Parses one threshold expression.
 * @throws ScenarioError naming the flag and the expression, with what is wrong in it
 * @example parseThreshold("istio:p99<50ms").limit // 50
 */
export function parseThreshold(text: string, flag = "--threshold"): Threshold {
  const fail = (problem: string) => new ScenarioError("", `${flag} ${JSON.stringify(text)}`, problem);
  const colon = text.lastIndexOf(":");
  const selectorText = colon >= 0 ? text.slice(0, colon) : undefined;
  const comparison = (colon >= 0 ? text.slice(colon + 1) : text).trim();
  const match = /^([^<>=!\s]+)\s*(<=|>=|<|>)\s*([^<>=]+)$/.exec(comparison);
  if (!match) throw fail("is not a threshold: write [mesh[@rps][/requestType]:]metric<value, e.g. p99<50ms, istio/checkout:p99<80ms, p99[30s..1m]<80ms or worst(p99)<100ms");
  const [, writtenMetric, operator, valueText] = match;
  const windowed = parseTimeWindow(writtenMetric);
  if (typeof windowed === "string") throw fail(windowed);
  const metricText = windowed?.metricText ?? writtenMetric;
  const metric = metricNamed(metricText);
  if (metric === undefined) throw fail(unknownMetricProblem(metricText));
  if (windowed && !WINDOW_METRICS.includes(metric.name)) throw fail(`asks for ${metric.name} over time, but only ${WINDOW_METRICS.join(", ")} have a timeline`);
  const selector = selectorText === undefined ? EVERY_RUN : parseSelector(selectorText);
  if (typeof selector === "string") throw fail(selector);
  if (selector.requestType !== undefined && !metric.perRequestType) throw fail(`asks for ${metric.name} per request type, but ${metric.name} is per run`);
  if (selector.requestType !== undefined && windowed) throw fail("asks for a request type over time, but the timeline is per run");
  const limit = parseMetricValue(valueText, metric);
  if (typeof limit === "string") throw fail(limit);
  // A share cannot pass 1: failedRate<2 (meant as 2%) would be a gate that never fails.
  if (metric.kind === "rate" && limit > 1) throw fail(`has a value ${JSON.stringify(valueText.trim())} above 1 (100%): ${metric.name} is a share, written 0.01, 1% or 1pp`);
  return { text, selector, metric, operator: operator as ThresholdOperator, limit, limitText: valueText.trim(), ...(windowed ? { window: windowed.window } : {}) };
}

/**
 * Whether `value` meets the threshold.
 * @example meetsThreshold(42, parseThreshold("p99<50ms")) // true
 */
export function meetsThreshold(value: number, threshold: Pick<Threshold, "operator" | "limit">): boolean {
  switch (threshold.operator) {
    case "<":
      return value < threshold.limit;
    case "<=":
      return value <= threshold.limit;
    case ">":
      return value > threshold.limit;
    case ">=":
      return value >= threshold.limit;
  }
}
