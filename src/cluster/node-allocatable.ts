/**
 * What a node leaves for pods once the operating system, the kubelet and the container runtime
 * have their reservation, by GKE's node allocatable formula. Source: Google Kubernetes Engine
 * docs, "Standard cluster architecture: node allocatable" (cloud.google.com/kubernetes-engine/docs/
 * concepts/cluster-architecture#node_allocatable, since moved to "Plan GKE Standard node sizes",
 * .../concepts/plan-node-sizes#memory_and_cpu_reservations).
 */

/** CPU and memory pods may request on one node: vCPU and MB (MiB). */
export interface NodeAllocatable {
  vcpu: number;
  memoryMb: number;
}

// GKE docs, "node allocatable": CPU reserved is 6% of the first core, 1% of the next core (up to 2
// cores), 0.5% of the next 2 cores (up to 4 cores) and 0.25% of any cores above 4.
const CPU_TIERS: ReadonlyArray<{ upToVcpu: number; share: number }> = [
  { upToVcpu: 1, share: 0.06 },
  { upToVcpu: 2, share: 0.01 },
  { upToVcpu: 4, share: 0.005 },
  { upToVcpu: Infinity, share: 0.0025 },
];

// GKE docs, "node allocatable": memory reserved is 25% of the first 4 GiB, 20% of the next 4 GiB (up
// to 8 GiB), 10% of the next 8 GiB (up to 16 GiB), 6% of the next 112 GiB (up to 128 GiB) and 2% of
// any memory above 128 GiB; 255 MiB on machines with less than 1 GiB.
const MEMORY_TIERS: ReadonlyArray<{ upToGb: number; share: number }> = [
  { upToGb: 4, share: 0.25 },
  { upToGb: 8, share: 0.2 },
  { upToGb: 16, share: 0.1 },
  { upToGb: 128, share: 0.06 },
  { upToGb: Infinity, share: 0.02 },
];

/** GKE docs: machines with less than 1 GiB of memory have 255 MiB reserved. */
const SMALL_MACHINE_RESERVED_MB = 255;

/** GKE docs: the kubelet evicts pods when less than 100 MiB is free, so that much is never allocatable. */
export const EVICTION_THRESHOLD_MB = 100;

/** GKE docs: on shared-core E2 machine types (e2-micro, e2-small, e2-medium) GKE reserves 1060 millicores. */
const SHARED_CORE_RESERVED_VCPU = 1.06;

const MB_PER_GB = 1024;

/**
 * The vCPU GKE reserves on a node of `vcpu` vCPU (a flat 1.06 on shared-core types), to the millicore.
 * @example reservedVcpu(4) // 0.08
 */
export function reservedVcpu(vcpu: number, sharedCore = false): number {
  if (!(vcpu > 0)) throw new RangeError(`vcpu must be greater than 0, got ${vcpu}`);
  if (sharedCore) return SHARED_CORE_RESERVED_VCPU;
  return roundTo(tiered(vcpu, CPU_TIERS.map((tier) => ({ upTo: tier.upToVcpu, share: tier.share }))), 1000);
}

/**
 * The memory GKE reserves on a node of `memoryGb` GiB, MB (MiB), to the MiB; the eviction threshold
 * is not included.
 * @example reservedMemoryMb(8) // 1843 (25% of 4 GiB + 20% of 4 GiB)
 */
export function reservedMemoryMb(memoryGb: number): number {
  if (!(memoryGb > 0)) throw new RangeError(`memoryGb must be greater than 0, got ${memoryGb}`);
  if (memoryGb < 1) return SMALL_MACHINE_RESERVED_MB;
  return Math.round(tiered(memoryGb, MEMORY_TIERS.map((tier) => ({ upTo: tier.upToGb, share: tier.share }))) * MB_PER_GB);
}

/**
 * A node's allocatable CPU and memory: its capacity less GKE's reservation and, for memory, the
 * 100 MiB eviction threshold; never below 0.
 * @throws RangeError unless vcpu and memoryGb are greater than 0
 * @example nodeAllocatable({ vcpu: 2, memoryGb: 7.5 }) // { vcpu: 1.93, memoryMb: 5839 } (n1-standard-2)
 */
export function nodeAllocatable(machine: { vcpu: number; memoryGb: number; sharedCore?: boolean }): NodeAllocatable {
  const vcpu = Math.max(0, roundTo(machine.vcpu - reservedVcpu(machine.vcpu, machine.sharedCore ?? false), 1000));
  const memoryMb = Math.max(0, Math.round(machine.memoryGb * MB_PER_GB) - reservedMemoryMb(machine.memoryGb) - EVICTION_THRESHOLD_MB);
  return { vcpu, memoryMb };
}

// --- internal ---

/** Sum of share x the part of `amount` inside each tier; tiers ascend by their upper bound. */
function tiered(amount: number, tiers: ReadonlyArray<{ upTo: number; share: number }>): number {
  let reserved = 0;
  let lower = 0;
  for (const tier of tiers) {
    if (amount <= lower) break;
    reserved += (Math.min(amount, tier.upTo) - lower) * tier.share;
    lower = tier.upTo;
  }
  return reserved;
}

function roundTo(value: number, perUnit: number): number {
  return Math.round(value * perUnit) / perUnit;
}
