/**
 * A container's CPU and memory requests and limits, and the parsers that turn Kubernetes
 * resource quantities ("500m", "128Mi", "1G") into the units the simulator uses: vCPU and MB
 * (MB means MiB, 2^20 bytes, as everywhere in meshsim).
 */

/**
 * Requests and limits of one container, parsed. Requests place pods on nodes; a CPU limit caps
 * the container's CPU as CFS quota does. Absent: the container sets none.
 */
export interface ContainerResources {
  /** CPU request, vCPU. */
  cpuRequest?: number;
  /** CPU limit, vCPU. */
  cpuLimit?: number;
  /** Memory request, MB (MiB). */
  memoryRequestMb?: number;
  /** Memory limit, MB (MiB). */
  memoryLimitMb?: number;
}

/**
 * vCPU in a CPU quantity: a number is vCPU already; a string is a Kubernetes quantity, whose
 * decimal suffixes ("n" = 10^-9, "u" = 10^-6, "m" = 1/1000, "k", "M", ...), binary suffixes ("Ki", ...) and exponents
 * ("1e3") are applied as Kubernetes applies them.
 * @throws RangeError naming the value when it is negative, not finite, or not a quantity
 * @example parseCpuQuantity("500m") // 0.5
 */
export function parseCpuQuantity(value: number | string): number {
  const vcpu = parseQuantity(value);
  if (vcpu === undefined) {
    throw new RangeError(`CPU quantity must be a non-negative number of vCPU or a Kubernetes quantity such as "500m", got ${show(value)}`);
  }
  return vcpu;
}

/**
 * MB (MiB) in a memory quantity: a number is MB already; a string is a Kubernetes quantity in
 * bytes ("128Mi" = 128 MB, "512M" = 512 x 10^6 bytes = 488.3 MB, "100Ki" = 0.098 MB).
 * @throws RangeError naming the value when it is negative, not finite, not a quantity, or in
 *   thousandths of a byte or less ("128m")
 * @example parseMemoryQuantityMb("1Gi") // 1024
 */
export function parseMemoryQuantityMb(value: number | string): number {
  // Thousandths (and smaller) of a byte are never meant: "128m" is 0.128 bytes, a slip for "128Mi"
  // that the Kubernetes API accepts only with a warning ("fractional byte value").
  if (typeof value === "string" && isSubByteQuantity(value)) {
    throw new RangeError(`memory quantity must be whole bytes: ${JSON.stringify(value)} counts thousandths or less of a byte ("m" is milli; mebibytes are "Mi")`);
  }
  const amount = parseQuantity(value);
  if (amount === undefined) {
    throw new RangeError(`memory quantity must be a non-negative number of MB or a Kubernetes quantity such as "128Mi", got ${show(value)}`);
  }
  return typeof value === "number" ? amount : amount / BYTES_PER_MB;
}

/**
 * Whether a memory quantity counts thousandths of a byte or less (the suffixes "m", "u", "n"):
 * always a slip ("128m" for "128Mi"), which the Kubernetes API accepts only with a warning.
 * @example isSubByteQuantity("128m") // true
 */
export function isSubByteQuantity(value: string): boolean {
  return /\d\.?[mun]$/.test(value);
}

// --- internal ---

const BYTES_PER_MB = 2 ** 20;

/** Multipliers of the Kubernetes quantity suffixes (k8s.io/apimachinery resource.Quantity). */
const SUFFIX_MULTIPLIERS: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// A signed decimal, then a suffix or an exponent. "1E" is exa and "1E3" an exponent: the
// suffix branch is tried first, and the anchors send "1E3" on to the exponent branch.
const QUANTITY_PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The quantity's value in its base unit, or undefined if it is not a non-negative finite quantity. */
function parseQuantity(value: number | string): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = QUANTITY_PATTERN.exec(value);
  if (match === null) return undefined;
  const [, number, suffix, exponent] = match;
  const multiplier = exponent === undefined ? SUFFIX_MULTIPLIERS[suffix ?? ""] : 10 ** Number(exponent);
  const parsed = Number(number) * multiplier;
  if (!Number.isFinite(parsed) || parsed < 0) return undefined;
  return parsed === 0 ? 0 : parsed; // "-0" is zero, not negative zero
}

function show(value: unknown): string {
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}
