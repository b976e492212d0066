/**
 * The connection side of every call: which pool it takes a connection from, what a new
 * connection costs (TCP and TLS round trips on the hop's link, signature CPU at the proxies
 * that terminate mTLS, or a resumed session's key exchange), encryption per byte, and whether
 * the server refuses it (plaintext to a strict server).
 */

import type { ActivationFields, ActivationPool } from "./activation-pool.js";
import { grown } from "../compile/index.js";
import type { CallFields } from "./call-fields.js";
import type { CallProgram } from "../compile/index.js";
import { CONNECTION_NEW, CONNECTION_REUSED, ConnectionPools, type ConnectionCounts } from "./connection-pools.js";
import { POLICY_DENIED, POLICY_NONE } from "../compile/index.js";
import type { MeshProfile } from "../model/index.js";
import { TLS_MUTUAL, TLS_REFUSED } from "../compile/index.js";
import { createIdleTimeouts } from "./pool-idle-timeouts.js";
import { EXTERNAL_NODE } from "../../cluster/index.js";
import type { PassFacts, ServiceNetwork } from "../compile/index.js";
import { connectRoundTrips, fullHandshakeCpuMs, RESUMED_HANDSHAKE_CPU_MS } from "../compile/index.js";

const BYTES_PER_KIB = 1024;

/** Connection bookkeeping for one RequestFlow. */
export class CallConnections {
  readonly #network: ServiceNetwork;
  /** The call tree's state (read only here). */
  readonly #acts: CallFields;
  readonly #fields: ConnectionFields;
  readonly #program: CallProgram;
  readonly #pools: ConnectionPools;
  readonly #fullHandshakeMs: number;
  readonly #resumedHandshakeMs: number;
  readonly #tlsRoundTrips: number;
  readonly #plainRoundTrips: number;
  readonly #canResume: boolean;
  /** Whether a new mTLS connection makes a TLS handshake on the data path (not Cilium's out-of-band mutual authentication). */
  readonly #handshakesOnPath: boolean;
  readonly #encryptionMsPerKiB: number;
  /** Payload is encrypted on mTLS connections only (false: by the nodes, on every pass between two). */
  readonly #encryptsMtlsOnly: boolean;
  readonly #authorizationMs: number;
  #handshakes = 0;

  constructor(network: ServiceNetwork, profile: MeshProfile, pool: ActivationPool, calls: CallFields, program: CallProgram) {
    this.#network = network;
    this.#acts = calls;
    this.#fields = pool.attach(new ConnectionFields(pool.capacity));
    this.#program = program;
    this.#pools = new ConnectionPools(network.connections.poolCount, createIdleTimeouts(network, profile));
    const security = profile.security;
    const handshake = security?.handshake ?? "none";
    const keyType = profile.defaults?.keyType ?? "none";
    const signs = handshake !== "none" && keyType !== "none";
    this.#fullHandshakeMs = signs ? fullHandshakeCpuMs(keyType) : 0;
    this.#resumedHandshakeMs = signs ? RESUMED_HANDSHAKE_CPU_MS : 0;
    this.#tlsRoundTrips = connectRoundTrips(handshake, true);
    this.#plainRoundTrips = connectRoundTrips(handshake, false);
    this.#canResume = signs && (security?.sessionResumption ?? false);
    this.#handshakesOnPath = handshake !== "none";
    // Node-to-node encryption (Cilium's WireGuard/IPsec) takes the place of mTLS's: it encrypts
    // every pass between two nodes whatever the mTLS mode, and only its stations ask.
    const nodeEncryption = network.nodeEncryption;
    this.#encryptsMtlsOnly = nodeEncryption === undefined;
    this.#encryptionMsPerKiB = nodeEncryption ? nodeEncryption.cpuMsPerKiB : (security?.encryptionCpuMsPerKiB ?? 0);
    this.#authorizationMs = security?.authorizationCpuMs ?? 0;
  }

