/**
 * The connection side of every call: which pool it takes a connection from, what a new
 * connection costs (TCP and TLS round trips on the hop's link, signature CPU at the proxies
 * that terminate mTLS, or a resumed session's key exchange), encryption per byte, and whether
 * the server refuses it (plaintext to a strict server).
 */

import type { ActivationPool } from "./activation-pool.js";
import type { CallProgram } from "./call-program.js";
import { CONNECTION_NEW, CONNECTION_REUSED, ConnectionPools, type ConnectionCounts } from "./connection-pools.js";
import type { MeshProfile } from "./mesh-profile.js";
import { TLS_MUTUAL, TLS_REFUSED } from "./mtls-policy.js";
import type { ServiceNetwork } from "./service-network.js";
import { connectRoundTrips, fullHandshakeCpuMs, RESUMED_HANDSHAKE_CPU_MS } from "./tls-costs.js";

const BYTES_PER_KIB = 1024;

/** Connection bookkeeping for one RequestFlow. */
export class CallConnections {
  readonly #network: ServiceNetwork;
  readonly #acts: ActivationPool;
  readonly #program: CallProgram;
  readonly #pools: ConnectionPools;
  readonly #fullHandshakeMs: number;
  readonly #resumedHandshakeMs: number;
  readonly #tlsRoundTrips: number;
  readonly #plainRoundTrips: number;
  readonly #canResume: boolean;
  readonly #encryptionMsPerKiB: number;
  #handshakes = 0;

  constructor(network: ServiceNetwork, profile: MeshProfile, acts: ActivationPool, program: CallProgram) {
    this.#network = network;
    this.#acts = acts;
    this.#program = program;
    this.#pools = new ConnectionPools(network.connections.poolCount);
    const security = profile.security;
    const handshake = security?.handshake ?? "none";
    const keyType = profile.defaults?.keyType ?? "none";
    const signs = handshake !== "none" && keyType !== "none";
    this.#fullHandshakeMs = signs ? fullHandshakeCpuMs(keyType) : 0;
    this.#resumedHandshakeMs = signs ? RESUMED_HANDSHAKE_CPU_MS : 0;
    this.#tlsRoundTrips = connectRoundTrips(handshake, true);
    this.#plainRoundTrips = connectRoundTrips(handshake, false);
    this.#canResume = signs && (security?.sessionResumption ?? false);
    this.#encryptionMsPerKiB = security?.encryptionCpuMsPerKiB ?? 0;
  }

  /** Takes a connection for the call `act` (its caller and callee pods are set). */
  open(act: number): void {
    const acts = this.#acts;
    const pair = this.#pair(act);
    const { pairPool, pairTls, poolMultiplexed } = this.#network.connections;
    const pool = pairPool[pair];
    const tls = pairTls[pair] === TLS_MUTUAL;
    const connection = this.#pools.acquire(pool, this.#keepAlive(act, pair), poolMultiplexed[pool] === 1, tls && this.#canResume);
    acts.pool[act] = pool;
    acts.connection[act] = connection;
    if (tls && connection !== CONNECTION_REUSED) this.#handshakes++;
  }

  /** The call `act` has its response: its connection goes back to the pool (or closes). */
  close(act: number): void {
    this.#pools.release(this.#acts.pool[act], this.#keepAlive(act, this.#pair(act)));
  }

  /** Whether the server refuses the call's connection (plaintext to a strict server). */
  refused(act: number): boolean {
    return this.#network.connections.pairTls[this.#pair(act)] === TLS_REFUSED;
  }

  /** Round trips a new connection adds on the connect hop, times that link's round-trip time. */
  connectDelayMs(act: number, oneWayMs: number): number {
    const acts = this.#acts;
    if (acts.phase[act] !== 0 || acts.connection[act] === CONNECTION_REUSED) return 0;
    const tls = this.#network.connections.pairTls[this.#pair(act)] === TLS_MUTUAL;
    return 2 * oneWayMs * (tls ? this.#tlsRoundTrips : this.#plainRoundTrips);
  }

  /** CPU one end spends on the call's new mTLS connection, on the request pass. */
  handshakeCpuMsOf(act: number): number {
    const acts = this.#acts;
    if (acts.phase[act] !== 0 || acts.connection[act] === CONNECTION_REUSED) return 0;
    if (this.#network.connections.pairTls[this.#pair(act)] !== TLS_MUTUAL) return 0;
    return acts.connection[act] === CONNECTION_NEW ? this.#fullHandshakeMs : this.#resumedHandshakeMs;
  }

  /** CPU one end spends encrypting or decrypting this pass's payload when the call is mTLS. */
  encryptionCpuMsOf(act: number): number {
    if (this.#encryptionMsPerKiB === 0 || this.#network.connections.pairTls[this.#pair(act)] !== TLS_MUTUAL) return 0;
    const acts = this.#acts;
    const node = acts.node[act];
    const bytes = acts.phase[act] === 0 ? this.#program.requestBytes[node] : this.#program.responseBytes[node];
    return (this.#encryptionMsPerKiB * bytes) / BYTES_PER_KIB;
  }

  /** Connections opened and mTLS handshakes made since the last reset. */
  counts(): ConnectionCounts & { handshakes: number } {
    return { ...this.#pools.counts(), handshakes: this.#handshakes };
  }

  resetCounts(): void {
    this.#pools.resetCounts();
    this.#handshakes = 0;
  }

  // --- internal ---

  #pair(act: number): number {
    return this.#acts.callerPod[act] * this.#network.podCount + this.#acts.calleePod[act];
  }

  #keepAlive(act: number, pair: number): boolean {
    const network = this.#network;
    return network.podKeepAlive[this.#acts.callerPod[act]] === 1 || network.connections.pairPooledByProxies[pair] === 1;
  }
}
