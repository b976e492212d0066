/**
 * How much telemetry a run's proxies make, from the topology, the mesh and the request rate alone:
 * the active Prometheus series of the mesh's standard metrics (one set per reporting proxy, per
 * peer service and response code, as their labels say), the spans and access-log lines per
 * second, the proxies' CPU and memory for them, and the bytes sent to the collectors.
 *
 *   series = sum over call edges, over reporting sides (client, server):
 *            instances reporting on that side x (perPeer + perPeerAndCode x response codes)
 */

import { LOAD_GENERATOR, type MeshOptions, type MeshProfile, type ProxyCost, type Service, type TelemetrySettings, type Topology } from "../model/index.js";
import { callEdges } from "./call-edges.js";

export interface TelemetryVolume {
  /** Active series of the mesh's standard metrics in Prometheus (0 with metrics off). */
  series: number;
  /** Memory the proxies hold those series in, MB. */
  proxyStatsMemoryMb: number;
  /** Spans the proxies export per second. */
  spansPerSec: number;
  /** Access-log lines the proxies write per second. */
  accessLogLinesPerSec: number;
  /** CPU the proxies spend on metrics, access logs and spans, vCPU. */
  proxyVcpu: number;
  /** Bytes per second the collectors receive: scrapes, spans and log lines. */
  collectorBytesPerSec: number;
}

/** What the volume depends on besides the profile and the settings. */
export interface TelemetryVolumeContext {
  topology: Topology;
  mesh: MeshOptions;
  /** Requests per second the load generator sends. */
  ratePerSec: number;
  /** Whether the load generator's pod has the mesh's proxy. */
  clientMeshed: boolean;
}

/**
 * The telemetry `profile`'s proxies make under `settings`; all zero for a mesh without telemetry.
 * @example telemetryVolume(istio, { metrics: true, accessLogs: false, tracing: { sampling: 0.01 } }, context).series
 */
export function telemetryVolume(profile: MeshProfile, settings: TelemetrySettings, context: TelemetryVolumeContext): TelemetryVolume {
  const telemetry = profile.telemetry;
  const volume: TelemetryVolume = { series: 0, proxyStatsMemoryMb: 0, spansPerSec: 0, accessLogLinesPerSec: 0, proxyVcpu: 0, collectorBytesPerSec: 0 };
  if (!telemetry) return volume;
  const { topology, ratePerSec } = context;
  const byName = new Map(topology.services.map((service) => [service.name, service]));
  let l7PassesPerSec = 0;
  for (const edge of callEdges(topology)) {
    const callee = byName.get(edge.to);
    if (!callee) continue;
    const sides = reportingSides(profile, context, edge.from === LOAD_GENERATOR ? undefined : byName.get(edge.from), callee);
    const l7 = callee.protocol !== "tcp";
    if (l7) l7PassesPerSec += ratePerSec * edge.callsPerRequest * (sides.client + sides.server);
    if (!settings.metrics) continue;
    const perSide = l7 ? telemetry.series.http : telemetry.series.tcp;
    const codes = l7 ? responseCodes(callee) : 1;
    const perInstance = perSide.perPeer + perSide.perPeerAndCode * codes;
    const intercepted = (kind: ProxyCost | undefined): boolean => l7 || (kind !== undefined && (kind.cpuMsPerRequest.tcp > 0 || kind.pathMsPerPass.tcp > 0));
    const reporting = (telemetry.reporters === "both" ? sides.clientInstances : 0) + sides.serverInstances;
    if (intercepted(sides.kind)) volume.series += reporting * perInstance;
  }
  const sampling = settings.tracing.sampling;
  volume.spansPerSec = l7PassesPerSec * sampling;
  volume.accessLogLinesPerSec = settings.accessLogs ? l7PassesPerSec : 0;
  volume.proxyStatsMemoryMb = (volume.series * telemetry.statsMemoryKbPerSeries) / 1024;
  const cpuMsPerPass =
    (settings.metrics ? telemetry.metricsCpuMsPerRequest : 0) + (settings.accessLogs ? telemetry.accessLogCpuMsPerRequest : 0) + sampling * telemetry.spanCpuMs;
  volume.proxyVcpu = (l7PassesPerSec * cpuMsPerPass) / 1000;
  volume.collectorBytesPerSec =
    (volume.series * telemetry.scrapeBytesPerSeries) / telemetry.scrapeIntervalS +
    volume.spansPerSec * telemetry.spanBytes +
    volume.accessLogLinesPerSec * telemetry.accessLogBytesPerRequest;
  return volume;
}

