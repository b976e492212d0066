// Shared by the proxy-scope import tests: a Deployment of namespace shop whose pod template carries
// the given annotations (a mesh's injection, its scoping).

/** A Deployment `name` (label app: name) as YAML, its pod template annotated with `annotations`. */
export function annotatedDeployment(name: string, annotations: Record<string, string>): string {
  const listed = Object.entries(annotations).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ");
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} }, annotations: { ${listed} } }
    spec: { containers: [{ name: ${name}, image: example/${name} }] }
`;
}
