/**
 * A run of the results document as Service Mesh Performance (SMP) results: the spec's
 * PerformanceTestConfig (the load), PerformanceTestResult (latency and rate) and
 * ServiceMeshConfig (the mesh's CPU and memory) in their proto field names. What maps where is
 * listed in README.md ("Exporting results").
 */

import type { RunSummary } from "../runner/index.js";
import type { SmpDocument } from "../validation/index.js";

export interface SmpExportContext {
  scenario: string;
  /** When the export was made, wall-clock ms (a simulation has no start time of its own). */
  startedMs: number;
  /** The scenario's connections, when known. */
  connections?: number;
  protocol?: "http" | "grpc" | "tcp";
}

/**
 * The revision of the SMP protos this mapping follows (service-mesh-performance,
 * protos/service_mesh_performance.proto); SMP's version field is free text.
 */
export const SMP_SPEC_REVISION = "service_mesh_performance.proto@1a82110";

/** meshsim ids to SMP's ServiceMeshes.Type; meshes SMP does not list get no mesh_type. */
const SMP_MESH_TYPES: Record<string, string> = {
  istio: "istio",
  "istio-ambient": "istio",
  linkerd1: "linkerd",
  linkerd2: "linkerd",
  consul: "consul",
  kuma: "kuma",
  "traefik-mesh": "maesh",
};

/**
 * The SMP document of one run. Latency is in ms (SMP's latencies_ms); `min` is left out, as
 * the results do not keep it. The whole data plane (sidecars, node agents, kernel hooks) is
 * reported as SMP's `sidecar`, the control plane as `mesh_control_plane`.
 * @example JSON.stringify(toSmpDocument(document.runs[0], { scenario: "fortio", startedMs: Date.now() }))
 */
export function toSmpDocument(run: RunSummary, context: SmpExportContext): SmpDocument {
  const id = `meshsim-${context.scenario}-${run.mesh}-${run.rps}rps`;
  const totalS = run.durationS * run.replications;
  const labels = { tool: "meshsim", scenario: context.scenario, mesh: run.mesh, mtls: run.mtls, replications: String(run.replications) };
  const meshType = SMP_MESH_TYPES[run.mesh];
  const document: SmpDocument = {
    performance_test_config: {
      smp_version: SMP_SPEC_REVISION,
      id: `${id}-config`,
      name: `${context.scenario} under ${run.mesh} at ${run.rps} rps`,
      labels,
      clients: [
        {
          internal: true,
          load_generator: "meshsim",
          protocol: context.protocol ?? "http",
          ...(context.connections !== undefined ? { connections: context.connections } : {}),
          rps: run.rps,
        },
      ],
      duration: `${totalS}s`,
    },
    performance_test_result: {
      smp_version: SMP_SPEC_REVISION,
      id,
      labels,
      start_time: new Date(context.startedMs).toISOString(),
      end_time: new Date(context.startedMs + totalS * 1000).toISOString(),
      latencies_ms: {
        average: run.latencyMs.mean,
        p50: run.latencyMs.p50,
        p90: run.latencyMs.p90,
        p99: run.latencyMs.p99,
        max: run.latencyMs.max,
      },
      actual_QPS: run.throughputPerSec,
      testId: id,
      meshConfigId: `${id}-mesh`,
    },
    service_mesh_config: {
      smp_version: SMP_SPEC_REVISION,
      id: `${id}-mesh`,
      labels: { ...labels, sidecar: "every proxy, node agent and kernel hook of the data plane" },
      sidecar: {
        count: run.resources.dataPlane.proxies,
        cpu_mCores: Math.round(run.resources.dataPlane.vcpu * 1000),
        mem_mb: Math.round(run.resources.dataPlane.memoryMb),
        rps: run.rps,
      },
      mesh_control_plane: {
        cpu_mCores: Math.round(run.resources.controlPlane.vcpu * 1000),
        mem_mb: Math.round(run.resources.controlPlane.memoryMb),
      },
      mtls_enabled: run.mtls === "strict" || run.mtls === "permissive",
    },
  };
  if (meshType !== undefined) document.service_mesh_config.mesh_type = { type: meshType };
  return document;
}
