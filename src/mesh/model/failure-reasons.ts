/**
 * Why a request failed, as the results' `failedByReason` names it. Codes index this list, so
 * activations carry a byte, not a string.
 */

export const FAILURE_NONE = 0;
/** A plaintext connection reached a server whose mTLS mode is strict. */
export const FAILURE_MTLS_PLAINTEXT_REFUSED = 1;
/** The server's authorization policy does not allow the caller. */
export const FAILURE_DENIED_BY_POLICY = 2;
/** The app answered 500 (the service's error rate). */
export const FAILURE_SERVICE_ERROR = 3;
/** The call's timeout (or its last try's) passed before the answer came: 504. */
export const FAILURE_TIMEOUT = 4;
/** The replica was down: the connection was refused. */
export const FAILURE_CONNECTION_REFUSED = 5;
/** The client proxy's connection limit and pending queue were full: Envoy's 503 overflow. */
export const FAILURE_CIRCUIT_OPEN = 6;
/** The replica's inbound rate limit refused it: 429. */
export const FAILURE_RATE_LIMITED = 7;
/** A fault rule aborted it. */
export const FAILURE_FAULT_ABORT = 8;
/** No route of the host's rule matched the request's headers: 404. */
export const FAILURE_NO_ROUTE = 9;
/** The replica was killed while the call was with it: its connection reset mid-request. */
export const FAILURE_CONNECTION_RESET = 10;
/**
 * Every pod of the service was out of its endpoints: Envoy answers 503 "no healthy upstream" (UH),
 * linkerd2-proxy fails the call, kube-proxy rejects a Service without endpoints.
 */
export const FAILURE_NO_ENDPOINTS = 11;

/** Reason names by code. */
export const FAILURE_REASONS: readonly string[] = [
  "",
  "mtls-plaintext-refused",
  "denied-by-policy",
  "service-error",
  "timeout",
  "connection-refused",
  "circuit-open",
  "rate-limited",
  "fault-abort",
  "no-route",
  "connection-reset",
  "no-endpoints",
];
