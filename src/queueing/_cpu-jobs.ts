/**
 * Where a node's CPU keeps its jobs: a table of slots in parallel typed arrays (a job, or one
 * container's CFS quota marker), reused once free, and each container's jobs in a linked list
 * so throttling and a new period can walk them. Nothing is allocated per job once grown.
 */

import type { CpuClient } from "./cpu-client.js";

export const SLOT_JOB = 0;
export const SLOT_MARKER = 1;

const INITIAL_SLOTS = 64;

/** The slot table of one NodeCpu; its fields are read and written by NodeCpu directly. */
export class CpuJobs {
  /** SLOT_JOB or SLOT_MARKER. */
  kind = new Uint8Array(INITIAL_SLOTS);
  container = new Int32Array(INITIAL_SLOTS);
  /** The job id, what follows (phase, carry) and who is told (client), as given to run(). */
  job = new Int32Array(INITIAL_SLOTS);
  phase = new Int32Array(INITIAL_SLOTS);
  carry = new Float64Array(INITIAL_SLOTS);
  client: CpuClient[] = [];
  /** CPU asked for, ms, and when the job started. */
  demand = new Float64Array(INITIAL_SLOTS);
  startedAt = new Float64Array(INITIAL_SLOTS);
  /** Virtual work left of a job whose container is throttled. */
  remaining = new Float64Array(INITIAL_SLOTS);
  /** Each container's jobs: its first, and each job's next (-1 ends the list). */
  readonly firstJob: number[] = [];
  next = new Int32Array(INITIAL_SLOTS);
  #prev = new Int32Array(INITIAL_SLOTS);
  #free: number[] = [];
  #count = 0;

  /** Adds a container with no jobs; returns its id. */
  addContainer(): number {
    this.firstJob.push(-1);
    return this.firstJob.length - 1;
  }

  /** A slot for a job or marker of `container` (a free one, or a new one). */
  allocate(kind: number, container: number): number {
    const slot = this.#free.length > 0 ? this.#free.pop()! : this.#count++;
    if (slot >= this.kind.length) this.#grow();
    this.kind[slot] = kind;
    this.container[slot] = container;
    return slot;
  }

  release(slot: number): void {
    this.client[slot] = undefined as unknown as CpuClient;
    this.#free.push(slot);
  }

  /** Puts a job at the head of its container's list. */
  link(slot: number): void {
    const container = this.container[slot];
    const head = this.firstJob[container];
    this.next[slot] = head;
    this.#prev[slot] = -1;
    if (head >= 0) this.#prev[head] = slot;
    this.firstJob[container] = slot;
  }

  unlink(slot: number): void {
    const next = this.next[slot];
    const prev = this.#prev[slot];
    if (prev >= 0) this.next[prev] = next;
    else this.firstJob[this.container[slot]] = next;
    if (next >= 0) this.#prev[next] = prev;
  }

  // --- internal ---

  #grow(): void {
    const capacity = this.kind.length * 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(array: T): T => {
      const bigger = new (array.constructor as new (length: number) => T)(capacity);
      bigger.set(array);
      return bigger;
    };
    this.kind = grow(this.kind);
    this.container = grow(this.container);
    this.job = grow(this.job);
    this.phase = grow(this.phase);
    this.carry = grow(this.carry);
    this.demand = grow(this.demand);
    this.startedAt = grow(this.startedAt);
    this.remaining = grow(this.remaining);
    this.next = grow(this.next);
    this.#prev = grow(this.#prev);
  }
}
