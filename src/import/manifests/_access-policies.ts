/**
 * What the security readers (Istio, Linkerd, Kuma, Consul, Cilium) hand back: grants of access
 * from callers to the workloads a policy protects, policies the scenario cannot hold (their
 * workloads then get no policy, so no call is denied that the mesh would allow), and mTLS modes.
 * Also the workload look-ups they share: by namespace, labels, service account and service name.
 */

import type { FieldPath, Manifest } from "../traffic/index.js";
import { describe, fail, get } from "./_objects.js";
import type { DeployedWorkload } from "./deployment-shape.js";

/** The scenario's name for the load generator in an allow list. */
export const LOAD_GENERATOR = "load-generator" as const;

export type Caller = DeployedWorkload | typeof LOAD_GENERATOR;

/** One policy's (or rule's) say on who may call `targets`. */
export interface AccessGrant {
  targets: DeployedWorkload[];
  /** "everyone": the policy restricts no caller. */
  callers: Caller[] | "everyone";
  /** The grant looks at requests (paths, methods, headers): evaluated at L7. */
  l7: boolean;
  /** "k8s/policy.yaml: AuthorizationPolicy get-details". */
  source: string;
}

export type MtlsMode = "off" | "permissive" | "strict";

/** What the readers found, gathered by read-access-policies.ts. */
export interface AccessFindings {
  grants: AccessGrant[];
  /** Policies that protect `targets` in a way an allow list cannot say: those targets get no policy. */
  unmapped: Array<{ targets: DeployedWorkload[]; why: string }>;
  /** An mTLS mode for the whole mesh, or for some workloads. */
  mtls: Array<{ mode: MtlsMode; targets?: DeployedWorkload[]; from: string }>;
  notImported: string[];
  notices: string[];
}

export function createFindings(): AccessFindings {
  return { grants: [], unmapped: [], mtls: [], notImported: [], notices: [] };
}

/** Look-ups over the workloads of the manifests. */
export class Workloads {
  constructor(readonly all: readonly DeployedWorkload[]) {}

  inNamespace(namespace: string): DeployedWorkload[] {
    return this.all.filter((workload) => workload.namespace === namespace);
  }

  /** Those (in `namespace`, if given) whose pod labels hold every one of `labels`. */
  withLabels(labels: Record<string, string>, namespace?: string): DeployedWorkload[] {
    return this.all.filter((workload) => (namespace === undefined || workload.namespace === namespace) && Object.entries(labels).every(([key, value]) => workload.podLabels[key] === value));
  }

  /** Those whose pods run as service account `name` of `namespace` ("*": any of the namespace). */
  withServiceAccount(namespace: string, name: string): DeployedWorkload[] {
    return this.all.filter((workload) => workload.namespace === namespace && (name === "*" || workload.serviceAccount === name));
  }

  /** Those a mesh knows as service `name`: the workload's own name or a Service selecting it. */
  named(name: string): DeployedWorkload[] {
    return this.all.filter((workload) => workload.aliases.includes(name));
  }
}

/** "k8s/policy.yaml: AuthorizationPolicy get-details". */
export function sourceOf(manifest: Manifest): string {
  return describe(manifest);
}

/**
 * The strings of the list at `path`; absent gives [].
 * @throws ScenarioError naming the field when it is no list of strings (a lone string would
 *   otherwise read as no entry at all, and widen who may call)
 */
export function stringList(manifest: Manifest, path: FieldPath): string[] {
  const value = get(manifest, path);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(manifest, path, `must be a list of strings, not ${JSON.stringify(value)}`);
  value.forEach((entry, index) => {
    if (typeof entry !== "string") fail(manifest, [...path, index], `must be a string, not ${JSON.stringify(entry)}`);
  });
  return value as string[];
}

/** A string map such as matchLabels; anything else gives {}. */
export function labelsOf(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
}
