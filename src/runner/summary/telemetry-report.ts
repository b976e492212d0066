/**
 * `runs[].telemetry`: what a run's telemetry costs, from its mesh's profile, the scenario's
 * `mesh.telemetry` and the run's load; and the proxies' stats memory when the run turns the
 * mesh's default metrics on or off. Pure: the same inputs give the same numbers, sharded or not.
 */

import { callEdges, LOAD_GENERATOR, monitoringStack, resolveTelemetry, telemetryCpuMsDelta, telemetryVolume, type TelemetrySettings } from "../../mesh/index.js";
import type { Scenario } from "../../scenario/index.js";
import { goldenSignals, type GoldenSignals } from "./golden-signals.js";
import type { ReplicationResult, ReplicationTask } from "../replication/index.js";
import type { RunSummary, ServiceGraph, TelemetrySummary } from "../results/index.js";
import { round } from "../results/index.js";

const HOURS_PER_MONTH = 730;

/**
 * Adds `telemetry` to `run` when the scenario sets mesh.telemetry and the mesh models it (a
 * warning when it does not), and moves the data plane's memory by the proxies' stats when the
 * run's metrics differ from the mesh's default (the profiles' memory was measured with the default).
 * The golden signals per service and the edges' p99 come from the calls `replications` recorded.
 */
export function addTelemetryReport(run: RunSummary, task: ReplicationTask, scenario: Scenario, replications: ReplicationResult[]): void {
  const request = scenario.mesh.telemetry;
  if (request === undefined || task.profile.architecture === "none") return;
  const settings = resolveTelemetry(task.profile, request);
  if (!settings) {
    run.warnings.push(`telemetry: ${task.meshId}'s profile has no telemetry block (models/${task.meshId}.yaml), so mesh.telemetry has no effect and no cost is reported for it`);
    return;
  }
  const ratePerSec = scenario.load.type === "closed" ? run.throughputPerSec : task.ratePerSec;
  const context = { topology: scenario.topology, mesh: task.mesh, ratePerSec, clientMeshed: scenario.load.client.meshed };
  const volume = telemetryVolume(task.profile, settings, context);
  const stack = monitoringStack(task.profile, settings, volume);
  const defaults = task.profile.telemetry!.defaults;
  if (settings.metrics !== defaults.metrics) {
    const statsMb = settings.metrics ? volume.proxyStatsMemoryMb : telemetryVolume(task.profile, withMetrics(settings), context).proxyStatsMemoryMb;
    run.resources.dataPlane.memoryMb = round(run.resources.dataPlane.memoryMb + (settings.metrics ? statsMb : -statsMb));
  }
  const signals = goldenSignals(scenario.topology, replications);
  const telemetry: TelemetrySummary = {
    settings,
    proxies: {
      cpuMsPerRequestDelta: round(telemetryCpuMsDelta(task.profile.telemetry!, settings)),
      vcpu: round(volume.proxyVcpu),
      statsMemoryMb: round(volume.proxyStatsMemoryMb),
      collectorBytesPerSec: round(volume.collectorBytesPerSec),
    },
    prometheus: {
      series: stack.prometheus.series,
      samplesPerSec: round(stack.prometheus.samplesPerSec),
      memoryMb: round(stack.prometheus.memoryMb),
      vcpu: round(stack.prometheus.vcpu),
      diskGbPerDay: round(stack.prometheus.diskGbPerDay),
    },
    tracing: { spansPerSec: round(stack.tracing.spansPerSec), collectorVcpu: round(stack.tracing.collectorVcpu), storageGbPerDay: round(stack.tracing.storageGbPerDay) },
    accessLogs: { linesPerSec: round(stack.accessLogs.linesPerSec), gbPerDay: round(stack.accessLogs.gbPerDay) },
    monitoring: { vcpu: round(stack.vcpu), memoryMb: round(stack.memoryMb) },
    graph: serviceGraph(task, scenario, ratePerSec, signals),
    services: signals?.services ?? [],
  };
  const pricing = scenario.pricing;
  if (pricing) {
    const perMonth = (stack.vcpu * pricing.vcpuHour + (stack.memoryMb / 1024) * pricing.gbHour) * HOURS_PER_MONTH;
    telemetry.monitoring.monthlyCost = { total: Math.round(perMonth * 100) / 100, currency: pricing.currency };
  }
  run.telemetry = telemetry;
}

// --- internal ---

/** The call edges at `ratePerSec`, marked as the mesh's dashboards mark them. */
function serviceGraph(task: ReplicationTask, scenario: Scenario, ratePerSec: number, signals: GoldenSignals | undefined): ServiceGraph {
  const services = scenario.topology.services;
  const index = new Map(services.map((service, i) => [service.name, i]));
  const meshed = (name: string): boolean => {
    if (name === LOAD_GENERATOR) return scenario.load.client.meshed;
    const service = services[index.get(name)!];
    return service.meshed && !service.external;
  };
  const edges = callEdges(scenario.topology).map((edge) => {
    const callee = services[index.get(edge.to)!];
    const failures = callee.failures;
    const p99Ms = signals?.edgeP99Ms.get(`${edge.from} -> ${edge.to}`);
    return {
      from: edge.from,
      to: edge.to,
      requestsPerSec: round(edge.callsPerRequest * ratePerSec),
      encrypted: meshed(edge.from) && meshed(edge.to) && task.mesh.mtlsByService[index.get(edge.to)!] !== "off",
      failing: failures !== undefined && (failures.errorRate > 0 || failures.outages.length > 0),
      ...(p99Ms !== undefined ? { p99Ms } : {}),
    };
  });
  const names = [LOAD_GENERATOR, ...services.map((service) => service.name)];
  return { unmeshed: names.filter((name) => !meshed(name)), edges };
}

function withMetrics(settings: TelemetrySettings): TelemetrySettings {
  return { ...settings, metrics: true };
}
