/**
 * Kubernetes resource quantities ("900m", "1", "2k", "1Ki", "1e3"), which SMI TrafficSplit
 * v1alpha1 uses for backend weights.
 */

/**
 * Parses a quantity as a plain number; numbers pass through.
 * @returns the value, or undefined when `input` is neither a finite number nor a quantity string
 * @example parseQuantity("900m") // 0.9
 */
export function parseQuantity(input: unknown): number | undefined {
  if (typeof input === "number") return Number.isFinite(input) ? input : undefined;
  if (typeof input !== "string") return undefined;
  const match = QUANTITY.exec(input.trim());
  if (!match) return undefined;
  const [, sign, digits, binarySuffix, decimalSuffix, exponent] = match;
  let value = Number(digits);
  if (binarySuffix) value *= BINARY_SUFFIXES[binarySuffix];
  else if (decimalSuffix) value *= DECIMAL_SUFFIXES[decimalSuffix];
  else if (exponent) value *= 10 ** Number(exponent.slice(1));
  // Decimal suffixes below one ("m", "u", "n") leave binary floating-point noise (0.9000000000000001).
  const rounded = Number(value.toPrecision(15));
  return sign === "-" ? -rounded : rounded;
}

// --- internal ---

/** k8s.io/apimachinery/pkg/api/resource: <sign><digits>[.<digits>]<binarySI | decimalSI | decimalExponent>. */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE])|([eE][+-]?\d+))?$/;

const BINARY_SUFFIXES: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

const DECIMAL_SUFFIXES: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
