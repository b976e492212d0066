/**
 * Why a request failed, as the results' `failedByReason` names it. Codes index this list, so
 * activations carry a byte, not a string.
 */

export const FAILURE_NONE = 0;
/** A plaintext connection reached a server whose mTLS mode is strict. */
export const FAILURE_MTLS_PLAINTEXT_REFUSED = 1;

/** The server's authorization policy does not allow the caller. */
export const FAILURE_DENIED_BY_POLICY = 2;

/** Reason names by code. */
export const FAILURE_REASONS: readonly string[] = ["", "mtls-plaintext-refused", "denied-by-policy"];
