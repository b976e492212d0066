/**
 * `security` in the mesh profile schema: mTLS modes and handshake, authorization, where L7
 * policies run, and node-to-node transparent encryption.
 */

import { MAX_TIME_MS } from "./value-limits.js";

/** What WireGuard or IPsec costs at each end of a pass between two nodes. */
const nodeEncryptionCost = {
  type: "object",
  required: ["cpuMsPerKiB", "latencyMsPerPass"],
  properties: {
    cpuMsPerKiB: { type: "number", minimum: 0, maximum: MAX_TIME_MS, description: "kernel CPU to encrypt (sender) or decrypt (receiver) one KiB of payload, ms" },
    latencyMsPerPass: { type: "number", minimum: 0, description: "delay one end adds to a pass besides that CPU, ms" },
  },
  additionalProperties: false,
} as const;

/** What the mesh's identity and encryption features are and cost. */
export const security = {
  type: "object",
  required: ["mtlsModes", "mtlsPerService", "handshake", "sessionResumption", "encryptionCpuMsPerKiB"],
  properties: {
    mtlsModes: { type: "array", items: { enum: ["off", "permissive", "strict"] }, minItems: 1, uniqueItems: true },
    mtlsPerService: { type: "boolean" },
    handshake: {
      enum: ["tls13", "tls12", "none"],
      description: "tls13 (1 round trip) or tls12 (2, TL3): a mutual handshake per new connection; none: authentication outside the data path",
    },
    sessionResumption: { type: "boolean" },
    encryptionCpuMsPerKiB: { type: "number", minimum: 0 },
    probesUnderStrict: { type: "string" },
    authorization: { enum: ["identity", "labels", "none"] },
    authorizationCpuMs: { type: "number", minimum: 0 },
    l7Policy: {
      enum: ["proxy", "l7Proxy", "none"],
      description:
        "where policies with l7: true are evaluated: in the proxy already on the path, in dataPlane.l7Proxy (the protected service's traffic then passes it), or nowhere (such a policy is an error)",
    },
    transparentEncryption: {
      type: "object",
      description: "node-to-node encryption apart from mTLS, chosen by a scenario's mesh.encryption (ebpf only: the kernel of each node does the work)",
      properties: { wireguard: nodeEncryptionCost, ipsec: nodeEncryptionCost },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;
