/**
 * Which replicas are out of their Service's endpoints, as the traffic layer reads them.
 */

/** Which replicas are out of the Service's endpoints (ServiceNetwork's arrays). */
export interface EndpointFlags {
  replicaOut: Uint8Array[];
  serviceOut: Int32Array;
  podOut: Uint8Array;
  outTotal: Int32Array;
}
