/**
 * The room left on each node while a run adds and removes pods: what the pods bound to each node
 * request, against its allocatable capacity, with NodeResourcesFit's filter (schedule-pods.ts).
 * The autoscaler asks it whether a pod it adds can start on the node placement chose for it.
 */

/** kube-scheduler's units: millicores and, here, KiB (integers, so sums do not drift). */
const KIB_PER_MB = 1024;

/**
 * NodeResourcesFit's filter: a request fits where it is within what is left, a zero request always.
 * @example fitsRoom(500, 0, 400, 1024) // false
 */
export function fitsRoom(demandMilli: number, demandKib: number, leftMilli: number, leftKib: number): boolean {
  return (demandMilli === 0 || demandMilli <= leftMilli) && (demandKib === 0 || demandKib <= leftKib);
}

/**
 * Requests bound to each node of a cluster of identical machines.
 * @example const room = new NodeRoom({ vcpu: 2, memoryMb: 4096 }, [{ vcpu: 1.5, memoryMb: 0 }]); room.tryAdd(0, 0.6, 0) // false
 */
export class NodeRoom {
  readonly #allocatableMilli: number;
  readonly #allocatableKib: number;
  readonly #milli: number[];
  readonly #kib: number[];

  constructor(allocatable: { vcpu: number; memoryMb: number }, requested: ReadonlyArray<{ vcpu: number; memoryMb: number }>) {
    this.#allocatableMilli = toMilli(allocatable.vcpu);
    this.#allocatableKib = toKib(allocatable.memoryMb);
    this.#milli = requested.map((node) => toMilli(node.vcpu));
    this.#kib = requested.map((node) => toKib(node.memoryMb));
  }

  /** Binds a pod's requests to `node` when they fit there; true if they did. O(1). */
  tryAdd(node: number, cpuVcpu: number, memoryMb: number): boolean {
    const milli = toMilli(cpuVcpu);
    const kib = toKib(memoryMb);
    if (!fitsRoom(milli, kib, this.#allocatableMilli - this.#milli[node], this.#allocatableKib - this.#kib[node])) return false;
    this.#milli[node] += milli;
    this.#kib[node] += kib;
    return true;
  }

  /** Frees a bound pod's requests on `node`. O(1). */
  remove(node: number, cpuVcpu: number, memoryMb: number): void {
    this.#milli[node] -= toMilli(cpuVcpu);
    this.#kib[node] -= toKib(memoryMb);
  }

  /** What is bound to `node` now, vCPU and MB. */
  requested(node: number): { vcpu: number; memoryMb: number } {
    return { vcpu: this.#milli[node] / 1000, memoryMb: this.#kib[node] / KIB_PER_MB };
  }

  get nodeCount(): number {
    return this.#milli.length;
  }
}

// --- internal ---

function toMilli(vcpu: number): number {
  return Math.round(vcpu * 1000);
}

function toKib(mb: number): number {
  return Math.round(mb * KIB_PER_MB);
}
