/**
 * `multiCluster` in the mesh profile schema: the modes in which the mesh joins several
 * clusters (gateways, endpoints), its control-plane layouts and how endpoints are discovered.
 */

/** How the mesh joins several clusters; absent: it cannot. */
export const multiCluster = {
  type: "object",
  description: "how the mesh joins several clusters (a scenario's clusters: [...]); absent: it cannot, and such a scenario is refused for it",
  required: ["defaultMode", "modes", "controlPlanes", "discovery"],
  properties: {
    defaultMode: { type: "string", description: "the mode a scenario gets unless mesh.multiCluster.modes names another" },
    modes: {
      type: "object",
      minProperties: 1,
      additionalProperties: {
        type: "object",
        required: ["gateways", "endpoints", "description"],
        properties: {
          gateways: {
            enum: ["none", "destination", "both"],
            description: "where a call to another cluster passes a gateway: none (pod to pod over a flat network), the callee cluster's gateway (destination), or the caller cluster's and then the callee cluster's (both)",
          },
          gatewayProxy: { enum: ["gateway", "proxy"], description: "which of dataPlane's proxies the gateway is and costs as (default gateway)" },
          gatewayTerminatesTls: { type: "boolean", description: "the gateway ends the mTLS connection and opens another (default false: it routes by SNI and passes the connection through)" },
          endpoints: {
            enum: ["all", "local-first"],
            description: "which clusters' endpoints a caller balances over: every cluster's (all), or its own cluster's while the service has any ready there, then the others' (local-first)",
          },
          needsL4: { type: "boolean", description: "the mode carries L4 only: a scenario with mesh.l7 is refused (ambient's waypoints across clusters)" },
          gatewayProbe: {
            type: "object",
            description:
              "the control plane probes each linked cluster's gateway and marks that cluster's endpoints not ready after failureThreshold failed probes in a row (absent: a lost cluster's endpoints stay in the callers' balancing)",
            required: ["periodS", "timeoutS", "failureThreshold"],
            properties: {
              periodS: { type: "number", exclusiveMinimum: 0, description: "between probes, s" },
              timeoutS: { type: "number", exclusiveMinimum: 0, description: "how long one probe waits for an answer, s" },
              failureThreshold: { type: "integer", minimum: 1, description: "failed probes in a row that mark the cluster's endpoints not ready" },
            },
            additionalProperties: false,
          },
          description: { type: "string" },
        },
        additionalProperties: false,
      },
    },
    refusedModes: {
      type: "object",
      additionalProperties: { type: "string" },
      description: "modes other meshes have that this one's documentation rules out, with why: a scenario asking for one is refused with that reason",
    },
    controlPlanes: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: { enum: ["multi-primary", "primary-remote"] },
      description: "the control-plane layouts the mesh supports: one control plane per cluster (multi-primary) or one in the first cluster serving all (primary-remote)",
    },
    discovery: { type: "string", description: "how each cluster's control plane learns the other clusters' endpoints" },
    lostCluster: { type: "string", description: "what the control planes do with a lost cluster's endpoints (keep them, or mark them not ready after a mode's gatewayProbe fails)" },
    serviceAffinity: {
      type: "boolean",
      description: "its data plane reads a Service's cluster affinity (services[].clusterAffinity, Cilium's service.cilium.io/affinity) over the mode's endpoints (default false: the annotation is ignored)",
    },
  },
  additionalProperties: false,
} as const;
