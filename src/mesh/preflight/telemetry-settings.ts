/**
 * A run's telemetry: the settings a scenario asks for, each completed from the mesh's defaults,
 * and the profile whose proxies pay for them. The profiles' per-request CPU was measured with the
 * defaults on, so only the difference from the defaults is added (or taken away): a run that keeps
 * them simulates exactly the profile it was calibrated with.
 */

import type { Architecture, MeshProfile, ProxyCost, TelemetryProfile, TelemetryRequest, TelemetrySettings } from "../model/index.js";

/** The L7 protocols whose requests get metrics, access-log lines and spans; TCP is counted per connection, not modelled here. */
const L7_PROTOCOLS = ["http1", "http2", "grpc"] as const;

/**
 * The settings `request` asks of `profile`'s telemetry, each field it leaves out taken from the
 * mesh's defaults; undefined for a mesh without telemetry (no mesh).
 * @example resolveTelemetry(istio, { accessLogs: true }) // { metrics: true, accessLogs: true, tracing: { sampling: 0.01 } }
 */
export function resolveTelemetry(profile: MeshProfile, request: TelemetryRequest | undefined): TelemetrySettings | undefined {
  const defaults = profile.telemetry?.defaults;
  if (!defaults) return undefined;
  return {
    metrics: request?.metrics ?? defaults.metrics,
    accessLogs: request?.accessLogs ?? defaults.accessLogs,
    tracing: { sampling: request?.tracing?.sampling ?? defaults.tracing.sampling },
  };
}

/**
 * CPU one L7 proxy instance spends per HTTP or gRPC request on telemetry under `settings` beyond
 * what it spends under the mesh's defaults, ms (negative when the run turns a default off). A
 * span is paid on the share of requests sampled: its mean per request.
 * @example telemetryCpuMsDelta(istio.telemetry, { metrics: true, accessLogs: true, tracing: { sampling: 0.01 } }) // istio's accessLogCpuMsPerRequest
 */
export function telemetryCpuMsDelta(telemetry: TelemetryProfile, settings: TelemetrySettings): number {
  const defaults = telemetry.defaults;
  const on = (value: boolean): number => (value ? 1 : 0);
  return (
    (on(settings.metrics) - on(defaults.metrics)) * telemetry.metricsCpuMsPerRequest +
    (on(settings.accessLogs) - on(defaults.accessLogs)) * telemetry.accessLogCpuMsPerRequest +
    (settings.tracing.sampling - defaults.tracing.sampling) * telemetry.spanCpuMs
  );
}

/**
 * The proxy kinds of an architecture that see requests at L7 and so make their metrics, access-log
 * lines and spans: sidecars and node agents (and the ingress gateway), ambient's waypoint rather
 * than ztunnel (L4: its telemetry is per connection), Cilium's node Envoy.
 */
export function telemetryProxyKinds(architecture: Architecture): Array<"proxy" | "l7Proxy" | "gateway"> {
  if (architecture === "sidecar" || architecture === "node-agent") return ["proxy", "gateway"];
  if (architecture === "ambient") return ["l7Proxy", "gateway"];
  if (architecture === "ebpf") return ["l7Proxy"];
  return [];
}

/**
 * `profile` with its L7 proxies' CPU per HTTP and gRPC request moved by the telemetry's difference
 * from the defaults; `profile` itself (the same object) when there is none, so runs that keep the
 * defaults are unchanged to the byte.
 * @throws RangeError when turning a default off would take a proxy's CPU per request below zero
 *   (the profile's telemetry costs exceed its measured per-request CPU)
 */
export function applyTelemetryCosts(profile: MeshProfile, settings: TelemetrySettings | undefined): MeshProfile {
  const telemetry = profile.telemetry;
  if (!telemetry || !settings) return profile;
  const delta = telemetryCpuMsDelta(telemetry, settings);
  if (delta === 0 || !profile.dataPlane) return profile;
  const dataPlane = { ...profile.dataPlane };
  for (const kind of telemetryProxyKinds(profile.architecture)) {
    const cost = dataPlane[kind];
    if (cost) dataPlane[kind] = withCpuDelta(cost, delta, `${profile.id} dataPlane.${kind}`);
  }
  return { ...profile, dataPlane };
}

// --- internal ---

function withCpuDelta(cost: ProxyCost, delta: number, where: string): ProxyCost {
  const cpuMsPerRequest = { ...cost.cpuMsPerRequest };
  for (const protocol of L7_PROTOCOLS) {
    // A protocol the proxy does not intercept (zero CPU and path) stays untouched.
    if (cost.cpuMsPerRequest[protocol] === 0 && cost.pathMsPerPass[protocol] === 0) continue;
    const next = cost.cpuMsPerRequest[protocol] + delta;
    if (next < 0) throw new RangeError(`${where}.cpuMsPerRequest.${protocol} would fall below 0 with the telemetry turned off (${cost.cpuMsPerRequest[protocol]} + ${delta} ms)`);
    cpuMsPerRequest[protocol] = next;
  }
  return { ...cost, cpuMsPerRequest };
}
