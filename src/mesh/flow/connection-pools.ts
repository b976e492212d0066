/**
 * Connections between the two ends of a call's hop (two sidecars, two ztunnels, two apps), so
 * that only a new connection pays TCP and TLS handshakes. HTTP/1.1 carries one request at a
 * time per connection, so a busy pool opens another; HTTP/2, gRPC and HBONE multiplex every
 * request over one connection; without keep-alive every call opens and closes its own. A pooled
 * connection left idle for its pool's idle timeout closes (noticed when the pool is next used).
 * State lives in typed arrays indexed by pool, so acquiring allocates nothing in steady state.
 */

/** The call reuses an open connection. */
export const CONNECTION_REUSED = 0;
/** The call opens a new connection with a full handshake (or plain TCP when not TLS). */
export const CONNECTION_NEW = 1;
/** The call opens a new connection, resuming an earlier TLS session to the same peer. */
export const CONNECTION_RESUMED = 2;

export interface ConnectionCounts {
  /** New connections, resumed or not. */
  opened: number;
  /** New connections that resumed a TLS session. */
  resumed: number;
  /** Pooled connections closed after sitting idle for their pool's idle timeout. */
  closedIdle: number;
}

/** Idle timeouts: without them (the default) pooled connections stay open however long idle. */
export interface ConnectionPoolOptions {
  /** Current simulated time, ms; read only for pools with a finite idle timeout. */
  now: () => number;
  /** Idle timeout of each pool, ms; Infinity never closes one. */
  idleTimeoutMs: Float64Array;
}

/** Slots of a pool's idle-time ring when it first needs one; it doubles when full. */
const INITIAL_IDLE_SLOTS = 4;
const NO_IDLE_SLOTS = new Float64Array(0);

/**
 * Open and busy connection counts per pool, and since when idle connections have been idle.
 *
 * An HTTP/1.1 pool with a finite idle timeout keeps the idle-since times of its idle
 * connections in a ring used as a stack: a call reuses the most recently released connection
 * (as Envoy's pool does), so the connections that expire are the oldest ones, at the bottom.
 *
 *   ring of one pool:  [ . . t0 t1 t2 . . ]   t0 <= t1 <= t2, count = open - busy
 *                            ^head   ^top      expire from head; reuse and release at top
 *
 * A multiplexed pool's connection is idle when it carries no call: one idle-since time.
 * @example
 * const pools = new ConnectionPools(1, { now: () => sim.now, idleTimeoutMs: Float64Array.of(5000) });
 */
export class ConnectionPools {
  readonly #open: Int32Array;
  readonly #busy: Int32Array;
  readonly #everOpened: Uint8Array;
  /** Connections that carry a call now but must close when it ends (their certificate rotated). */
  readonly #closing: Int32Array;
  readonly #idleTimeoutMs: Float64Array;
  readonly #now: () => number;
  /** 1 for a multiplexed pool, as its acquires say. */
  readonly #multiplexed: Uint8Array;
  /** Multiplexed pools: when the connection last stopped carrying calls. */
  readonly #idleSince: Float64Array;
  /** HTTP/1.1 pools with a finite timeout: the ring of idle-since times (sketch above). */
  readonly #idleRing: Float64Array[];
  readonly #idleHead: Int32Array;
  readonly #idleCount: Int32Array;
  #opened = 0;
  #resumed = 0;
  #closedIdle = 0;

  /**
   * @param pools number of pools
   * @throws RangeError when `idleTimeoutMs` does not hold one positive timeout per pool
   */
  constructor(pools: number, options?: ConnectionPoolOptions) {
    const timeouts = options?.idleTimeoutMs ?? new Float64Array(pools).fill(Infinity);
    if (timeouts.length !== pools) {
      throw new RangeError(`idleTimeoutMs must hold one timeout per pool (${pools}), got ${timeouts.length}`);
    }
    // A loop, not forEach: a pool per pod pair makes millions at 2,000 pods.
    for (let pool = 0; pool < pools; pool++) {
      if (!(timeouts[pool] > 0)) throw new RangeError(`idleTimeoutMs[${pool}] must be a positive number of ms, got ${timeouts[pool]}`);
    }
    this.#open = new Int32Array(pools);
    this.#busy = new Int32Array(pools);
    this.#everOpened = new Uint8Array(pools);
    this.#closing = new Int32Array(pools);
    this.#idleTimeoutMs = timeouts;
    this.#now = options?.now ?? (() => 0);
    this.#multiplexed = new Uint8Array(pools);
    this.#idleSince = new Float64Array(pools);
    this.#idleRing = new Array<Float64Array>(pools).fill(NO_IDLE_SLOTS);
    this.#idleHead = new Int32Array(pools);
    this.#idleCount = new Int32Array(pools);
  }

