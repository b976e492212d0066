/**
 * The contract every architecture implements: given a caller pod and a callee pod, the steps a
 * request takes to reach the callee's app and the steps its response takes back. Steps are
 * station indices (>= 0) or links and delays (negative), as ServiceNetwork encodes them.
 */

/** The connection a call between two pods rides on: who its two ends are and how it is shared. */
export interface ConnectionSpec {
  /** Identity of the two ends (e.g. "pods:3>7", "nodes:0>1"): calls with the same key share a pool. */
  key: string;
  /** One connection carries every concurrent call (HTTP/2, gRPC, HBONE). */
  multiplexed: boolean;
  /** The ends are mesh proxies that keep connections open whatever the app does (L7 pooling). */
  pooledByProxies: boolean;
  /** Both ends are mesh proxies that can speak mTLS to each other. */
  betweenProxies: boolean;
}

/** Where a call's request and response go between two pods under one mesh architecture. */
export interface DataPlane {
  requestSteps(callerPod: number, calleePod: number): number[];
  responseSteps(callerPod: number, calleePod: number): number[];
  connection(callerPod: number, calleePod: number): ConnectionSpec;
}
