/**
 * How a client proxy treats each kind of failure: which retry conditions (Envoy's retry_on)
 * cover it, and whether outlier detection counts it against the replica. A failure a callee
 * passed on from its own calls reaches the caller as that callee's 5xx.
 */

import {
  FAILURE_CIRCUIT_OPEN,
  FAILURE_CONNECTION_REFUSED,
  FAILURE_CONNECTION_RESET,
  FAILURE_DENIED_BY_POLICY,
  FAILURE_FAULT_ABORT,
  FAILURE_MTLS_PLAINTEXT_REFUSED,
  FAILURE_NO_ENDPOINTS,
  FAILURE_NO_ROUTE,
  FAILURE_NONE,
  FAILURE_RATE_LIMITED,
  FAILURE_REASONS,
  FAILURE_SERVICE_ERROR,
  FAILURE_TIMEOUT,
} from "../../model/index.js";
import { RETRY_ON_5XX, RETRY_ON_CONNECT_FAILURE, RETRY_ON_GATEWAY_ERROR, RETRY_ON_RESET } from "../../compile/index.js";

const RETRYABLE = new Uint8Array(FAILURE_REASONS.length);
RETRYABLE[FAILURE_SERVICE_ERROR] = RETRY_ON_5XX;
// A per-try timeout: Envoy retries it under 5xx, gateway-error and reset (no response at all).
RETRYABLE[FAILURE_TIMEOUT] = RETRY_ON_5XX | RETRY_ON_GATEWAY_ERROR | RETRY_ON_RESET;
// A refused connection is a connect failure, answered as 503 UF: every condition covers it.
RETRYABLE[FAILURE_CONNECTION_REFUSED] = RETRY_ON_5XX | RETRY_ON_GATEWAY_ERROR | RETRY_ON_CONNECT_FAILURE | RETRY_ON_RESET;
// Not retried: the proxy's own overflow (503 UO), 429, 403, 404, and strict mTLS refusals.
// Envoy's `reset` and `5xx` cover a connection dropped mid-request.
RETRYABLE[FAILURE_CONNECTION_RESET] = RETRY_ON_5XX | RETRY_ON_RESET;
RETRYABLE[FAILURE_CIRCUIT_OPEN] = 0;
RETRYABLE[FAILURE_RATE_LIMITED] = 0;
RETRYABLE[FAILURE_DENIED_BY_POLICY] = 0;
RETRYABLE[FAILURE_NO_ROUTE] = 0;
// The proxy's own 503 UH: no upstream answered, and a retry would find the same empty endpoints.
RETRYABLE[FAILURE_NO_ENDPOINTS] = 0;
RETRYABLE[FAILURE_MTLS_PLAINTEXT_REFUSED] = 0;

/** Retry conditions (RETRY_ON_* bits) that cover a failure of the callee. */
export function retryConditionsFor(failure: number, inherited: boolean, abortStatus: number): number {
  if (failure === FAILURE_NONE) return 0;
  if (inherited) return RETRY_ON_5XX;
  if (failure === FAILURE_FAULT_ABORT) {
    if (abortStatus >= 502 && abortStatus <= 504) return RETRY_ON_5XX | RETRY_ON_GATEWAY_ERROR;
    return abortStatus >= 500 ? RETRY_ON_5XX : 0;
  }
  return RETRYABLE[failure];
}

/** Whether outlier detection counts the failure against the replica (Envoy's consecutive_5xx, local origin included). */
export function countsAgainstReplica(failure: number, inherited: boolean, abortStatus: number): boolean {
  if (failure === FAILURE_NONE) return false;
  if (inherited) return true;
  if (failure === FAILURE_FAULT_ABORT) return abortStatus >= 500;
  return failure === FAILURE_SERVICE_ERROR || failure === FAILURE_TIMEOUT || failure === FAILURE_CONNECTION_REFUSED || failure === FAILURE_CONNECTION_RESET;
}
