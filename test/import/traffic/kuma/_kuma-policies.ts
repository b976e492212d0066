// Shared by the Kuma policy tests: a one-off policy of a kind, written to a scratch folder.

import type { createScratch } from "../_traffic-fixtures.js";

/**
 * A kuma.io/v1alpha1 policy named `name` of `kind` with `spec` (YAML indented under spec:), in
 * `file` of the scratch folder.
 */
export function kumaPolicy(scratch: ReturnType<typeof createScratch>, kind: string, spec: string, name = "p", file = `${kind}-${name}.yaml`): string {
  return scratch.write(file, `apiVersion: kuma.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`);
}

/** A spec whose one to[] entry names httpbin with `conf` (YAML indented under default:). */
export function toHttpbin(conf: string, targetRef = "{ kind: MeshService, name: httpbin }"): string {
  return `  to:\n    - targetRef: ${targetRef}\n      default:\n${conf}`;
}
