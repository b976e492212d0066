/** Small number formats and sums the report page's parts share. */

import { formatMs } from "./format-number.js";
import type { ReportDocument } from "./report-document.js";

/** The mesh's vCPU: data plane and control plane together. */
export function meshVcpu(run: ReportDocument["runs"][number]): number {
  return run.resources.dataPlane.vcpu + run.resources.controlPlane.vcpu;
}

/** The mesh's memory, MB: data plane and control plane together. */
export function meshMemory(run: ReportDocument["runs"][number]): number {
  return run.resources.dataPlane.memoryMb + run.resources.controlPlane.memoryMb;
}

/** A share as a percent, two significant digits below 10%. */
export function formatPercent(share: number): string {
  const percent = share * 100;
  return `${percent >= 10 ? Math.round(percent) : Number(percent.toPrecision(2))}%`;
}

/** A latency difference with its sign (a true minus sign below zero), ms. */
export function signedMs(ms: number): string {
  return `${ms >= 0 ? "+" : "−"}${formatMs(Math.abs(ms))}`;
}
