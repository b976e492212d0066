/**
 * Istio Sidecar resources (networking.istio.io) as `mesh.proxyScope`: a Sidecar's egress hosts
 * limit what its workloads' sidecars are configured for. The scenario can say one scoping, each
 * sidecar configured for the services its workload calls, so it is imported when every Istio
 * workload's Sidecar names its hosts one by one; a wildcard host (`./*`, `*\/*`) keeps a whole
 * namespace or the mesh, and a workload with no Sidecar keeps everything. Which Sidecar applies
 * follows istio.io's reference: one whose workloadSelector picks the workload, else its namespace's
 * without a selector, else the root namespace's.
 */

import type { Manifest } from "../traffic/index.js";
import { labelsOf, sourceOf, stringList } from "./_access-policies.js";
import { get, namespaceOf } from "./_objects.js";
import type { DeployedWorkload, DeploymentShape } from "./deployment-shape.js";
import { ISTIO_ROOT_NAMESPACE } from "./istio-authorization-policy.js";

/** Whether `manifest` is an Istio Sidecar, read here. */
export function isIstioSidecar(manifest: Manifest): boolean {
  return manifest.group === "networking.istio.io" && manifest.kind === "Sidecar";
}

/** Workloads named in a note before the rest are counted. */
const LISTED = 3;

/**
 * Sets `shape.proxyScope` when the Istio Sidecars among `manifests` scope every Istio workload to
 * hosts named one by one, or says in `shape.notImported` why they do not.
 * @example readIstioSidecarScope(manifests, shape); shape.proxyScope?.from // ["k8s/sidecars.yaml: Sidecar web"]
 */
export function readIstioSidecarScope(manifests: readonly Manifest[], shape: DeploymentShape): void {
  const sidecars = manifests.filter(isIstioSidecar).map(readSidecar);
  if (sidecars.length === 0) return;
  const workloads = shape.workloads.filter((workload) => workload.mesh?.id === "istio");
  const applied = workloads.map((workload) => ({ workload, sidecar: applicableSidecar(sidecars, workload) }));
  const unscoped = applied.filter(({ sidecar }) => sidecar === undefined || !sidecar.namesHosts);
  if (workloads.length > 0 && unscoped.length === 0) {
    shape.proxyScope = { scope: "callees", from: [...new Set(applied.map(({ sidecar }) => sidecar!.source))] };
    return;
  }
  const named = unscoped.slice(0, LISTED).map(({ workload, sidecar }) => `${workload.name} (${sidecar ? `${sidecar.source}: a wildcard host` : "no Sidecar"})`);
  if (unscoped.length > LISTED) named.push(`${unscoped.length - LISTED} more`);
  shape.notImported.push(
    workloads.length === 0
      ? `${sidecars.length} Istio Sidecar resource${sidecars.length === 1 ? "" : "s"}, but no workload is enrolled in Istio; mesh.proxyScope is left out`
      : `Istio Sidecar resources scope ${workloads.length - unscoped.length} of ${workloads.length} Istio workloads to hosts named one by one; the others reach a namespace's or the mesh's services (${named.join(", ")}), so mesh.proxyScope is left at mesh (every sidecar configured for every service); set it to callees if each sidecar's hosts are what its workload calls`,
  );
}

// --- internal ---

interface SidecarScope {
  source: string;
  namespace: string;
  selector: Record<string, string>;
  /** Its egress hosts name services one by one (the root namespace's hosts aside: istiod, telemetry). */
  namesHosts: boolean;
}

function readSidecar(manifest: Manifest): SidecarScope {
  const egress = get(manifest, ["spec", "egress"]);
  const entries = Array.isArray(egress) ? egress : [];
  const hosts = entries.flatMap((_, index) => stringList(manifest, ["spec", "egress", index, "hosts"]));
  const appHosts = hosts.filter((host) => host.split("/")[0] !== ISTIO_ROOT_NAMESPACE);
  return {
    source: sourceOf(manifest),
    namespace: namespaceOf(manifest),
    selector: labelsOf(get(manifest, ["spec", "workloadSelector", "labels"])),
    namesHosts: appHosts.length > 0 && appHosts.every((host) => !(host.split("/")[1] ?? host).includes("*")),
  };
}

/** The Sidecar that applies to `workload`: its own by selector, its namespace's default, the root namespace's default. */
function applicableSidecar(sidecars: readonly SidecarScope[], workload: DeployedWorkload): SidecarScope | undefined {
  const selects = (sidecar: SidecarScope) => Object.entries(sidecar.selector).every(([key, value]) => workload.podLabels[key] === value);
  const inNamespace = sidecars.filter((sidecar) => sidecar.namespace === workload.namespace);
  return (
    inNamespace.find((sidecar) => Object.keys(sidecar.selector).length > 0 && selects(sidecar)) ??
    inNamespace.find((sidecar) => Object.keys(sidecar.selector).length === 0) ??
    sidecars.find((sidecar) => sidecar.namespace === ISTIO_ROOT_NAMESPACE && Object.keys(sidecar.selector).length === 0)
  );
}
