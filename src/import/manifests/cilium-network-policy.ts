/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io v2) as grants: the endpoints
 * `endpointSelector` picks may be called by those each `ingress[].fromEndpoints` matchLabels picks;
 * `toPorts[].rules.http` (or kafka, dns) makes the policy an L7 one, enforced by the node's Envoy.
 * An endpoint any ingress rule selects denies every other caller (docs.cilium.io/en/stable/security/policy/,
 * "Layer 3 Examples" and "Layer 7 Examples"). `fromEntities` world or all lets the load generator in;
 * CIDR rules and `ingressDeny` are not imported, and the endpoints they protect get no policy.
 */

import type { Manifest } from "../traffic/index.js";
import { labelsOf, LOAD_GENERATOR, sourceOf, stringList, type AccessFindings, type Caller, type Workloads } from "./_access-policies.js";
import { get, isObject, list, namespaceOf } from "./_objects.js";

/** Cilium's label for a pod's namespace, which selectors may name (with or without the k8s: source prefix). */
const NAMESPACE_LABELS = ["io.kubernetes.pod.namespace", "k8s:io.kubernetes.pod.namespace"];

/**
 * Adds one policy's grants (or why it is not imported) to `findings`; a policy with `specs` gives
 * one per spec.
 * @example readCiliumNetworkPolicy(manifest, workloads, findings) // findings.grants[0]: { callers: [frontend], l7: true, ... }
 */
export function readCiliumNetworkPolicy(manifest: Manifest, workloads: Workloads, findings: AccessFindings): void {
  const source = sourceOf(manifest);
  const clusterwide = manifest.kind === "CiliumClusterwideNetworkPolicy";
  const policyNamespace = clusterwide ? undefined : namespaceOf(manifest);
  const specs = [{ spec: get(manifest, ["spec"]), path: ["spec"] }, ...list(manifest, ["specs"]).map((spec, index) => ({ spec, path: ["specs", index] }))];
  for (const { spec, path } of specs) {
    if (!isObject(spec)) continue;
    const selector = isObject(spec.endpointSelector) ? spec.endpointSelector : undefined;
    if (!selector) {
      if (spec.nodeSelector !== undefined) findings.notImported.push(`${source}: nodeSelector (a host policy: the simulation has no host firewall); not imported`);
      continue;
    }
    const { namespace, labels } = splitNamespace(labelsOf(selector.matchLabels), policyNamespace);
    const targets = workloads.withLabels(labels, namespace);
    if (targets.length === 0) {
      findings.notices.push(`${source}: endpointSelector picks no workload of the manifests, skipped`);
      continue;
    }
    if (selector.matchExpressions !== undefined) {
      findings.unmapped.push({ targets, why: `${source}: endpointSelector.matchExpressions (the import reads matchLabels)` });
      continue;
    }
    if (spec.ingressDeny !== undefined) {
      findings.unmapped.push({ targets, why: `${source}: ingressDeny (the scenario's policies are allow lists)` });
      continue;
    }
    // An empty ingress list is no ingress section: Cilium enables ingress policy only for rules with
    // len(Ingress) > 0 || len(IngressDeny) > 0 (pkg/policy/api/rule_validation.go Sanitize and the
    // repository's computePolicyEnforcementAndRules).
    const rules = Array.isArray(spec.ingress) && spec.ingress.length > 0 ? spec.ingress.filter(isObject) : undefined;
    if (rules === undefined) {
      if (spec.egress !== undefined || spec.egressDeny !== undefined) findings.notImported.push(`${source}: egress rules limit what the endpoints may call (the scenario's policies limit who may call a service); not imported`);
      continue;
    }
    // enableDefaultDeny.ingress false (Cilium 1.15+): the rule adds its allows without denying other
    // callers (Rule.Sanitize; the repository then adds an allow-all unless another selecting rule is
    // default-deny), which an allow list cannot say.
    if (isObject(spec.enableDefaultDeny) && spec.enableDefaultDeny.ingress === false) {
      findings.unmapped.push({ targets, why: `${source}: enableDefaultDeny.ingress false (its rules allow without denying other callers)` });
      continue;
    }
    const read = readIngress(manifest, [...path, "ingress"], rules, workloads, policyNamespace, source, findings);
    if ("problem" in read) findings.unmapped.push({ targets, why: `${source}: ${read.problem}` });
    else findings.grants.push({ targets, callers: read.callers, l7: read.l7, source });
  }
}

// --- internal ---

const NOT_MAPPED = ["fromCIDR", "fromCIDRSet", "fromRequires", "fromGroups", "fromNodes", "icmps", "authentication"];

function readIngress(manifest: Manifest, path: Array<string | number>, rules: Array<Record<string, unknown>>, workloads: Workloads, policyNamespace: string | undefined, source: string, findings: AccessFindings): { callers: Caller[] | "everyone"; l7: boolean } | { problem: string } {
  const callers: Caller[] = [];
  let everyone = false;
  let l7 = false;
  for (const [index, rule] of rules.entries()) {
    const field = NOT_MAPPED.find((key) => rule[key] !== undefined);
    if (field === "authentication") {
      findings.notices.push(`${source}: ingress[${index}].authentication (mutual authentication): the run's mTLS mode decides it (--mtls strict under Cilium)`);
    } else if (field) return { problem: `ingress[${index}].${field} matches callers by address or node, which the scenario's services do not have` };
    const ports = Array.isArray(rule.toPorts) ? rule.toPorts.filter(isObject) : [];
    if (ports.some((port) => isObject(port.rules) && Object.keys(port.rules).length > 0)) l7 = true;
    const entities = stringList(manifest, [...path, index, "fromEntities"]);
    if (entities.some((entity) => entity === "all")) everyone = true;
    if (entities.some((entity) => entity === "world" || entity === "ingress")) callers.push(LOAD_GENERATOR);
    if (entities.includes("cluster")) for (const workload of workloads.all) if (!callers.includes(workload)) callers.push(workload);
    const endpoints = Array.isArray(rule.fromEndpoints) ? rule.fromEndpoints.filter(isObject) : [];
    for (const endpoint of endpoints) {
      if (endpoint.matchExpressions !== undefined) return { problem: `ingress[${index}].fromEndpoints matchExpressions (the import reads matchLabels)` };
      const { namespace, labels } = splitNamespace(labelsOf(endpoint.matchLabels), policyNamespace);
      for (const workload of workloads.withLabels(labels, namespace)) if (!callers.includes(workload)) callers.push(workload);
    }
    // A rule with toPorts and no from* field lets every caller in on those ports; an empty rule ({}) lets none in.
    if (entities.length === 0 && endpoints.length === 0 && ports.length > 0) everyone = true;
  }
  return { callers: everyone ? "everyone" : callers, l7 };
}

/**
 * A selector's namespace label taken out of its labels: endpoints in that namespace; else the policy's
 * own namespace (a clusterwide policy: any). Cilium's `k8s:` source prefix is dropped from the rest.
 */
function splitNamespace(given: Record<string, string>, policyNamespace: string | undefined): { namespace: string | undefined; labels: Record<string, string> } {
  const labels: Record<string, string> = {};
  let namespace = policyNamespace;
  for (const [key, value] of Object.entries(given)) {
    if (NAMESPACE_LABELS.includes(key)) namespace = value;
    else labels[key.replace(/^k8s:/, "")] = value;
  }
  return { namespace, labels };
}
