/**
 * The lines under a run or sweep table that say what each run's telemetry costs: the series,
 * spans and logs it makes, the monitoring stack they need (apart from the mesh's own resources)
 * and the part of the proxies' CPU it is. Nothing when no run reports telemetry.
 */

import type { RunSummary, TelemetrySummary } from "../runner/index.js";
import { loadsText, variantLabel } from "./_chart-data.js";
import { formatCount } from "./format-number.js";

/**
 * One line per run that reports telemetry, under a heading; empty when none does.
 * @example telemetryLines(document.runs) // ["", "telemetry (...):", "  istio @ 100 rps: metrics, 1% traced: 1,739 series ..."]
 */
export function telemetryLines(runs: Array<Pick<RunSummary, "mesh" | "rps" | "users" | "telemetry"> & { parameters?: Record<string, string | number | boolean> }>): string[] {
  const reported = runs.filter((run) => run.telemetry !== undefined);
  if (reported.length === 0) return [];
  const lines = reported.map((run) => {
    const variant = variantLabel(run);
    return `  ${run.mesh}${variant ? ` (${variant})` : ""} @ ${loadsText([run])}: ${describeTelemetry(run.telemetry!)}`;
  });
  return ["", "telemetry (its monitoring stack is apart from the mesh's resources above; the proxies' part is inside them):", ...lines];
}

/**
 * One run's telemetry in a phrase.
 * @example describeTelemetry(run.telemetry) // "metrics, no access logs, 1% traced: 1,739 series (Prometheus 5.1 MB, ...) ..."
 */
export function describeTelemetry(telemetry: TelemetrySummary): string {
  const { settings, prometheus, tracing, accessLogs, proxies, monitoring } = telemetry;
  const what = [settings.metrics ? "metrics" : "no metrics", settings.accessLogs ? "access logs" : "no access logs", `${percent(settings.tracing.sampling)} traced`].join(", ");
  const series = `${formatCount(prometheus.series)} series (Prometheus ${prometheus.memoryMb.toFixed(1)} MB, ${prometheus.diskGbPerDay.toFixed(2)} GB/day)`;
  const spans = `${formatCount(tracing.spansPerSec)} spans/s (${tracing.storageGbPerDay.toFixed(2)} GB/day)`;
  const logs = `${formatCount(accessLogs.linesPerSec)} log lines/s (${accessLogs.gbPerDay.toFixed(2)} GB/day)`;
  const delta = proxies.cpuMsPerRequestDelta;
  const proxyPart = `proxies ${proxies.vcpu.toFixed(3)} vCPU (${delta >= 0 ? "+" : ""}${(delta * 1000).toFixed(1)} us per request vs the defaults)`;
  const stack = `stack ${monitoring.vcpu.toFixed(3)} vCPU, ${monitoring.memoryMb.toFixed(1)} MB${monitoring.monthlyCost ? `, ${monitoring.monthlyCost.total.toFixed(2)} ${monitoring.monthlyCost.currency}/month` : ""}`;
  return `${what}: ${series}; ${spans}; ${logs}; ${proxyPart}; ${stack}`;
}

// --- internal ---

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}
