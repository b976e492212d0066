/**
 * Duration strings of the manifests, in milliseconds: Gateway API's strict form (GEP-2257:
 * "500ms", "10s", "1h30m") and the Go/protobuf form Istio and Linkerd accept ("0.5s", "1m30s"),
 * which is meshsim's own duration grammar.
 */

import { parseDuration } from "../../scenario/index.js";

/**
 * Parses a Gateway API duration: one to four `<1-5 digits><h|m|s|ms>` parts, no fractions,
 * no sign (https://gateway-api.sigs.k8s.io/geps/gep-2257/).
 * @returns milliseconds, or undefined when `text` is not such a duration
 * @example parseGatewayDuration("1m30s") // 90000
 */
export function parseGatewayDuration(text: string): number | undefined {
  if (!GATEWAY_DURATION.test(text)) return undefined;
  let ms = 0;
  for (const part of text.matchAll(/(\d+)(ms|h|m|s)/g)) ms += Number(part[1]) * MS_PER_UNIT[part[2]];
  return ms;
}

/**
 * Parses a Go duration (`time.ParseDuration`: decimal parts with units ns, us, µs, ms, s, m, h)
 * or a protobuf JSON duration ("1.5s"), as Istio and Linkerd read them. "0" alone is zero.
 * @returns milliseconds, or undefined when `text` is not such a duration (negative ones included)
 * @example parseGoDuration("1.5s") // 1500
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  // meshsim's grammar is Go's without a sign, plus spaces and exponents, which Go refuses.
  if (/[\se]/i.test(text)) return undefined;
  return parseDuration(text, "ms");
}

// --- internal ---

const GATEWAY_DURATION = /^(\d{1,5}(h|m|s|ms)){1,4}$/;
const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
