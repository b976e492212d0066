/**
 * Values written in check expressions (`50ms`, `0.2s`, `1%`, `500m`, `2GB`) and values printed
 * in check tables, both in the units each kind of metric is known by.
 */

import { formatMs } from "../report/index.js";
import { DURATION_EXAMPLES, parseDuration } from "../scenario/index.js";
import type { MetricDefinition, MetricKind } from "./check-metric.js";

/**
 * Units each kind accepts, as a factor to the metric's own unit; "" is a bare number. Latency
 * is read by meshsim's one duration grammar instead (scenario/duration.ts).
 */
const UNITS: Record<Exclude<MetricKind, "latency">, Record<string, number>> = {
  // A share: 1% and 1pp (percentage points) are both 0.01 here; a regression limit reads a
  // trailing % as relative to the baseline before it gets here (regression-limit.ts).
  rate: { "": 1, "%": 0.01, pp: 0.01 },
  vcpu: { "": 1, m: 0.001 },
  memory: { "": 1, MB: 1, Mi: 1, MiB: 1, GB: 1024, Gi: 1024, GiB: 1024 },
  money: { "": 1 },
};

/**
 * A number with an optional unit, converted to the metric's unit; a reason when it cannot be.
 * @example parseMetricValue("0.2s", latencyMetric) // 200
 */
export function parseMetricValue(text: string, metric: MetricDefinition): number | string {
  if (metric.kind === "latency") {
    // A sign is the caller's to judge (a regression limit below 0 is refused as such).
    const negative = text.trim().startsWith("-");
    const ms = parseDuration(negative ? text.trim().slice(1) : text, "ms", "ms");
    if (ms === undefined) return `has a value ${JSON.stringify(text)} that is not a duration (write one like ${DURATION_EXAMPLES}; a bare number is ms)`;
    return negative ? -ms : ms;
  }
  const match = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*(\S*)$/i.exec(text.trim());
  if (!match) return `has a value ${JSON.stringify(text)} that is not a number`;
  const factor = UNITS[metric.kind][match[2]];
  if (factor === undefined) {
    const allowed = Object.keys(UNITS[metric.kind]).filter(Boolean);
    const units = allowed.length > 0 ? `a bare number or ${allowed.join(", ")}` : "a bare number";
    return `has a unit ${JSON.stringify(match[2])} that ${metric.name} does not take (use ${units})`;
  }
  return Number(match[1]) * factor;
}

/**
 * A value for a table: latency with about three significant figures and its unit, rates as a
 * percentage, vCPU, MB and money with fixed decimals.
 * @example formatMetricValue(0.0123, failedRateMetric, "") // "1.23%"
 */
export function formatMetricValue(value: number | undefined, metric: MetricDefinition, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return "-";
  switch (metric.kind) {
    case "latency":
      return `${formatMs(value)} ms`;
    case "rate":
      return `${trim((value * 100).toFixed(3))}%`;
    case "vcpu":
      return `${trim(value.toFixed(3))} vCPU`;
    case "memory":
      return `${trim(value.toFixed(1))} MB`;
    case "money":
      return `${value.toFixed(2)}${unit ? ` ${unit}` : ""}`;
  }
}

/**
 * A signed relative change for a table.
 * @example formatChange(0.0512) // "+5.12%"
 */
export function formatChange(fraction: number | undefined): string {
  if (fraction === undefined || Number.isNaN(fraction)) return "-";
  if (!Number.isFinite(fraction)) return fraction > 0 ? "+inf" : "-inf";
  const percent = fraction * 100;
  return `${percent >= 0 ? "+" : ""}${percent.toFixed(2)}%`;
}

// --- internal ---

/** Drops trailing zeros after a decimal point: "0.120" -> "0.12", "2.000" -> "2". */
function trim(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
