/**
 * The published figures the mesh profiles are calibrated from (../shared/calibration.md IDs),
 * each as a simulation setup that reproduces the source's harness and the metric to compare.
 * Figures the model cannot reproduce honestly are listed with the reason, not silently dropped.
 */

import type { RunSummary } from "../runner/index.js";

/** How a figure's run differs from the named built-in scenario. */
export interface FigureSetup {
  scenario: string;
  ratePerSec?: number;
  /** L7 features on (ambient waypoint, Cilium node Envoy). */
  l7?: boolean;
}

export interface CalibrationFigure {
  id: string;
  mesh: string;
  what: string;
  setup: FigureSetup;
  published: number;
  unit: string;
  tolerancePct: number;
  /** The figure from the mesh's run and the no-mesh baseline run of the same setup and seed. */
  measure: (mesh: RunSummary, baseline: RunSummary) => number;
}

/** The target for calibration figures. */
export const CALIBRATION_TOLERANCE_PCT = 15;

const FORTIO = { scenario: "fortio" };

const addedP90 = (mesh: RunSummary, baseline: RunSummary) => mesh.latencyMs.p90 - baseline.latencyMs.p90;
const addedP99 = (mesh: RunSummary, baseline: RunSummary) => mesh.latencyMs.p99 - baseline.latencyMs.p99;

/** vCPU per 1000 requests/s of one proxy of `group`, averaged over the `active` instances carrying traffic. */
function vcpuPer1000Rps(group: string, active: number) {
  return (mesh: RunSummary) => {
    const vcpu = mesh.hops.filter((hop) => hop.station.startsWith(group)).reduce((sum, hop) => sum + hop.vcpu, 0);
    return vcpu / active / (mesh.throughputPerSec / 1000);
  };
}

const memoryPerProxyMb = (mesh: RunSummary) => mesh.resources.dataPlane.memoryMb / mesh.resources.dataPlane.proxies;

function figure(
  id: string,
  mesh: string,
  what: string,
  published: number,
  unit: string,
  measure: CalibrationFigure["measure"],
  setup: FigureSetup = FORTIO,
): CalibrationFigure {
  return { id, mesh, what, setup, published, unit, tolerancePct: CALIBRATION_TOLERANCE_PCT, measure };
}

/**
 * Every figure `meshsim validate` checks. fortio: 1000 requests/s of 1 kB HTTP/1.1 over 16
 * connections, meshed client on node 0, server on node 1 (the harness of IS3/IS6/IS8).
 */
export const CALIBRATION_FIGURES: CalibrationFigure[] = [
  figure("IS6", "istio", "two sidecars add p90", 0.228, "ms", addedP90),
  figure("IS6", "istio", "two sidecars add p99", 0.298, "ms", addedP99),
  figure("IS8", "istio", "sidecar vCPU per 1000 rps", 0.2, "vCPU", vcpuPer1000Rps("sidecar/", 2)),
  figure("IS8", "istio", "sidecar memory", 60, "MB", memoryPerProxyMb),
  figure("IS7", "istio-ambient", "two ztunnels add p90", 0.17, "ms", addedP90),
  figure("IS7", "istio-ambient", "two ztunnels add p99", 0.2, "ms", addedP99),
  figure("IS8", "istio-ambient", "ztunnel vCPU per 1000 rps", 0.06, "vCPU", vcpuPer1000Rps("ztunnel/", 2)),
  figure("IS8", "istio-ambient", "ztunnel memory", 12, "MB", memoryPerProxyMb),
  figure("IS8", "istio-ambient", "waypoint vCPU per 1000 rps", 0.25, "vCPU", vcpuPer1000Rps("waypoint", 1), { scenario: "fortio", l7: true }),
  figure("AX3", "consul", "sidecar vCPU at 1000 rps", 0.0261, "vCPU", vcpuPer1000Rps("sidecar/", 2)),
  figure("AX3", "consul", "sidecar memory at 1000 rps", 15.3 * 1.048576, "MB", memoryPerProxyMb),
  figure("AX3", "kuma", "sidecar vCPU at 1000 rps", 0.0229, "vCPU", vcpuPer1000Rps("sidecar/", 2)),
  figure("AX3", "kuma", "sidecar memory at 1000 rps", 31.3 * 1.048576, "MB", memoryPerProxyMb),
];