// --- internal ---

interface ReportingSides {
  /** L7 proxy instances one call passes on the client's side and on the server's (0 or 1 each, the gateway apart). */
  client: number;
  server: number;
  /** Proxy instances that keep the edge's series on each side (every pod's sidecar, every node's agent, ...). */
  clientInstances: number;
  serverInstances: number;
  /** The proxy kind that keeps them. */
  kind: ProxyCost | undefined;
}

/**
 * Where a call from `caller` (undefined: the load generator) to `callee` meets the mesh's L7
 * proxies: sidecars or node agents on either meshed side, the ingress gateway in front of the
 * load generator's requests, ambient's waypoint or Cilium's node Envoy in front of the callee.
 */
function reportingSides(profile: MeshProfile, context: TelemetryVolumeContext, caller: Service | undefined, callee: Service): ReportingSides {
  const { mesh, topology } = context;
  const plane = profile.dataPlane ?? {};
  const calleeMeshed = callee.meshed && !callee.external;
  const callerMeshed = caller === undefined ? context.clientMeshed : caller.meshed && !caller.external;
  const gateway = caller === undefined && mesh.ingressGateway ? 1 : 0;
  const gateways = gateway * mesh.placement.gateways.length;
  const nodesOf = (service: Service | undefined): number => (service === undefined ? 1 : new Set(service.placement).size);
  const podsOf = (service: Service | undefined): number => (service === undefined ? 1 : service.replicas);
  switch (profile.architecture) {
    case "sidecar":
      return {
        client: (callerMeshed ? 1 : 0) + gateway,
        server: calleeMeshed ? 1 : 0,
        clientInstances: (callerMeshed ? podsOf(caller) : 0) + gateways,
        serverInstances: calleeMeshed ? callee.replicas : 0,
        kind: plane.proxy,
      };
    case "node-agent": {
      const serverSide = calleeMeshed && plane.agentHops !== "client";
      return {
        client: (callerMeshed ? 1 : 0) + gateway,
        server: serverSide ? 1 : 0,
        clientInstances: (callerMeshed ? nodesOf(caller) : 0) + gateways,
        serverInstances: serverSide ? nodesOf(callee) : 0,
        kind: plane.proxy,
      };
    }
    case "ambient": {
      const waypoint = mesh.l7ProxyRuns && calleeMeshed ? 1 : 0;
      return { client: gateway, server: waypoint, clientInstances: gateways, serverInstances: waypoint * mesh.placement.waypoints.length, kind: plane.l7Proxy };
    }
    case "ebpf": {
      const envoy = mesh.l7ProxyRuns && (mesh.l7 || (topology.l7Policies ?? []).includes(callee.name)) ? 1 : 0;
      return { client: 0, server: envoy, clientInstances: 0, serverInstances: envoy * nodesOf(callee), kind: plane.l7Proxy };
    }
    default:
      return { client: 0, server: 0, clientInstances: 0, serverInstances: 0, kind: undefined };
  }
}

/** Response codes a service's callers see: 200, and a 5xx when the scenario makes it fail (errors, outages). */
function responseCodes(service: Service): number {
  const failures = service.failures;
  const fails = failures !== undefined && (failures.errorRate > 0 || failures.outages.length > 0);
  return fails ? 2 : 1;
}
