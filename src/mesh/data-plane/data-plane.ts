/**
 * The contract every architecture implements: given a caller pod and a callee pod, the steps a
 * request takes to reach the callee's app and the steps its response takes back. Steps are
 * station indices (>= 0) or links and delays (negative), as ServiceNetwork encodes them.
 */

/** Where a call's request and response go between two pods under one mesh architecture. */
export interface DataPlane {
  requestSteps(callerPod: number, calleePod: number): number[];
  responseSteps(callerPod: number, calleePod: number): number[];
}
