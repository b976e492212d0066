/**
 * Linkerd's policy resources (policy.linkerd.io) as grants: a `Server` picks pods by podSelector and
 * denies every caller neither its `accessPolicy` nor an `AuthorizationPolicy` targeting it lets in; a policy's
 * `requiredAuthenticationRefs` name a `MeshTLSAuthentication` (identities or identityRefs: service
 * accounts and namespaces), a ServiceAccount, or a `NetworkAuthentication`. A policy targeting an
 * `HTTPRoute` of the Server authorizes some requests only: an L7 policy. Semantics from
 * linkerd.io/2/reference/authorization-policy/. Network authentication by address is not imported
 * (unless it covers every address), and the pods it protects get no policy.
 */

import type { Manifest } from "../traffic/index.js";
import { labelsOf, LOAD_GENERATOR, sourceOf, stringList, type AccessFindings, type Caller, type Workloads } from "./_access-policies.js";
import { get, isObject, list, namespaceOf } from "./_objects.js";
import type { DeployedWorkload } from "./deployment-shape.js";

/** The Linkerd kinds read here, together because they name each other. */
export const LINKERD_POLICY_KINDS: readonly string[] = ["Server", "AuthorizationPolicy", "MeshTLSAuthentication", "NetworkAuthentication"];

/**
 * Adds the grants of every Server and AuthorizationPolicy of `manifests` (policy.linkerd.io kinds;
 * HTTPRoutes are looked up among them) to `findings`.
 * @example readLinkerdAuthorization(manifests, workloads, findings) // findings.grants: one per Server and per policy
 */
export function readLinkerdAuthorization(manifests: readonly Manifest[], workloads: Workloads, findings: AccessFindings): void {
  const find = (kind: string, name: string, namespace: string): Manifest | undefined => manifests.find((manifest) => manifest.kind === kind && manifest.name === name && namespaceOf(manifest) === namespace);
  const serverTargets = (server: Manifest): DeployedWorkload[] | undefined => {
    if (get(server, ["spec", "podSelector", "matchExpressions"]) !== undefined) return undefined;
    return workloads.withLabels(labelsOf(get(server, ["spec", "podSelector", "matchLabels"])), namespaceOf(server));
  };
  for (const server of manifests.filter((manifest) => manifest.kind === "Server")) {
    const targets = serverTargets(server);
    if (targets === undefined) findings.notImported.push(`${sourceOf(server)}: podSelector.matchExpressions (the import reads matchLabels); not imported`);
    else if (targets.length === 0) findings.notices.push(`${sourceOf(server)}: podSelector picks no workload of the manifests, skipped`);
    else findings.grants.push({ targets, callers: serverDefaultCallers(server, workloads, findings), l7: false, source: sourceOf(server) });
  }
  for (const policy of manifests.filter((manifest) => manifest.kind === "AuthorizationPolicy")) {
    const source = sourceOf(policy);
    const namespace = namespaceOf(policy);
    const kind = String(get(policy, ["spec", "targetRef", "kind"]) ?? "");
    const name = String(get(policy, ["spec", "targetRef", "name"]) ?? "");
    let servers: Manifest[] = [];
    let l7 = false;
    if (kind === "Server") servers = [find("Server", name, namespace)].filter((server): server is Manifest => server !== undefined);
    else if (kind === "HTTPRoute") {
      const route = find("HTTPRoute", name, namespace);
      l7 = true;
      const parents = route ? list(route, ["spec", "parentRefs"]).filter(isObject).filter((parent) => parent.kind === "Server") : [];
      servers = parents.map((parent) => find("Server", String(parent.name), namespace)).filter((server): server is Manifest => server !== undefined);
    } else if (kind === "Namespace") servers = manifests.filter((manifest) => manifest.kind === "Server" && namespaceOf(manifest) === name);
    const targets = [...new Set(servers.flatMap((server) => serverTargets(server) ?? []))];
    if (targets.length === 0) {
      findings.notices.push(`${source}: targetRef ${kind} ${name} leads to no Server of the manifests that picks a workload, skipped`);
      continue;
    }
    const callers = authenticatedCallers(policy, namespace, find, workloads);
    if ("problem" in callers) findings.unmapped.push({ targets, why: `${source}: ${callers.problem}` });
    else findings.grants.push({ targets, callers: callers.callers, l7, source });
  }
}

// --- internal ---

type Find = (kind: string, name: string, namespace: string) => Manifest | undefined;

