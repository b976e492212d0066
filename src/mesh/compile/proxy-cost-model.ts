/**
 * Turns a profile's proxy costs into a station's samplers: the critical-path time of one pass
 * (lognormal around the protocol's mean) and the time the pass holds a worker (half the
 * request's CPU). When CPU exceeds the path, the worker keeps working after forwarding; when
 * the path exceeds CPU (a JVM's GC pauses), the pass waits without holding a worker.
 */

import { createSampler, type Rng } from "../../random/index.js";
import type { ProtocolTable, ProxyCost } from "../model/index.js";

/** Protocol indices, in the order calls carry them. */
export const PROTOCOLS = ["http1", "http2", "grpc", "tcp"] as const;

/** What a proxy needs to know of the job passing through it. */
export interface PassInfo {
  /** Index into PROTOCOLS of the call the job belongs to. */
  protocolOf(job: number): number;
  /** Request plus response payload of the call, KiB. */
  payloadKiBOf(job: number): number;
  /** CPU of this pass's share of a new connection's handshake (0 unless one is being made), ms. */
  handshakeCpuMsOf(job: number): number;
  /** Whether this pass opens a new connection (the request pass of a call on a fresh or resumed one). */
  opensConnection(job: number): boolean;
  /** Encryption CPU of this pass when the call's connection is mTLS (0 otherwise), ms. */
  encryptionCpuMsOf(job: number): number;
  /** CPU to evaluate an authorization policy on this pass (the server side's, once per call), ms. */
  authorizationCpuMsOf(job: number): number;
}

export interface ProxySamplers {
  serviceTime: (job: number) => number;
  /** The worker time of the job `serviceTime` was last asked for (a Station asks for both in turn). */
  workerTime: (job: number) => number;
}

/**
 * Samplers for one proxy instance: a pass takes a lognormal path time and holds a worker for
 * exactly half the request's CPU (so the measured CPU matches the profile). A proxy that
 * terminates mTLS also pays its share of new connections' handshakes and of encryption. Any
 * proxy in front of the callee's app (the last station of the request) evaluates its policy.
 * @example createProxySamplers(profile.dataPlane.proxy, rng, passInfo).serviceTime(job)
 */
export function createProxySamplers(cost: ProxyCost, rng: Rng, pass: PassInfo, terminatesTls: boolean): ProxySamplers {
  const path = PROTOCOLS.map((protocol) => samplerFor(cost.pathMsPerPass[protocol], cost.pathCv, rng));
  const halfCpu = tableValues(cost.cpuMsPerRequest).map((cpu) => cpu / 2);
  const halfCpuPerKiB = cost.cpuMsPerKiB / 2;
  // Accepting or opening a connection (listener filter chain, codec set-up) is work on the
  // request's path, apart from its TLS handshake.
  const connectionMs = cost.connectionCpuMs ?? 0;
  // Both times are worked out together, each pass fact read once; the worker time waits for
  // the Station's next question.
  let workerMs = 0;
  return {
    serviceTime: (job) => {
      const protocol = pass.protocolOf(job);
      const connect = connectionMs > 0 && pass.opensConnection(job) ? connectionMs : 0;
      const authorization = pass.authorizationCpuMsOf(job);
      const baseWork = halfCpu[protocol] + halfCpuPerKiB * pass.payloadKiBOf(job) + connect;
      if (!terminatesTls) {
        // It ends no mTLS (Cilium's node Envoy, the waypoint), but checks the policy of an app
        // it fronts (Cilium's node Envoy; the waypoint never is the last station).
        workerMs = baseWork + authorization;
        return path[protocol]() + connect + authorization;
      }
      // A handshake is signature work on the request's path; encryption overlaps forwarding.
      const handshake = pass.handshakeCpuMsOf(job);
      workerMs = baseWork + handshake + pass.encryptionCpuMsOf(job) + authorization;
      return path[protocol]() + connect + handshake + authorization;
    },
    workerTime: () => workerMs,
  };
}

/**
 * Whether a proxy handles calls of `protocol` at all: a profile gives zero path and zero CPU
 * for protocols it does not intercept (Linkerd 1 leaves plain TCP alone).
 */
export function proxiesProtocol(cost: ProxyCost, protocol: number): boolean {
  const name = PROTOCOLS[protocol];
  return cost.pathMsPerPass[name] > 0 || cost.cpuMsPerRequest[name] > 0;
}

// --- internal ---

function tableValues(table: ProtocolTable): number[] {
  return PROTOCOLS.map((protocol) => table[protocol]);
}

function samplerFor(meanMs: number, cv: number, rng: Rng): () => number {
  if (meanMs === 0) return () => 0;
  return createSampler({ type: "lognormal", meanMs, cv }, rng);
}
