/**
 * The seam between the call tree and the way a call reaches its server. RequestFlow walks the
 * tree and steps chains; a CallRouting decides where each call goes and what happens to it on
 * the way: DirectCalls (kube-proxy, no rules) or RoutedCalls (traffic rules, mesh defaults and
 * failure sources).
 */

/** Where a call goes and what may happen to it between its caller and its server's app. */
export interface CallRouting {
  /** A call starts (its host is set): pick its server and send it, or fail it. */
  startCall(act: number): void;
  /** The request reached its server's pod: hand it to the app, or refuse it. */
  atServer(act: number): void;
  /** The server's app finished its work for the call, before the response leaves. */
  answer(act: number, service: number): void;
  /** The call's response (or refusal) is back at the caller. */
  tryFinished(act: number): void;
}

/** What a CallRouting may ask of the request flow that owns the call tree. */
export interface CallFlow {
  /** Sends the call to `pod` along its request chain. */
  send(act: number, pod: number): void;
  /** The server side refuses the call with `reason`; the refusal travels back. */
  refuse(act: number, reason: number): void;
  /** The call's iteration is over (completed or failed): on to its parent. */
  iterationDone(act: number): void;
  /** The call fails with `reason` without reaching a server, and its iteration ends. */
  fail(act: number, reason: number): void;
  /** Marks the call failed with `reason` (its own failure, not a child's); it goes on. */
  markFailed(act: number, reason: number): void;
  /** Clears the call's failure before it is tried again. */
  clearFailure(act: number): void;
  /**
   * A fresh activation takes the call of `act` over (same place in the tree, same request);
   * `act` is detached and left to finish unobserved. Returns the new activation.
   */
  takeOver(act: number): number;
}
