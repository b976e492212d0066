/**
 * The targetRefs of Kuma's policies (kuma.io v1alpha1): the top-level one names the proxies the
 * policy configures (traffic rules apply to every caller, so only the whole mesh is read), and each
 * `to[].targetRef` names the services whose calls it shapes: one MeshService, or the whole mesh,
 * which stands for every service of the scenario. Kinds from Kuma's targetRef reference
 * (developer.konghq.com/mesh/policies/about, "targetRef support matrix") and its source
 * (github.com/kumahq/kuma, api/common/v1alpha1/targetref.go).
 */

import type { ManifestReader } from "../_manifest-reader.js";
import type { ImportContext } from "../_rule-parts.js";
import type { FieldPath } from "../read-manifests.js";
import { serviceProtocol } from "../../../scenario/index.js";

/** A service a policy's `to[]` entry (or a fault's top-level targetRef) names. */
export interface KumaDestination {
  host: string;
  hostPath: FieldPath;
  /** Named through targetRef kind Mesh: every service, less specific than a MeshService. */
  meshWide: boolean;
  /** The service speaks TCP, so Kuma gives it a policy's tcp section, not its http one. */
  tcp?: boolean;
}

/**
 * Reads the top-level targetRef, the proxies whose outbound calls the policy shapes. Absent means
 * the whole mesh (Kuma 2.9 and later).
 * @returns "gateways" when the policy configures gateways only, which traffic rules do not
 * @throws ScenarioError naming the field for a policy of some callers only (kinds other than Mesh)
 */
export function readKumaCallers(reader: ManifestReader, path: FieldPath, value: unknown): "mesh" | "gateways" {
  const target = reader.optionalObject(path, value, { read: ["kind", "proxyTypes"], accept: ["mesh", "name", "namespace", "labels", "sectionName", "tags"] });
  if (!target) return "mesh";
  const kind = reader.string([...path, "kind"], target.kind);
  if (kind !== "Mesh") {
    reader.fail([...path, "kind"], `is ${kind}: the policy applies to some callers only, while a traffic rule applies to every caller (traffic import reads targetRef kind Mesh)`);
  }
  const proxyTypes = reader.list([...path, "proxyTypes"], target.proxyTypes);
  return proxyTypes.length > 0 && !proxyTypes.includes("Sidecar") ? "gateways" : "mesh";
}

/**
 * Reads a targetRef naming destinations: a MeshService (or MeshMultiZoneService) by `name`, by a
 * legacy `<service>_<namespace>_svc_<port>` name, or by `labels: kuma.io/display-name`; or the
 * whole mesh, one destination per service of the scenario.
 * @throws ScenarioError naming the field for other kinds (external services, routes, subsets of
 *   proxies), which name no service of the scenario
 */
export function readKumaDestinations(reader: ManifestReader, path: FieldPath, value: unknown, context: Pick<ImportContext, "services" | "serviceNames">): KumaDestination[] {
  const target = reader.object(path, value, {
    read: ["kind", "name", "labels"],
    accept: ["namespace", "sectionName", "_port", "mesh", "proxyTypes"],
    refuse: { tags: "selects data plane proxies by tags, while a traffic rule names one service" },
  });
  const kind = reader.string([...path, "kind"], target.kind);
  if (kind === "Mesh") return context.services.map((service) => ({ host: service.name, hostPath: [...path, "kind"], meshWide: true, tcp: serviceProtocol(service) === "tcp" }));
  if (kind !== "MeshService" && kind !== "MeshMultiZoneService") {
    reader.fail([...path, "kind"], `is ${kind}: it is no service of the scenario; traffic import reads Mesh, MeshService and MeshMultiZoneService`);
  }
  return [{ ...readServiceName(reader, path, target, context.serviceNames), meshWide: false }];
}

/**
 * The scenario name of a MeshService reference (`name`, a legacy name, or the display-name label).
 * @throws ScenarioError naming `path` when neither a name nor the display-name label is given
 */
export function readServiceName(reader: ManifestReader, path: FieldPath, target: Record<string, unknown>, serviceNames: ReadonlySet<string>): { host: string; hostPath: FieldPath } {
  if (target.name !== undefined && target.name !== null) {
    const name = reader.string([...path, "name"], target.name);
    const legacy = LEGACY_SERVICE_NAME.exec(name);
    const host = legacy && !serviceNames.has(name) ? legacy[1] : name;
    return { host, hostPath: [...path, "name"] };
  }
  const labels = reader.stringMap([...path, "labels"], target.labels);
  const displayName = labels["kuma.io/display-name"];
  if (displayName === undefined) reader.fail([...path, "labels"], "selects services by labels other than kuma.io/display-name, which names no single service; name the MeshService");
  return { host: displayName, hostPath: [...path, "labels", "kuma.io/display-name"] };
}

// --- internal ---

/** A legacy kuma.io/service name on Kubernetes: `<service>_<namespace>_svc_<port>`. */
const LEGACY_SERVICE_NAME = /^(.+)_[^_]+_svc_\d+$/;