/**
 * Whom a Server lets in before any AuthorizationPolicy: its `accessPolicy` (Linkerd 2.16+; the CRD's
 * default is deny, charts/linkerd-crds/templates/policy/server.yaml), whose allow modes and audit the
 * policy controller adds as authorizations (policy-controller/k8s/index/src/defaults.rs
 * default_authzs; index.rs extends the Server's authorizations with them). An unknown mode fails
 * to parse there and the Server denies, as without one. The `cluster-*` modes admit the cluster's
 * networks, which every caller of the scenario is taken to be in; the `*-authenticated` ones the
 * meshed workloads only, not the plaintext load generator.
 */
function serverDefaultCallers(server: Manifest, workloads: Workloads, findings: AccessFindings): Caller[] | "everyone" {
  const mode = get(server, ["spec", "accessPolicy"]);
  if (mode === undefined || mode === null || mode === "deny") return [];
  if (mode === "all-unauthenticated" || mode === "cluster-unauthenticated" || mode === "audit") return "everyone";
  if (mode === "all-authenticated" || mode === "cluster-authenticated") return [...workloads.all];
  findings.notices.push(`${sourceOf(server)}: spec.accessPolicy ${JSON.stringify(mode)} is no mode Linkerd knows, so it denies as without one`);
  return [];
}

/** Every ref must hold: the callers are those all of them let in. */
function authenticatedCallers(policy: Manifest, namespace: string, find: Find, workloads: Workloads): { callers: Caller[] | "everyone" } | { problem: string } {
  const refs = list(policy, ["spec", "requiredAuthenticationRefs"]).filter(isObject);
  let callers: Caller[] | "everyone" = "everyone";
  for (const [index, ref] of refs.entries()) {
    const refNamespace = typeof ref.namespace === "string" ? ref.namespace : namespace;
    const name = String(ref.name ?? "");
    let these: Caller[] | "everyone";
    if (ref.kind === "ServiceAccount") these = workloads.withServiceAccount(refNamespace, name);
    else if (ref.kind === "MeshTLSAuthentication") {
      const authentication = find("MeshTLSAuthentication", name, refNamespace);
      if (!authentication) return { problem: `spec.requiredAuthenticationRefs[${index}] names MeshTLSAuthentication ${name}, which the manifests do not hold` };
      const read = meshTlsCallers(authentication, workloads);
      if (read === undefined) return { problem: `MeshTLSAuthentication ${name} names identities the import cannot read (it reads <account>.<namespace>.serviceaccount.identity.linkerd.<domain>, * and identityRefs)` };
      these = read;
    } else if (ref.kind === "NetworkAuthentication") {
      const authentication = find("NetworkAuthentication", name, refNamespace);
      const cidrs = authentication ? list(authentication, ["spec", "networks"]).filter(isObject).map((network) => String(network.cidr)) : [];
      if (!cidrs.includes("0.0.0.0/0") && !cidrs.includes("::/0")) return { problem: `spec.requiredAuthenticationRefs[${index}] is NetworkAuthentication ${name}, which lets callers in by address; the scenario's services have none` };
      these = "everyone";
    } else return { problem: `spec.requiredAuthenticationRefs[${index}] kind ${String(ref.kind)}, which Linkerd does not know` };
    callers = callers === "everyone" ? these : these === "everyone" ? callers : callers.filter((caller) => these.includes(caller));
  }
  return { callers };
}

/** The meshed callers a MeshTLSAuthentication names; "*" is every meshed workload (not the plaintext load generator). */
function meshTlsCallers(authentication: Manifest, workloads: Workloads): Caller[] | undefined {
  const callers: Caller[] = [];
  const add = (found: readonly Caller[]): void => {
    for (const caller of found) if (!callers.includes(caller)) callers.push(caller);
  };
  for (const identity of stringList(authentication, ["spec", "identities"])) {
    if (identity === "*") {
      add(workloads.all);
      continue;
    }
    const match = /^([^.]+)\.([^.]+)\.serviceaccount\.identity\.linkerd\./.exec(identity);
    if (!match) return undefined;
    const account = match[1] === "*" ? "*" : match[1];
    const found = workloads.withServiceAccount(match[2], account);
    add(found.length === 0 && /ingress|gateway/.test(account) ? [LOAD_GENERATOR] : found);
  }
  for (const ref of list(authentication, ["spec", "identityRefs"]).filter(isObject)) {
    const namespace = typeof ref.namespace === "string" ? ref.namespace : namespaceOf(authentication);
    if (ref.kind === "ServiceAccount") add(workloads.withServiceAccount(namespace, String(ref.name)));
    else if (ref.kind === "Namespace") add(ref.name === "*" ? workloads.all : workloads.inNamespace(String(ref.name)));
    else return undefined;
  }
  return callers;
}
