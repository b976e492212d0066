/**
 * How far to trust a mesh profile's headline numbers: for its latency, CPU and memory (data
 * plane and control plane), whether the number is calibrated (measured, or fitted by simulation
 * to a measurement, per its `sources` entry) or an estimate (its source says `estimate:`).
 */

import type { MeshProfile } from "../../mesh/index.js";

/** One headline number's standing, with the start of its source for a reader to follow up. */
export interface CalibrationEntry {
  status: "calibrated" | "estimate";
  /** The field the number is in, e.g. `dataPlane.proxy.pathMsPerPass.http1`. */
  field: string;
  /** The source's first words (up to SOURCE_PREVIEW characters). */
  source: string;
}

/** The standing of a profile's headline numbers; absent aspects have no number (no mesh). */
export interface ProfileCalibration {
  latency?: CalibrationEntry;
  cpu?: CalibrationEntry;
  memory?: CalibrationEntry;
  controlPlaneMemory?: CalibrationEntry;
}

/** Characters of a source kept in the results document. */
export const SOURCE_PREVIEW = 80;

/**
 * The calibration of `profile`'s headline numbers, read from its `sources`. The data plane's
 * number is its main part's: the sidecar or node proxy, else the kernel hook (eBPF).
 * @example calibrationOf(loadMeshProfile("istio")).latency?.status // "calibrated"
 */
export function calibrationOf(profile: MeshProfile): ProfileCalibration {
  const sources = profile.sources ?? {};
  const entry = (fields: string[]): CalibrationEntry | undefined => {
    const field = fields.find((candidate) => sources[candidate] !== undefined);
    if (field === undefined) return undefined;
    const text = sources[field];
    return { status: /^estimate\b/i.test(text.trim()) ? "estimate" : "calibrated", field, source: preview(text) };
  };
  const calibration: ProfileCalibration = {};
  const latency = entry(["dataPlane.proxy.pathMsPerPass.http1", "dataPlane.kernel.perRequestUs"]);
  const cpu = entry(["dataPlane.proxy.cpuMsPerRequest.http1", "dataPlane.kernel.perRequestUs"]);
  // eBPF has no proxy: its per-node agent (cilium-agent) is counted as controlPlane.memoryPerProxyMb.
  const memory = entry(["dataPlane.proxy.memory.baseMb", "controlPlane.memoryPerProxyMb"]);
  const controlPlaneMemory = entry(["controlPlane.baseMemoryMb"]);
  if (latency) calibration.latency = latency;
  if (cpu) calibration.cpu = cpu;
  if (memory) calibration.memory = memory;
  if (controlPlaneMemory) calibration.controlPlaneMemory = controlPlaneMemory;
  return calibration;
}

// --- internal ---

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= SOURCE_PREVIEW ? flat : `${flat.slice(0, SOURCE_PREVIEW - 1).trimEnd()}…`;
}
