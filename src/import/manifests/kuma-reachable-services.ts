/**
 * Kuma's reachable services as `mesh.proxyScope`: a pod template annotated
 * `kuma.io/transparent-proxying-reachable-services` (a comma-separated list of kuma.io/service
 * values) or `kuma.io/reachable-backends` gets configuration for those services only. Imported when
 * every workload enrolled in Kuma carries one; otherwise noted, since the rest get every service of
 * the mesh (Kuma docs, "Reachable services").
 */

import type { DeploymentShape } from "./deployment-shape.js";

const ANNOTATIONS = ["kuma.io/transparent-proxying-reachable-services", "kuma.io/reachable-backends"];

/** Workloads named in a note before the rest are counted. */
const LISTED = 3;

/**
 * Sets `shape.proxyScope` when every Kuma workload lists its reachable services, or says in
 * `shape.notImported` which do not; nothing when none does.
 * @example readKumaReachableServices(shape); shape.proxyScope?.from // ["Deployment shop/web: annotation kuma.io/transparent-proxying-reachable-services", ...]
 */
export function readKumaReachableServices(shape: DeploymentShape): void {
  const workloads = shape.workloads.filter((workload) => workload.mesh?.id === "kuma");
  const scoped = workloads.flatMap((workload) => {
    const annotation = ANNOTATIONS.find((key) => workload.podAnnotations[key] !== undefined);
    return annotation ? [{ workload, from: `${workload.source}: annotation ${annotation}` }] : [];
  });
  if (scoped.length === 0) return;
  if (scoped.length === workloads.length) {
    shape.proxyScope = { scope: "callees", from: [...(shape.proxyScope?.from ?? []), ...scoped.map((entry) => entry.from)] };
    return;
  }
  const left = workloads.filter((workload) => !scoped.some((entry) => entry.workload === workload)).map((workload) => workload.name);
  const named = [...left.slice(0, LISTED), ...(left.length > LISTED ? [`${left.length - LISTED} more`] : [])];
  shape.notImported.push(
    `Kuma reachable services scope ${scoped.length} of ${workloads.length} Kuma workloads; the others (${named.join(", ")}) get every service of the mesh, so mesh.proxyScope is left at mesh (every sidecar configured for every service); set it to callees if each workload's list is what it calls`,
  );
}
