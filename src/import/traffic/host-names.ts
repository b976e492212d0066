/**
 * Kubernetes host names to the short names a scenario uses: a cluster-local FQDN
 * ("reviews.default.svc.cluster.local") or `name.namespace` form names the service alone.
 */

/**
 * The scenario name for a host: `<name>.<namespace>.svc[.<cluster domain>]` gives `<name>`;
 * `<name>.<namespace>` gives `<name>` only when `<name>` is a service of the scenario (otherwise
 * it may be an outside domain such as `example.com`); any other name is kept whole.
 * @example shortHostName("reviews.default.svc.cluster.local", new Set()) // "reviews"
 */
export function shortHostName(host: string, serviceNames: ReadonlySet<string>): string {
  const labels = host.split(".");
  if (labels.length >= 3 && labels[2] === "svc") return labels[0];
  if (labels.length === 2 && serviceNames.has(labels[0]) && !serviceNames.has(host)) return labels[0];
  return host;
}

/** Whether a host name is a wildcard (`*`, `*.example.com`), which names no single service. */
export function isWildcardHost(host: string): boolean {
  return host.startsWith("*");
}
