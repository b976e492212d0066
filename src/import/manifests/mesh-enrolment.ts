/**
 * Which mesh a workload's pods are enrolled in, from the labels and annotations each mesh's injector
 * reads on the pod template and on its namespace: Istio sidecar injection and ambient mode, Linkerd,
 * Consul, Kuma and OSM. A pod's own setting wins over its namespace's, as the injectors decide.
 */

export interface Enrolment {
  /** A mesh profile id, or "none" for a workload that opted out. */
  mesh: string;
  /** "pod label sidecar.istio.io/inject=true", "namespace shop label istio-injection=enabled". */
  from: string;
}

export interface LabelsAndAnnotations {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/**
 * The workload's enrolment, or undefined when nothing says.
 * @example meshEnrolment({ labels: {}, annotations: {} }, { labels: { "istio-injection": "enabled" }, annotations: {} }, "shop")
 *   // { mesh: "istio", from: "namespace shop label istio-injection=enabled" }
 */
export function meshEnrolment(pod: LabelsAndAnnotations, namespace: LabelsAndAnnotations | undefined, namespaceName: string): Enrolment | undefined {
  for (const rule of RULES) {
    const decided = rule(pod, "pod", "") ?? (namespace ? rule(namespace, "namespace", namespaceName) : undefined);
    if (decided) return decided;
  }
  return undefined;
}

// --- internal ---

type Rule = (object: LabelsAndAnnotations, level: "pod" | "namespace", name: string) => Enrolment | undefined;

function said(level: "pod" | "namespace", name: string, what: "label" | "annotation", key: string, value: string): string {
  return `${level === "pod" ? "pod" : `namespace ${name}`} ${what} ${key}=${value}`;
}

/** The first of `keys` present in labels (then annotations), with where it was found. */
function lookUp(object: LabelsAndAnnotations, key: string): { value: string; what: "label" | "annotation" } | undefined {
  if (object.labels[key] !== undefined) return { value: object.labels[key], what: "label" };
  if (object.annotations[key] !== undefined) return { value: object.annotations[key], what: "annotation" };
  return undefined;
}

const ENABLED = /^(true|enabled|yes|1)$/i;
const DISABLED = /^(false|disabled|no|0)$/i;

const RULES: Rule[] = [
  // Istio: the sidecar injection label (or its older annotation) beats ambient, as istiod's injector does.
  (object, level, name) => {
    const found = lookUp(object, "sidecar.istio.io/inject");
    if (found && ENABLED.test(found.value)) return { mesh: "istio", from: said(level, name, found.what, "sidecar.istio.io/inject", found.value) };
    if (found && DISABLED.test(found.value) && level === "pod") return { mesh: "none", from: said(level, name, found.what, "sidecar.istio.io/inject", found.value) };
    if (level === "namespace") {
      const injection = object.labels["istio-injection"];
      if (injection === "enabled") return { mesh: "istio", from: said(level, name, "label", "istio-injection", injection) };
      if (object.labels["istio.io/rev"] !== undefined) return { mesh: "istio", from: said(level, name, "label", "istio.io/rev", object.labels["istio.io/rev"]) };
    }
    return undefined;
  },
  (object, level, name) => {
    const mode = object.labels["istio.io/dataplane-mode"];
    if (mode === "ambient") return { mesh: "istio-ambient", from: said(level, name, "label", "istio.io/dataplane-mode", mode) };
    if (mode === "none" && level === "pod") return { mesh: "none", from: said(level, name, "label", "istio.io/dataplane-mode", mode) };
    return undefined;
  },
  (object, level, name) => {
    const value = object.annotations["linkerd.io/inject"];
    if (value === "enabled" || value === "ingress") return { mesh: "linkerd2", from: said(level, name, "annotation", "linkerd.io/inject", value) };
    if (value === "disabled" && level === "pod") return { mesh: "none", from: said(level, name, "annotation", "linkerd.io/inject", value) };
    return undefined;
  },
  (object, level, name) => {
    const value = object.annotations["consul.hashicorp.com/connect-inject"];
    if (value !== undefined && ENABLED.test(value)) return { mesh: "consul", from: said(level, name, "annotation", "consul.hashicorp.com/connect-inject", value) };
    if (value !== undefined && DISABLED.test(value) && level === "pod") return { mesh: "none", from: said(level, name, "annotation", "consul.hashicorp.com/connect-inject", value) };
    return undefined;
  },
  (object, level, name) => {
    const found = lookUp(object, "kuma.io/sidecar-injection");
    if (found && ENABLED.test(found.value)) return { mesh: "kuma", from: said(level, name, found.what, "kuma.io/sidecar-injection", found.value) };
    if (found && DISABLED.test(found.value) && level === "pod") return { mesh: "none", from: said(level, name, found.what, "kuma.io/sidecar-injection", found.value) };
    return undefined;
  },
  // OSM injects in namespaces it monitors that enable injection (or pods that do).
  (object, level, name) => {
    const value = object.annotations["openservicemesh.io/sidecar-injection"];
    if (value !== undefined && ENABLED.test(value) && (level === "pod" || object.labels["openservicemesh.io/monitored-by"] !== undefined)) {
      return { mesh: "osm", from: said(level, name, "annotation", "openservicemesh.io/sidecar-injection", value) };
    }
    if (value !== undefined && DISABLED.test(value) && level === "pod") return { mesh: "none", from: said(level, name, "annotation", "openservicemesh.io/sidecar-injection", value) };
    return undefined;
  },
];
