/**
 * Turns a profile's proxy costs into a station's samplers: the critical-path time of one pass
 * (lognormal around the protocol's mean) and the busy time after forwarding that brings the
 * worker's total to the profile's CPU per request.
 */

import { createSampler, type Rng } from "../random/index.js";
import type { ProtocolTable, ProxyCost } from "./mesh-profile.js";

/** Protocol indices, in the order calls carry them. */
export const PROTOCOLS = ["http1", "http2", "grpc", "tcp"] as const;

/** What a proxy needs to know of the job passing through it. */
export interface PassInfo {
  /** Index into PROTOCOLS of the call the job belongs to. */
  protocolOf(job: number): number;
  /** Request plus response payload of the call, KiB. */
  payloadKiBOf(job: number): number;
}

export interface ProxySamplers {
  serviceTime: (job: number) => number;
  afterService: (job: number) => number;
}

/**
 * Samplers for one proxy instance. Per pass, the worker is busy for half the request's CPU on
 * average: the sampled path time, then the remainder after forwarding (never negative).
 * @example createProxySamplers(profile.dataPlane.proxy, rng, passInfo).serviceTime(job)
 */
export function createProxySamplers(cost: ProxyCost, rng: Rng, pass: PassInfo): ProxySamplers {
  const path = PROTOCOLS.map((protocol) => samplerFor(cost.pathMsPerPass[protocol], cost.pathCv, rng));
  const meanPath = tableValues(cost.pathMsPerPass);
  const halfCpu = tableValues(cost.cpuMsPerRequest).map((cpu) => cpu / 2);
  const halfCpuPerKiB = cost.cpuMsPerKiB / 2;
  return {
    serviceTime: (job) => path[pass.protocolOf(job)](),
    afterService: (job) => {
      const protocol = pass.protocolOf(job);
      const remainder = halfCpu[protocol] + halfCpuPerKiB * pass.payloadKiBOf(job) - meanPath[protocol];
      return remainder > 0 ? remainder : 0;
    },
  };
}

// --- internal ---

function tableValues(table: ProtocolTable): number[] {
  return PROTOCOLS.map((protocol) => table[protocol]);
}

function samplerFor(meanMs: number, cv: number, rng: Rng): () => number {
  if (meanMs === 0) return () => 0;
  return createSampler({ type: "lognormal", meanMs, cv }, rng);
}
