/**
 * Istio AuthorizationPolicy (security.istio.io v1, v1beta1) as grants: an ALLOW policy's
 * `from.source` principals (service accounts) and namespaces name the calling workloads; `to.operation`
 * paths, methods or hosts and `when` conditions make it an L7 policy. DENY, AUDIT and CUSTOM policies,
 * negative matches, IP blocks, JWT principals and waypoint or gateway targets are not imported, and
 * the workloads they protect get no policy. Semantics from istio.io/latest/docs/reference/config/security/authorization-policy/.
 */

import type { Manifest } from "../traffic/index.js";
import { labelsOf, LOAD_GENERATOR, sourceOf, stringList, type AccessFindings, type Caller, type Workloads } from "./_access-policies.js";
import { fail, get, isObject, list, namespaceOf } from "./_objects.js";
import type { DeployedWorkload } from "./deployment-shape.js";

/** Istio's root namespace (meshConfig.rootNamespace): a policy there without a selector applies mesh-wide. */
export const ISTIO_ROOT_NAMESPACE = "istio-system";

/**
 * Adds one AuthorizationPolicy's grants (or why it is not imported) to `findings`.
 * @example readIstioAuthorizationPolicy(manifest, workloads, findings) // findings.grants[0].callers: [productpage]
 */
export function readIstioAuthorizationPolicy(manifest: Manifest, workloads: Workloads, findings: AccessFindings): void {
  const source = sourceOf(manifest);
  const namespace = namespaceOf(manifest);
  if (get(manifest, ["spec", "targetRef"]) !== undefined || get(manifest, ["spec", "targetRefs"]) !== undefined) {
    findings.notImported.push(`${source}: targetRefs (a waypoint, gateway or Service) place the policy outside the workloads' sidecars; not imported`);
    return;
  }
  const selector = labelsOf(get(manifest, ["spec", "selector", "matchLabels"]));
  // "If the authorization policy is in the root namespace, the selector will additionally match with
  // workloads in all namespaces" (the reference's `selector`), so a root policy looks across namespaces.
  const targets = namespace === ISTIO_ROOT_NAMESPACE ? workloads.withLabels(selector) : workloads.withLabels(selector, namespace);
  if (targets.length === 0) {
    findings.notices.push(`${source}: selects no workload of the manifests, skipped`);
    return;
  }
  const action = String(get(manifest, ["spec", "action"]) ?? "ALLOW");
  if (action !== "ALLOW") {
    const why: Record<string, string> = {
      DENY: "a DENY policy: the scenario's policies are allow lists",
      AUDIT: "an AUDIT policy only logs requests, allowing or denying none",
      CUSTOM: "a CUSTOM policy asks an external authorizer, which the simulation does not model",
    };
    const reason = why[action] ?? `action ${action}, which Istio does not know`;
    if (action === "AUDIT") findings.notImported.push(`${source}: ${reason}; not imported`);
    else findings.unmapped.push({ targets, why: `${source}: ${reason}` });
    return;
  }
  const rules = list(manifest, ["spec", "rules"]);
  // An ALLOW policy without rules matches nothing: it denies every call (Istio's allow-nothing).
  const callers: Caller[] = [];
  let everyone = false;
  let l7 = false;
  const notes: string[] = [];
  for (const [index, rule] of rules.entries()) {
    if (!isObject(rule)) continue;
    const read = readRule(manifest, index, rule, workloads, notes);
    if ("problem" in read) {
      findings.unmapped.push({ targets, why: `${source}: spec.rules[${index}] ${read.problem}` });
      return;
    }
    l7 ||= read.l7;
    if (read.callers === "everyone") everyone = true;
    else for (const caller of read.callers) if (!callers.includes(caller)) callers.push(caller);
  }
  findings.notices.push(...notes.map((note) => `${source}: ${note}`));
  findings.grants.push({ targets, callers: everyone ? "everyone" : callers, l7, source });
}

// --- internal ---