  /**
   * Takes a connection of `pool` for one call, after closing the pool's connections that have
   * sat idle for its idle timeout. O(1) amortised.
   * @param keepAlive whether connections outlive the call (the app's, or the proxies' pooling)
   * @param multiplexed whether one connection carries any number of concurrent calls
   * @param canResume whether a reconnect may resume an earlier TLS session
   * @returns CONNECTION_REUSED, CONNECTION_NEW or CONNECTION_RESUMED
   */
  acquire(pool: number, keepAlive: boolean, multiplexed: boolean, canResume: boolean): number {
    // An infinite timeout skips the clock and the idle times: no expiry, no bookkeeping.
    const timed = this.#idleTimeoutMs[pool] !== Infinity;
    if (timed) {
      this.#multiplexed[pool] = multiplexed ? 1 : 0;
      this.#closeIdle(pool, this.#now());
    }
    if (keepAlive) {
      if (multiplexed ? this.#open[pool] > 0 : this.#open[pool] > this.#busy[pool]) {
        this.#busy[pool]++;
        // The reused connection is the most recently released one: the top of the ring.
        if (timed && !multiplexed) this.#idleCount[pool]--;
        return CONNECTION_REUSED;
      }
    }
    // TLS sessions outlive their connections, so a reconnect after an idle close may resume.
    const resumed = canResume && this.#everOpened[pool] === 1;
    this.#open[pool]++;
    this.#busy[pool]++;
    this.#everOpened[pool] = 1;
    this.#opened++;
    if (resumed) this.#resumed++;
    return resumed ? CONNECTION_RESUMED : CONNECTION_NEW;
  }

  /** The call is done with its connection; without keep-alive the connection closes. */
  release(pool: number, keepAlive: boolean): void {
    this.#busy[pool]--;
    const timed = this.#idleTimeoutMs[pool] !== Infinity;
    const multiplexed = this.#multiplexed[pool] === 1;
    if (!keepAlive) {
      this.#open[pool]--;
    } else if (this.#closing[pool] > 0) {
      this.#closing[pool]--;
      this.#open[pool]--;
    } else if (timed && !multiplexed) {
      this.#pushIdle(pool, this.#now());
    }
    if (timed && multiplexed && this.#busy[pool] === 0) this.#idleSince[pool] = this.#now();
  }

  /**
   * Every workload certificate is replaced: idle connections close now, busy ones when their
   * call ends, and the next connections need full handshakes (sessions of the old certificate
   * are not resumed). O(pools).
   */
  rotateCertificates(): void {
    for (let pool = 0; pool < this.#open.length; pool++) this.closePool(pool);
  }

  /**
   * Closes the pool's connections as a peer's restart does: idle ones now, busy ones when their
   * call ends; the next call opens a new connection with a full handshake (no session to resume).
   */
  closePool(pool: number): void {
    this.#closing[pool] = this.#busy[pool];
    this.#open[pool] = this.#busy[pool];
    this.#everOpened[pool] = 0;
    this.#idleHead[pool] = 0;
    this.#idleCount[pool] = 0;
  }

  /** Connections opened, and closed for idling, since the last reset. */
  counts(): ConnectionCounts {
    return { opened: this.#opened, resumed: this.#resumed, closedIdle: this.#closedIdle };
  }

  /** Starts counting anew (after warm-up); open connections stay open. */
  resetCounts(): void {
    this.#opened = 0;
    this.#resumed = 0;
    this.#closedIdle = 0;
  }

  // --- internal ---

  /** Closes the pool's connections that have been idle for its timeout or longer at `now`. */
  #closeIdle(pool: number, now: number): void {
    const timeoutMs = this.#idleTimeoutMs[pool];
    if (this.#multiplexed[pool] === 1) {
      // With no call on it every open connection is idle (non-keep-alive ones close at release).
      if (this.#busy[pool] === 0 && this.#open[pool] > 0 && now - this.#idleSince[pool] >= timeoutMs) {
        this.#closedIdle += this.#open[pool];
        this.#open[pool] = 0;
      }
      return;
    }
    const ring = this.#idleRing[pool];
    while (this.#idleCount[pool] > 0 && now - ring[this.#idleHead[pool]] >= timeoutMs) {
      this.#idleHead[pool] = (this.#idleHead[pool] + 1) % ring.length;
      this.#idleCount[pool]--;
      this.#open[pool]--;
      this.#closedIdle++;
    }
  }

  /** Puts a just-released connection on top of the pool's ring, growing the ring when full. */
  #pushIdle(pool: number, now: number): void {
    let ring = this.#idleRing[pool];
    const head = this.#idleHead[pool];
    const count = this.#idleCount[pool];
    if (count === ring.length) {
      // Only when the pool holds more idle connections than ever before: unwrap into a larger ring.
      const grown = new Float64Array(Math.max(INITIAL_IDLE_SLOTS, 2 * ring.length));
      for (let i = 0; i < count; i++) grown[i] = ring[(head + i) % ring.length];
      this.#idleRing[pool] = ring = grown;
      this.#idleHead[pool] = 0;
    }
    ring[(this.#idleHead[pool] + count) % ring.length] = now;
    this.#idleCount[pool] = count + 1;
  }
}
