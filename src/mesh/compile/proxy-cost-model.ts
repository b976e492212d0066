/**
 * Turns a profile's proxy costs into a station's pass times: the critical-path time of one pass
 * (lognormal around the protocol's mean) and the time the pass holds a worker (half the
 * request's CPU). When CPU exceeds the path, the worker keeps working after forwarding; when
 * the path exceeds CPU (a JVM's GC pauses), the pass waits without holding a worker.
 */

import { createSampler, type Rng } from "../../random/index.js";
import type { ProxyCost } from "../model/index.js";
import type { JobTimes } from "../../queueing/index.js";

/** Protocol indices, in the order calls carry them. */
export const PROTOCOLS = ["http1", "http2", "grpc", "tcp"] as const;

/** What a proxy needs to know of the pass a job is making, filled in at once (PassInfo.describe). */
export class PassFacts {
  /** Index into PROTOCOLS of the call the job belongs to. */
  protocol = 0;
  /** Request plus response payload of the call, KiB. */
  payloadKiB = 0;
  /** Whether this pass opens a new connection (the request pass of a call on a fresh or resumed one). */
  opensConnection = false;
  /** CPU of this pass's share of a new connection's handshake (0 unless one is being made), ms. */
  handshakeCpuMs = 0;
  /** Encryption CPU of this pass when the call's connection is mTLS (0 otherwise), ms. */
  encryptionCpuMs = 0;
  /** CPU to evaluate an authorization policy on this pass (the server side's, once per call), ms. */
  authorizationCpuMs = 0;
}

/** What stations learn of the job passing through them. */
export interface PassInfo {
  /** Fills `facts` with the pass `job` is making now: one call per pass, each fact read once. */
  describe(job: number, facts: PassFacts): void;
  /** Encryption CPU of this pass (what a kernel's crypto station asks alone), ms. */
  encryptionCpuMsOf(job: number): number;
}

/** A proxy instance's pass times, whose random stream is seeded before its first pass. */
export interface ProxyPassTimes extends JobTimes {
  /**
   * Seeds the proxy's stream and makes its path samplers; the second call and later do nothing.
   * The network calls it when it first builds a chain through the proxy, before any pass.
   */
  seed(): void;
}

/**
 * The pass times of one proxy instance: a pass takes a lognormal path time and holds a worker for
 * exactly half the request's CPU (so the measured CPU matches the profile). A proxy that
 * terminates mTLS also pays its share of new connections' handshakes and of encryption. Any
 * proxy in front of the callee's app (the last station of the request) evaluates its policy.
 * `stream` gives the proxy's random stream when `seed()` is called: seeding one (xor4096) and its
 * samplers costs about 10 µs and 3 KB, and a proxy no call reaches needs neither (at 20,000 pods
 * and 50 request types, nearly all).
 * @example const times = createProxyPassTimes(profile.dataPlane.proxy, () => rng, passInfo, true); times.seed(); times.draw(job); times.serviceMs
 */
export function createProxyPassTimes(cost: ProxyCost, stream: () => Rng, pass: PassInfo, terminatesTls: boolean): ProxyPassTimes {
  return new ProxyPass(cost, stream, pass, terminatesTls);
}

/**
 * Stands for a proxy's path samplers until it is seeded: drawing from it is a bug (a pass at a
 * proxy on no chain built). One shared array of the same kind as the real ones, so the field
 * that holds either keeps one shape for V8.
 */
const UNSEEDED_PATH: Array<() => number> = PROTOCOLS.map(() => () => {
  throw new Error("a proxy's pass was drawn before its random stream was seeded (seed() is called when a chain through it is first built)");
});

/** One proxy instance's pass times, both worked out from one description of the pass. */
class ProxyPass implements ProxyPassTimes {
  serviceMs = 0;
  workerMs = 0;
  readonly #pass: PassInfo;
  readonly #terminatesTls: boolean;
  readonly #cost: ProxyCost;
  readonly #stream: () => Rng;
  /** Each protocol's path-time sampler (all four draw from the proxy's one stream), once seeded. */
  #path = UNSEEDED_PATH;
  readonly #halfCpu: number[];
  readonly #halfCpuPerKiB: number;
  /** Accepting or opening a connection (listener filter chain, codec set-up) is work on the request's path, apart from its TLS handshake. */
  readonly #connectionMs: number;
  readonly #facts = new PassFacts();

  constructor(cost: ProxyCost, stream: () => Rng, pass: PassInfo, terminatesTls: boolean) {
    this.#pass = pass;
    this.#terminatesTls = terminatesTls;
    this.#cost = cost;
    this.#stream = stream;
    this.#halfCpu = PROTOCOLS.map((_, protocol) => basePassCpuMs(cost, protocol, 0));
    this.#halfCpuPerKiB = cost.cpuMsPerKiB / 2;
    this.#connectionMs = cost.connectionCpuMs ?? 0;
  }

  seed(): void {
    if (this.#path !== UNSEEDED_PATH) return;
    const rng = this.#stream();
    const cost = this.#cost;
    this.#path = PROTOCOLS.map((protocol) => samplerFor(cost.pathMsPerPass[protocol], cost.pathCv, rng));
  }

  draw(job: number): void {
    const facts = this.#facts;
    this.#pass.describe(job, facts);
    const protocol = facts.protocol;
    const connect = this.#connectionMs > 0 && facts.opensConnection ? this.#connectionMs : 0;
    const authorization = facts.authorizationCpuMs;
    const baseWork = this.#halfCpu[protocol] + this.#halfCpuPerKiB * facts.payloadKiB + connect;
    if (!this.#terminatesTls) {
      // It ends no mTLS (Cilium's node Envoy, the waypoint), but checks the policy of an app
      // it fronts (Cilium's node Envoy; the waypoint never is the last station).
      this.workerMs = baseWork + authorization;
      this.serviceMs = this.#path[protocol]() + connect + authorization;
      return;
    }
    // A handshake is signature work on the request's path; encryption overlaps forwarding.
    const handshake = facts.handshakeCpuMs;
    this.workerMs = baseWork + handshake + facts.encryptionCpuMs + authorization;
    this.serviceMs = this.#path[protocol]() + connect + handshake + authorization;
  }
}

/**
 * CPU of one pass before any connection, handshake, encryption or policy work, ms: half the
 * request's CPU and half its cost per KiB (a call passes each proxy twice). The least a pass holds
 * a worker for.
 * @example basePassCpuMs(profile.dataPlane.proxy, 0, 1) // http1, 1 KiB of payload
 */
export function basePassCpuMs(cost: ProxyCost, protocol: number, payloadKiB: number): number {
  return cost.cpuMsPerRequest[PROTOCOLS[protocol]] / 2 + (cost.cpuMsPerKiB / 2) * payloadKiB;
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


function samplerFor(meanMs: number, cv: number, rng: Rng): () => number {
  if (meanMs === 0) return () => 0;
  return createSampler({ type: "lognormal", meanMs, cv }, rng);
}
