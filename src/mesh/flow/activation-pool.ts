/**
 * Storage for activations (one execution of one call-tree node) in growable typed arrays with
 * a free list, so the request flow allocates nothing per request once warmed up. Memory grows
 * with the largest number of requests in flight, never with the number simulated.
 */

const INITIAL_CAPACITY = 256;

/** Struct-of-arrays for activations; `allocate` and `free` are O(1) (amortised on growth). */
export class ActivationPool {
  node = new Int32Array(INITIAL_CAPACITY);
  /** Parent activation waiting for this one, or -1 (a request root or an async hand-off). */
  parent = new Int32Array(INITIAL_CAPACITY);
  /** Next child to start (calls, sequences) or children still running (parallel). */
  cursor = new Int32Array(INITIAL_CAPACITY);
  repeatsLeft = new Int32Array(INITIAL_CAPACITY);
  callerPod = new Int32Array(INITIAL_CAPACITY);
  calleePod = new Int32Array(INITIAL_CAPACITY);
  chain = new Int32Array(INITIAL_CAPACITY);
  leg = new Int32Array(INITIAL_CAPACITY);
  /** 0 while the request travels to the callee, 1 while the response travels back. */
  phase = new Uint8Array(INITIAL_CAPACITY);
  /** 1 for a request root (its completion is a measured request). */
  isRoot = new Uint8Array(INITIAL_CAPACITY);
  /** Request roots: the request type index. */
  requestType = new Int32Array(INITIAL_CAPACITY);
  /** Request roots: the workload's tag (closed-loop user, or -1). */
  tag = new Int32Array(INITIAL_CAPACITY);
  /** Request roots: intended send time, ms (latency is measured from it, as wrk2 does). */
  startTime = new Float64Array(INITIAL_CAPACITY);
  /** Calls: the connection pool the call rides on. */
  pool = new Int32Array(INITIAL_CAPACITY);
  /** Calls: CONNECTION_REUSED, CONNECTION_NEW or CONNECTION_RESUMED. */
  connection = new Uint8Array(INITIAL_CAPACITY);
  /** Calls: TLS_PLAIN, TLS_MUTUAL or TLS_REFUSED for the call's connection. */
  tls = new Uint8Array(INITIAL_CAPACITY);
  /** Calls: 1 when the call's connection stays open after it. */
  keepAlive = new Uint8Array(INITIAL_CAPACITY);
  /** Calls: POLICY_NONE, POLICY_ALLOWED or POLICY_DENIED. */
  policy = new Uint8Array(INITIAL_CAPACITY);
  /** Failure reason code (0: none); a failed child fails its parent. */
  failure = new Uint8Array(INITIAL_CAPACITY);
  /** Calls: traffic host (the name the call used). */
  host = new Int32Array(INITIAL_CAPACITY);
  /** Calls: the route the client proxy chose, or -1 when the call bypassed the rules. */
  route = new Int32Array(INITIAL_CAPACITY);
  /** Calls: the service the route sent the call to. */
  service = new Int32Array(INITIAL_CAPACITY);
  /** Calls under a rule: the client proxy's view of the service, and the replica slot of this try. */
  view = new Int32Array(INITIAL_CAPACITY);
  slot = new Int32Array(INITIAL_CAPACITY);
  /** Calls: tries made so far beyond the first. */
  attempt = new Int32Array(INITIAL_CAPACITY);
  /** Calls: when the call (its first try) and the current try started, ms. */
  callStart = new Float64Array(INITIAL_CAPACITY);
  tryStart = new Float64Array(INITIAL_CAPACITY);
  /** Bumped whenever a try ends, so a timer set for an earlier try is recognised as stale. */
  generation = new Int32Array(INITIAL_CAPACITY);
  /** 1 for a try abandoned at a timeout: it runs on, but nobody waits for it. */
  abandoned = new Uint8Array(INITIAL_CAPACITY);
  /** 1 when the failure came from one of the callee's own calls (the caller sees the callee's 5xx). */
  inherited = new Uint8Array(INITIAL_CAPACITY);
  /** 1 while the try holds a place under its client's connection limit. */
  admitted = new Uint8Array(INITIAL_CAPACITY);

  #freeList = new Int32Array(INITIAL_CAPACITY);
  #freeCount = 0;
  #highWater = 0;
  #live = 0;

  /** Activations currently in use. */
  get live(): number {
    return this.#live;
  }

  /** Largest number of activations ever allocated at once (the pool's memory footprint). */
  get capacityUsed(): number {
    return this.#highWater;
  }

  allocate(): number {
    this.#live++;
    if (this.#freeCount > 0) return this.#freeList[--this.#freeCount];
    if (this.#highWater === this.node.length) this.#grow();
    return this.#highWater++;
  }

  free(id: number): void {
    this.#live--;
    this.generation[id]++;
    this.#freeList[this.#freeCount++] = id;
  }

  // --- internal ---

  #grow(): void {
    const capacity = this.node.length * 2;
    this.node = grown(this.node, capacity);
    this.parent = grown(this.parent, capacity);
    this.cursor = grown(this.cursor, capacity);
    this.repeatsLeft = grown(this.repeatsLeft, capacity);
    this.callerPod = grown(this.callerPod, capacity);
    this.calleePod = grown(this.calleePod, capacity);
    this.chain = grown(this.chain, capacity);
    this.leg = grown(this.leg, capacity);
    this.phase = grown(this.phase, capacity);
    this.isRoot = grown(this.isRoot, capacity);
    this.requestType = grown(this.requestType, capacity);
    this.tag = grown(this.tag, capacity);
    this.startTime = grown(this.startTime, capacity);
    this.pool = grown(this.pool, capacity);
    this.connection = grown(this.connection, capacity);
    this.tls = grown(this.tls, capacity);
    this.keepAlive = grown(this.keepAlive, capacity);
    this.policy = grown(this.policy, capacity);
    this.failure = grown(this.failure, capacity);
    this.host = grown(this.host, capacity);
    this.route = grown(this.route, capacity);
    this.service = grown(this.service, capacity);
    this.view = grown(this.view, capacity);
    this.slot = grown(this.slot, capacity);
    this.attempt = grown(this.attempt, capacity);
    this.callStart = grown(this.callStart, capacity);
    this.tryStart = grown(this.tryStart, capacity);
    this.generation = grown(this.generation, capacity);
    this.abandoned = grown(this.abandoned, capacity);
    this.admitted = grown(this.admitted, capacity);
    this.inherited = grown(this.inherited, capacity);
    this.#freeList = grown(this.#freeList, capacity);
  }
}

type TypedArray = Int32Array | Uint8Array | Float64Array;

function grown<T extends TypedArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
