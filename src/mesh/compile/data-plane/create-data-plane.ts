/**
 * Picks the data plane for a profile's architecture and checks the profile has the parts that
 * architecture needs.
 */

import { missingDataPlanePart, type MeshOptions, type MeshProfile, type ProxyCost } from "../../model/index.js";
import { createAmbient } from "./ambient.js";
import type { DataPlane } from "./data-plane.js";
import { createEbpf, type EbpfEncryption } from "./ebpf.js";
import type { NetworkBuilder } from "./network-builder.js";
import { createNoMesh } from "./no-mesh.js";
import { createNodeAgents } from "./node-agent.js";
import { createSidecars } from "./sidecar.js";

/**
 * The data plane of `profile`, with its stations added to `network`.
 * @throws Error naming the profile and the missing part (the loader checks this first)
 */
export function createDataPlane(network: NetworkBuilder, profile: MeshProfile, options: MeshOptions): DataPlane {
  const plane = profile.dataPlane ?? {};
  const redirectMs = plane.redirectMsPerPass ?? 0;
  const missing = missingDataPlanePart(profile);
  if (missing) throw new Error(`mesh profile ${profile.id}: ${missing} is required for architecture ${profile.architecture}`);
  const proxy = (): ProxyCost => plane.proxy!;
  // The L7 proxy is on the path for every meshed callee with mesh.l7, else for the services whose
  // policy has L7 rules, when the mesh evaluates those there.
  const l7Policies = profile.security?.l7Policy === "l7Proxy";
  const l7 = options.l7ProxyRuns ? plane.l7Proxy : undefined;
  const throughL7 = (pod: number): boolean => (options.l7 && network.isMeshed(pod)) || (l7Policies && network.hasL7Policy(pod));
  switch (profile.architecture) {
    case "none":
      return createNoMesh(network);
    case "sidecar":
      return createSidecars(network, proxy(), redirectMs, plane.upgradesHttp1 ?? false);
    case "node-agent":
      return createNodeAgents(network, proxy(), plane.agentHops ?? "both", redirectMs);
    case "ambient":
      return createAmbient(network, proxy(), l7, throughL7, redirectMs);
    case "ebpf":
      return createEbpf(network, plane.kernel?.perRequestUs ?? 0, l7, throughL7, nodeEncryption(options));
  }
}

// --- internal ---

/** The stations' side of the run's node-to-node encryption, when it has one. */
function nodeEncryption(options: MeshOptions): EbpfEncryption | undefined {
  const { encryption, encryptionCost } = options;
  return encryptionCost && encryption !== "none" ? { method: encryption, latencyMsPerPass: encryptionCost.latencyMsPerPass } : undefined;
}
