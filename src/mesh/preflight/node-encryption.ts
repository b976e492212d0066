/**
 * Node-to-node encryption apart from mTLS (Cilium's WireGuard or IPsec): which meshes offer it,
 * and what it costs. It encrypts every packet that leaves a node for another, whatever the
 * mTLS mode, with keys per node pair, so it adds no handshake to a connection.
 */

import type { MeshProfile, NodeEncryption, NodeEncryptionCost } from "../model/index.js";
import { UnsupportedSettingError } from "../model/index.js";

/**
 * Throws unless `profile` can encrypt between nodes with `encryption` (none always passes, and
 * the no-mesh baseline ignores it, as it ignores mTLS).
 * @throws UnsupportedSettingError naming the mesh and what it offers instead
 * @example checkEncryptionSupport(istio, "wireguard") // throws: it encrypts with mTLS; use --mtls strict
 */
export function checkEncryptionSupport(profile: MeshProfile, encryption: NodeEncryption): void {
  if (encryption === "none" || profile.architecture === "none") return;
  if (nodeEncryptionCost(profile, encryption)) return;
  const offered = Object.keys(profile.security?.transparentEncryption ?? {});
  const detail =
    offered.length > 0 && profile.architecture === "ebpf"
      ? `it supports ${offered.join(", ")}`
      : profile.security?.mtlsModes.includes("strict")
        ? "it encrypts with mTLS; use --mtls strict"
        : "it has no encryption";
  throw new UnsupportedSettingError(profile.id, `mesh.encryption: ${encryption}`, detail);
}

/**
 * The cost of `encryption` under `profile`, or undefined when the run does not encrypt between
 * nodes. Only the eBPF data plane places the work (in each node's kernel).
 */
export function nodeEncryptionCost(profile: MeshProfile, encryption: NodeEncryption | undefined): NodeEncryptionCost | undefined {
  if (encryption === undefined || encryption === "none" || profile.architecture !== "ebpf") return undefined;
  return profile.security?.transparentEncryption?.[encryption];
}