const NOT_MAPPED: Record<string, string> = {
  notPrincipals: "excludes callers by identity, which an allow list cannot say",
  notNamespaces: "excludes callers by namespace, which an allow list cannot say",
  ipBlocks: "matches callers by IP address, which the scenario's services do not have",
  notIpBlocks: "matches callers by IP address, which the scenario's services do not have",
  remoteIpBlocks: "matches callers by IP address, which the scenario's services do not have",
  notRemoteIpBlocks: "matches callers by IP address, which the scenario's services do not have",
  requestPrincipals: "matches end users' JWTs, which the simulated requests do not carry",
  notRequestPrincipals: "matches end users' JWTs, which the simulated requests do not carry",
};

/** The callers one rule lets in ("everyone" without `from`), and whether it looks at requests. */
function readRule(manifest: Manifest, ruleIndex: number, rule: Record<string, unknown>, workloads: Workloads, notes: string[]): { callers: Caller[] | "everyone"; l7: boolean } | { problem: string } {
  const at = ["spec", "rules", ruleIndex];
  const operations = list(manifest, [...at, "to"]).filter(isObject).map((to) => (isObject(to.operation) ? to.operation : {}));
  const l7 = operations.some((operation) => ["paths", "notPaths", "methods", "notMethods", "hosts", "notHosts"].some((key) => operation[key] !== undefined)) || (Array.isArray(rule.when) && rule.when.length > 0);
  const froms = list(manifest, [...at, "from"]).map((from, index) => (isObject(from) ? from : fail(manifest, [...at, "from", index], "must be a mapping with a source")));
  if (froms.length === 0) return { callers: "everyone", l7 };
  const callers: Caller[] = [];
  for (const [index, from] of froms.entries()) {
    const source = isObject(from.source) ? from.source : {};
    const unmapped = Object.keys(NOT_MAPPED).find((key) => source[key] !== undefined);
    if (unmapped) return { problem: `from[${index}].source.${unmapped} ${NOT_MAPPED[unmapped]}` };
    const sourcePath = [...at, "from", index, "source"];
    const principals = stringList(manifest, [...sourcePath, "principals"]);
    const namespaces = stringList(manifest, [...sourcePath, "namespaces"]);
    if (principals.length === 0 && namespaces.length === 0) return { callers: "everyone", l7 };
    let matched: Caller[] | undefined;
    if (principals.length > 0) {
      const found: Caller[] = [];
      for (const principal of principals) {
        const identity = callersOfPrincipal(principal, workloads);
        if (identity === undefined) return { problem: `from[${index}].source.principals names ${principal}, a pattern the import cannot read (it reads <trust domain>/ns/<namespace>/sa/<account>, * and <...>/sa/*)` };
        if (identity.length === 0) notes.push(`principal ${principal} is no workload of the manifests: no caller of the scenario has it`);
        for (const caller of identity) if (!found.includes(caller)) found.push(caller);
      }
      matched = found;
    }
    if (namespaces.length > 0) {
      const inNamespaces = namespaces.flatMap((namespace) => (namespace === "*" ? [...workloads.all] : workloads.inNamespace(namespace)));
      // principals and namespaces in one source must both match.
      matched = matched === undefined ? inNamespaces : matched.filter((caller) => caller === LOAD_GENERATOR || inNamespaces.includes(caller));
    }
    for (const caller of matched ?? []) if (!callers.includes(caller)) callers.push(caller);
  }
  return { callers, l7 };
}

/**
 * The callers a principal names: "cluster.local/ns/<namespace>/sa/<account>" (any trust domain),
 * "*" (any authenticated caller: every workload), ".../sa/*"; an ingress gateway's account stands for
 * the load generator, whose calls enter through it. undefined for patterns not read.
 */
function callersOfPrincipal(principal: string, workloads: Workloads): Caller[] | undefined {
  if (principal === "*") return [...workloads.all];
  const match = /^(?:[^/]+\/)?ns\/([^/]+)\/sa\/([^/]+)$/.exec(principal);
  if (!match || match[1].includes("*") || (match[2].includes("*") && match[2] !== "*")) return undefined;
  const [, namespace, account] = match;
  const found: DeployedWorkload[] = workloads.withServiceAccount(namespace, account);
  if (found.length === 0 && /ingressgateway/.test(account)) return [LOAD_GENERATOR];
  return found;
}
