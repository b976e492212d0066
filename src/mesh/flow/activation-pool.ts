/**
 * Identities for activations (one execution of one call-tree node) with a free list, and the
 * growth of the per-activation arrays their owners keep: the call tree's fields (CallFields,
 * written by RequestFlow), a try's (TryFields, by RoutedCalls) and a connection's
 * (ConnectionFields, by CallConnections). Memory grows with the largest number of activations
 * in flight, never with the number simulated, and nothing is allocated per request once warm.
 */

import { grown } from "../compile/index.js";

const INITIAL_CAPACITY = 256;

/** A group of per-activation arrays with one owner, grown together with the pool. */
export interface ActivationFields {
  /** Replaces every array by one of `capacity` entries holding the old values. */
  grow(capacity: number): void;
}

/** Allocates activation ids; `allocate` and `free` are O(1) (amortised on growth). */
export class ActivationPool {
  #capacity = INITIAL_CAPACITY;
  readonly #groups: ActivationFields[] = [];
  #freeList = new Int32Array(INITIAL_CAPACITY);
  #freeCount = 0;
  #highWater = 0;
  #live = 0;
  #onFree: ((id: number) => void) | undefined;

  /** Entries every attached group holds now. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Activations currently in use. */
  get live(): number {
    return this.#live;
  }

  /** Largest number of activations ever allocated at once (the pool's memory footprint). */
  get capacityUsed(): number {
    return this.#highWater;
  }

  /** Grows `fields` with the pool from now on (it must hold `capacity` entries already). */
  attach<T extends ActivationFields>(fields: T): T {
    this.#groups.push(fields);
    return fields;
  }

  /** Calls `listener` with every id freed from now on, before it can be allocated again (tracing). */
  onFree(listener: (id: number) => void): void {
    this.#onFree = listener;
  }

  allocate(): number {
    this.#live++;
    if (this.#freeCount > 0) return this.#freeList[--this.#freeCount];
    if (this.#highWater === this.#capacity) this.#grow();
    return this.#highWater++;
  }

  free(id: number): void {
    if (this.#onFree !== undefined) this.#onFree(id);
    this.#live--;
    this.#freeList[this.#freeCount++] = id;
  }

  /** Calls `visit` with each activation in use, in id order. O(capacity); for rare events (a pod's restart), not per request. */
  forEachLive(visit: (id: number) => void): void {
    const free = new Uint8Array(this.#highWater);
    for (let i = 0; i < this.#freeCount; i++) free[this.#freeList[i]] = 1;
    for (let id = 0; id < this.#highWater; id++) if (free[id] === 0) visit(id);
  }

  // --- internal ---

  #grow(): void {
    this.#capacity *= 2;
    for (const group of this.#groups) group.grow(this.#capacity);
    this.#freeList = grown(this.#freeList, this.#capacity);
  }
}
