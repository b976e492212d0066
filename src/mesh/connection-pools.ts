/**
 * Connections between the two ends of a call's hop (two sidecars, two ztunnels, two apps), so
 * that only a new connection pays TCP and TLS handshakes. HTTP/1.1 carries one request at a
 * time per connection, so a busy pool opens another; HTTP/2, gRPC and HBONE multiplex every
 * request over one connection; without keep-alive every call opens and closes its own.
 * State lives in typed arrays indexed by pool, so acquiring allocates nothing.
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
}

/** Open and busy connection counts per pool. */
export class ConnectionPools {
  readonly #open: Int32Array;
  readonly #busy: Int32Array;
  readonly #everOpened: Uint8Array;
  /** Connections that carry a call now but must close when it ends (their certificate rotated). */
  readonly #closing: Int32Array;
  #opened = 0;
  #resumed = 0;

  constructor(pools: number) {
    this.#open = new Int32Array(pools);
    this.#busy = new Int32Array(pools);
    this.#everOpened = new Uint8Array(pools);
    this.#closing = new Int32Array(pools);
  }

  /**
   * Takes a connection of `pool` for one call.
   * @param keepAlive whether connections outlive the call (the app's, or the proxies' pooling)
   * @param multiplexed whether one connection carries any number of concurrent calls
   * @param canResume whether a reconnect may resume an earlier TLS session
   * @returns CONNECTION_REUSED, CONNECTION_NEW or CONNECTION_RESUMED
   */
  acquire(pool: number, keepAlive: boolean, multiplexed: boolean, canResume: boolean): number {
    if (keepAlive) {
      if (multiplexed ? this.#open[pool] > 0 : this.#open[pool] > this.#busy[pool]) {
        this.#busy[pool]++;
        return CONNECTION_REUSED;
      }
    }
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
    if (!keepAlive) {
      this.#open[pool]--;
    } else if (this.#closing[pool] > 0) {
      this.#closing[pool]--;
      this.#open[pool]--;
    }
  }

  /**
   * Every workload certificate is replaced: idle connections close now, busy ones when their
   * call ends, and the next connections need full handshakes (sessions of the old certificate
   * are not resumed). O(pools).
   */
  rotateCertificates(): void {
    for (let pool = 0; pool < this.#open.length; pool++) {
      this.#closing[pool] = this.#busy[pool];
      this.#open[pool] = this.#busy[pool];
      this.#everOpened[pool] = 0;
    }
  }

  /** Connections opened since the last reset. */
  counts(): ConnectionCounts {
    return { opened: this.#opened, resumed: this.#resumed };
  }

  /** Starts counting anew (after warm-up); open connections stay open. */
  resetCounts(): void {
    this.#opened = 0;
    this.#resumed = 0;
  }
}