  /** Takes a connection for the call `act` (its caller and callee pods, and their pair, are set). */
  open(act: number): void {
    const acts = this.#acts;
    const network = this.#network;
    const pair = acts.pair[act];
    const { pairPool, pairTls, pairPooledByProxies, poolMultiplexed, pairPolicy } = network.connections;
    const pool = pairPool[pair];
    const tls = pairTls[pair];
    // The state the call's passes need is copied onto it once, not looked up per pass.
    const keepAlive = network.podKeepAlive[acts.callerPod[act]] === 1 || pairPooledByProxies[pair] === 1;
    const connection = this.#pools.acquire(pool, keepAlive, poolMultiplexed[pool] === 1, tls === TLS_MUTUAL && this.#canResume);
    const fields = this.#fields;
    fields.pool[act] = pool;
    fields.connection[act] = connection;
    fields.tls[act] = tls;
    fields.keepAlive[act] = keepAlive ? 1 : 0;
    fields.policy[act] = pairPolicy[pair];
    // A mesh whose mutual authentication makes no handshake on the data path (Cilium) counts none.
    if (tls === TLS_MUTUAL && connection !== CONNECTION_REUSED && this.#handshakesOnPath) this.#handshakes++;
  }

  /** The call `act` has its response: its connection goes back to the pool (or closes). */
  close(act: number): void {
    this.#pools.release(this.#fields.pool[act], this.#fields.keepAlive[act] === 1);
  }

  /** Whether the server refuses the call's connection (plaintext to a strict server). */
  refused(act: number): boolean {
    return this.#fields.tls[act] === TLS_REFUSED;
  }

  /** Whether the server's authorization policy denies the call. */
  denied(act: number): boolean {
    return this.#fields.policy[act] === POLICY_DENIED;
  }

  /**
   * CPU to evaluate the callee's policy: charged once, by the last station the request passes
   * before the app (the server side's proxy), when the callee has a policy.
   */
  authorizationCpuMsOf(act: number): number {
    const acts = this.#acts;
    if (this.#authorizationMs === 0 || this.#fields.policy[act] === POLICY_NONE || acts.phase[act] !== 0) return 0;
    return acts.leg[act] === this.#network.chains.chainLength[acts.chain[act]] ? this.#authorizationMs : 0;
  }

  /** Round trips a new connection adds on the connect hop, times that link's round-trip time. */
  connectDelayMs(act: number, oneWayMs: number): number {
    const fields = this.#fields;
    if (this.#acts.phase[act] !== 0 || fields.connection[act] === CONNECTION_REUSED) return 0;
    return 2 * oneWayMs * (fields.tls[act] === TLS_MUTUAL ? this.#tlsRoundTrips : this.#plainRoundTrips);
  }

  /**
   * The connection's part of a pass: whether it opens the connection (the request pass of a
   * call on a new or resumed one, at each proxy that handles it), the handshake CPU one end
   * spends on it (mTLS), encryption and authorization CPU.
   */
  describePass(act: number, facts: PassFacts): void {
    const fields = this.#fields;
    const connection = fields.connection[act];
    const opens = this.#acts.phase[act] === 0 && connection !== CONNECTION_REUSED;
    facts.opensConnection = opens;
    facts.handshakeCpuMs = !opens || fields.tls[act] !== TLS_MUTUAL ? 0 : connection === CONNECTION_NEW ? this.#fullHandshakeMs : this.#resumedHandshakeMs;
    facts.encryptionCpuMs = this.encryptionCpuMsOf(act);
    facts.authorizationCpuMs = this.authorizationCpuMsOf(act);
  }

  /**
   * CPU one end spends encrypting or decrypting this pass's payload: on an mTLS connection, or,
   * with node-to-node encryption, on any pass between two nodes.
   */
  encryptionCpuMsOf(act: number): number {
    const acts = this.#acts;
    if (this.#encryptionMsPerKiB === 0) return 0;
    if (this.#encryptsMtlsOnly ? this.#fields.tls[act] !== TLS_MUTUAL : !this.#betweenNodes(act)) return 0;
    const node = acts.node[act];
    const bytes = acts.phase[act] === 0 ? this.#program.requestBytes[node] : this.#program.responseBytes[node];
    return (this.#encryptionMsPerKiB * bytes) / BYTES_PER_KIB;
  }

  /** Connections opened and mTLS handshakes made since the last reset. */
  counts(): ConnectionCounts & { handshakes: number } {
    return { ...this.#pools.counts(), handshakes: this.#handshakes };
  }

  /**
   * Closes the connections of `pods` (restarted: their proxies' pools go with them). A pool that
   * also serves other pods (a node's ztunnel or agent) stays open. O(pods x restarted): only the
   * restarted pods' pairs are read, and a pool closes when all its pairs (of those a call can
   * take) are among them.
   */
  closePodConnections(pods: readonly number[]): void {
    const { podCount, pairs, connections } = this.#network;
    const restarted = new Uint8Array(podCount);
    for (const pod of pods) restarted[pod] = 1;
    const { pairPool, poolPairs } = connections;
    const mine = new Map<number, number>();
    const count = (pool: number) => mine.set(pool, (mine.get(pool) ?? 0) + 1);
    for (const pod of new Set(pods)) {
      // Its calls out (every callee), then its calls in from callers not restarted (theirs are counted with their calls out).
      pairs.forEachCallee(pod, (_, pair) => count(pairPool[pair]));
      pairs.forEachCaller(pod, (caller, pair) => {
        if (restarted[caller] === 0) count(pairPool[pair]);
      });
    }
    for (const [pool, pairs] of mine) if (pairs === poolPairs[pool]) this.#pools.closePool(pool);
  }

  /** Replaces every workload certificate now (see ConnectionPools.rotateCertificates). */
  rotateCertificates(): void {
    this.#pools.rotateCertificates();
  }

  resetCounts(): void {
    this.#pools.resetCounts();
    this.#handshakes = 0;
  }

  // --- internal ---

  /** Whether the call's two pods are on different cluster nodes (what WireGuard/IPsec encrypt). */
  #betweenNodes(act: number): boolean {
    const podNode = this.#network.podNode;
    const from = podNode[this.#acts.callerPod[act]];
    const to = podNode[this.#acts.calleePod[act]];
    return from !== to && from !== EXTERNAL_NODE && to !== EXTERNAL_NODE;
  }
}

/** The connection side of a call, per activation: written only by CallConnections. */
class ConnectionFields implements ActivationFields {
  /** The connection pool the call rides on. */
  pool: Int32Array;
  /** CONNECTION_REUSED, CONNECTION_NEW or CONNECTION_RESUMED. */
  connection: Uint8Array;
  /** TLS_PLAIN, TLS_MUTUAL or TLS_REFUSED for the call's connection. */
  tls: Uint8Array;
  /** 1 when the call's connection stays open after it. */
  keepAlive: Uint8Array;
  /** POLICY_NONE, POLICY_ALLOWED or POLICY_DENIED. */
  policy: Uint8Array;

  constructor(capacity: number) {
    this.pool = new Int32Array(capacity);
    this.connection = new Uint8Array(capacity);
    this.tls = new Uint8Array(capacity);
    this.keepAlive = new Uint8Array(capacity);
    this.policy = new Uint8Array(capacity);
  }

  grow(capacity: number): void {
    this.pool = grown(this.pool, capacity);
    this.connection = grown(this.connection, capacity);
    this.tls = grown(this.tls, capacity);
    this.keepAlive = grown(this.keepAlive, capacity);
    this.policy = grown(this.policy, capacity);
  }
}
