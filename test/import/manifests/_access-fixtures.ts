// Shared by the security-policy import tests: three workloads of namespace shop (web, api, db, each
// with its own service account and a Service of its name) and one of namespace ops (monitor), with
// the policy documents a test adds; the shape's policies read back by names.

import { importDeploymentShape, type DeploymentShape } from "../../../src/import/manifests/index.js";
import { parseManifests } from "../../../src/import/traffic/index.js";

const WORKLOADS: Array<[name: string, namespace: string, labels: string]> = [
  ["web", "shop", "app: web, tier: front"],
  ["api", "shop", "app: api, tier: back"],
  ["db", "shop", "app: db, tier: back"],
  ["monitor", "ops", "app: monitor"],
];

/** The deployment shape of the four workloads plus `documents` (YAML documents, without separators). */
export function shapeWith(...documents: string[]): DeploymentShape {
  const workloads = WORKLOADS.map(
    ([name, namespace, labels]) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { ${labels} } }
    spec: { serviceAccountName: ${name}-sa, containers: [{ name: ${name}, image: example/${name} }] }
---
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${namespace} }
spec: { selector: { app: ${name} } }
`,
  );
  return importDeploymentShape(parseManifests("k8s.yaml", [...workloads, ...documents].join("---\n")), ["k8s.yaml"]);
}

/** The shape's policies as `to <- callers (l7)`, e.g. "api <- web, load-generator (l7)". */
export function policiesOf(shape: DeploymentShape): string[] {
  return (shape.policies ?? []).map((policy) => {
    const callers = policy.allowFrom.map((caller) => (typeof caller === "string" ? caller : caller.name));
    return `${policy.to.name} <- ${callers.join(", ") || "nobody"}${policy.l7 ? " (l7)" : ""}`;
  });
}
