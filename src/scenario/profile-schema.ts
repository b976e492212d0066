/**
 * The JSON Schema of mesh profiles (models/<id>.yaml). A profile is data: architecture, proxy
 * costs, control plane, defaults, traffic features and defaults, features, and a `sources`
 * entry for every number. The larger parts live in the _profile-*-schema.ts files beside it.
 */

import { dataPlane } from "./_profile-data-plane-schema.js";
import { multiCluster } from "./_profile-multi-cluster-schema.js";
import { security } from "./_profile-security-schema.js";
import { telemetry } from "./_profile-telemetry-schema.js";
import { traffic } from "./_profile-traffic-schema.js";
import { withTimeLimits } from "./value-limits.js";

/** The JSON Schema (draft-07) of a profile; time fields are at most a day, as in scenarios (value-limits.ts). */
export const PROFILE_SCHEMA = withTimeLimits({
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://meshsim.dev/schema/mesh-profile.json",
  title: "meshsim mesh profile",
  type: "object",
  required: ["id", "name", "architecture", "description"],
  properties: {
    id: { type: "string", pattern: "^[a-z0-9][-a-z0-9]*$" },
    name: { type: "string" },
    version: { type: "string", description: "the mesh version the numbers describe" },
    architecture: { enum: ["none", "sidecar", "node-agent", "ambient", "ebpf"] },
    description: { type: "string" },
    dataPlane,
    controlPlane: {
      type: "object",
      required: ["components", "baseVcpu", "baseMemoryMb", "memoryPerProxyMb", "memoryPerServiceMb", "vcpuPer1000Rps"],
      properties: {
        components: { type: "string" },
        baseVcpu: { type: "number", minimum: 0 },
        baseMemoryMb: { type: "number", minimum: 0 },
        memoryPerProxyMb: { type: "number", minimum: 0 },
        memoryPerServiceMb: { type: "number", minimum: 0 },
        memoryPerProxyPerServiceKb: { type: "number", minimum: 0, description: "per proxy per service it is configured for, KB (default 0)" },
        memoryPerProxyPerEndpointKb: { type: "number", minimum: 0, description: "per proxy per endpoint it is configured for, KB (default 0)" },
        vcpuPer1000Rps: { type: "number", minimum: 0, description: "telemetry work that scales with mesh traffic (Mixer)" },
      },
      additionalProperties: false,
    },
    defaults: {
      type: "object",
      properties: {
        mtls: { enum: ["off", "permissive", "strict"] },
        keyType: { enum: ["ecdsa-p256", "rsa-2048", "none"] },
        certLifetimeHours: { type: "number", exclusiveMinimum: 0 },
      },
      additionalProperties: false,
    },
    security,
    traffic,
    telemetry,
    multiCluster,
    features: {
      type: "object",
      description: "what the mesh supports (SOURCES.md section 2); values are true, false or a short note",
      additionalProperties: { type: ["boolean", "string"] },
    },
    sources: {
      type: "object",
      description: "for every number above, keyed by its dotted path: the calibration ID or public source it comes from",
      additionalProperties: { type: "string" },
    },
    notes: { type: "array", items: { type: "string" } },
  },
  additionalProperties: false,
} as const);
