/**
 * Retry conditions of the manifests (Envoy's retry_on names, gRPC status names, HTTP status
 * codes and ranges) mapped onto the four the simulator knows: 5xx, gateway-error,
 * connect-failure, reset. Near matches are mapped and reported; conditions no simulated
 * failure can trigger are dropped and reported.
 */

import type { RawRetryOn } from "../../scenario/index.js";

export interface MappedRetryOn {
  retryOn: RawRetryOn[];
  /** Conditions mapped onto a near one. */
  approximated: Array<{ condition: string; as: RawRetryOn; why: string }>;
  /** Conditions dropped because nothing in the simulation triggers them. */
  unsimulated: Array<{ condition: string; why: string }>;
  /** Words that are no retry condition at all. */
  unknown: string[];
}

/**
 * Istio's retryOn when a VirtualService's retries leave it out (pilot's default retry policy:
 * connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes with code 503).
 */
export const ISTIO_DEFAULT_RETRY_ON: readonly string[] = ["connect-failure", "refused-stream", "unavailable", "cancelled", "503"];

/**
 * Maps conditions: Envoy names (`5xx`, `reset-before-request`, ...), gRPC names (`unavailable`),
 * status codes (`503`) and ranges (`500-504`, Linkerd's form). Empty entries are skipped.
 * @example mapRetryConditions(["5xx", "refused-stream"]).retryOn // ["5xx"]
 */
export function mapRetryConditions(conditions: readonly string[]): MappedRetryOn {
  const mapped: MappedRetryOn = { retryOn: [], approximated: [], unsimulated: [], unknown: [] };
  const add = (condition: RawRetryOn): void => {
    if (!mapped.retryOn.includes(condition)) mapped.retryOn.push(condition);
  };
  for (const raw of conditions) {
    const condition = raw.trim();
    if (condition === "") continue;
    const known = Object.hasOwn(RETRY_CONDITIONS, condition) ? RETRY_CONDITIONS[condition] : undefined;
    const codes = statusCodes(condition);
    if (known?.as) {
      add(known.as);
      if (known.why) mapped.approximated.push({ condition, as: known.as, why: known.why });
    } else if (known) {
      mapped.unsimulated.push({ condition, why: known.why ?? "" });
    } else if (codes) {
      mapStatusCodes(condition, codes, mapped, add);
    } else {
      mapped.unknown.push(condition);
    }
  }
  return mapped;
}

// --- internal ---

/** `as` absent: nothing the simulation does triggers the condition. */
const RETRY_CONDITIONS: Record<string, { as?: RawRetryOn; why?: string }> = {
  "5xx": { as: "5xx" },
  "gateway-error": { as: "gateway-error" },
  "connect-failure": { as: "connect-failure" },
  reset: { as: "reset" },
  "reset-before-request": { as: "reset", why: "reset also retries connections lost after the request was sent" },
  unavailable: { as: "gateway-error", why: "gRPC UNAVAILABLE is what Envoy makes of 502, 503 and 504" },
  internal: { as: "5xx", why: "5xx also retries timeouts and resets, not only the app's own errors" },
  "refused-stream": { why: "no simulated failure is a refused HTTP/2 stream" },
  "retriable-4xx": { why: "no simulated service answers 409" },
  cancelled: { why: "no simulated call is cancelled" },
  "deadline-exceeded": { why: "simulated deadlines are the proxies' timeouts, which gateway-error covers" },
  "resource-exhausted": { why: "the simulation retries no rate-limit answer" },
  "envoy-ratelimited": { why: "the simulation retries no rate-limit answer" },
  "retriable-status-codes": { why: "only the status codes listed beside it are retried" },
  "retriable-headers": { why: "no simulated answer carries retry headers" },
  "http3-post-connect-failure": { why: "the simulation has no HTTP/3" },
};

/** "503" gives [503]; "500-504" gives 500..504; anything else undefined. */
function statusCodes(condition: string): number[] | undefined {
  const range = /^(\d{3})(?:-(\d{3}))?$/.exec(condition);
  if (!range) return undefined;
  const first = Number(range[1]);
  const last = range[2] === undefined ? first : Number(range[2]);
  if (first < 100 || last > 599 || last < first) return undefined;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function mapStatusCodes(condition: string, codes: number[], mapped: MappedRetryOn, add: (condition: RawRetryOn) => void): void {
  const gateway = codes.filter((code) => code >= 502 && code <= 504);
  const otherServerErrors = codes.filter((code) => code >= 500 && code <= 599 && (code < 502 || code > 504));
  if (otherServerErrors.length > 0) {
    add("5xx");
    mapped.approximated.push({ condition, as: "5xx", why: "5xx also retries timeouts, resets and every other 5xx" });
  } else if (gateway.length > 0) {
    add("gateway-error");
    if (gateway.length < 3) mapped.approximated.push({ condition, as: "gateway-error", why: "gateway-error also retries the rest of 502, 503 and 504" });
  }
  if (gateway.length + otherServerErrors.length < codes.length) {
    mapped.unsimulated.push({ condition, why: "no retry condition of the simulation covers status codes below 500" });
  }
}
