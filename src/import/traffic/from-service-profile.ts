/**
 * Linkerd ServiceProfile (linkerd.io v1alpha2) to a host's rule: the routes' `isRetryable` and
 * `timeout` as the rule's retries and timeout, `retryBudget` as its retry budget, `dstOverrides`
 * as weighted backends. Behaviour from Linkerd's ServiceProfile reference
 * (https://linkerd.io/2.15/reference/service-profiles/) and its retry and timeout tasks
 * (https://linkerd.io/2.15/tasks/configuring-retries/, /configuring-timeouts/).
 *
 * A ServiceProfile's routes match calls by method and path, which simulated calls do not carry. So
 * the routes must agree on retries and timeout, and the settings then apply to every call to the
 * host; routes that disagree are refused (naming the first that differs) rather than one route's
 * settings being applied to calls that, in Linkerd, another route would take.
 */

import { ManifestReader } from "./_manifest-reader.js";
import { backendsFor, readGoDuration, requirePositiveWeight, type ConvertedResource, type ImportContext, type PolicyPart, type RoutePart } from "./_rule-parts.js";
import { shortHostName } from "./host-names.js";
import { parseQuantity } from "./quantities.js";
import type { FieldPath, Manifest } from "./read-manifests.js";
import type { RawBackend, RawRetries, RawRetryBudget, RawRoute } from "../../scenario/index.js";

/**
 * Converts one ServiceProfile; its metadata.name (the service's FQDN) is the host.
 * @throws ScenarioError naming the field for what a rule cannot express: routes whose retries or
 *   timeouts differ, response classes that change what a retryable route retries, opaque ports
 * @example fromServiceProfile(manifest, context).parts[0].host // "authors"
 */
export function fromServiceProfile(manifest: Manifest, context: ImportContext): ConvertedResource {
  const reader = new ManifestReader(manifest);
  reader.object([], manifest.value, { read: ["apiVersion", "kind", "metadata", "spec"], accept: ["status"] });
  reader.readMetadata();
  const hostPath: FieldPath = ["metadata", "name"];
  const host = shortHostName(reader.string(hostPath, (manifest.value.metadata as { name?: unknown } | undefined)?.name), context.serviceNames);
  const spec = reader.object(["spec"], manifest.value.spec, {
    read: ["routes", "retryBudget", "dstOverrides"],
    refuse: { opaquePorts: "makes the ports opaque, so Linkerd proxies their calls as TCP without HTTP routing; set the service's protocol to tcp instead" },
  });
  const routeNotes: string[] = [];
  const timing = readRoutes(reader, spec.routes, routeNotes, host);
  const { backends, wholeHosts } = readOverrides(reader, spec.dstOverrides, host, context);
  const parts: Array<RoutePart | PolicyPart> = [];
  if (timing || backends) {
    const route: RawRoute = {
      backends: backends ?? backendsFor(reader, hostPath, host, undefined, context),
      ...(timing ?? {}),
      ...(routeNotes.length > 0 ? { note: routeNotes.join("; ") } : {}),
    };
    parts.push({ host, hostPath, reader, routes: [route], subsets: [], wholeHosts: wholeHosts ?? [host] });
  }
  const budget = readRetryBudget(reader, ["spec", "retryBudget"], spec.retryBudget);
  if (budget) parts.push({ host, hostPath, reader, policy: { retryBudget: { value: budget, notes: [] } }, subsets: [] });
  if (parts.length > 0) return { parts };
  return { parts, skipped: `${reader.source} (no route sets a timeout or isRetryable, and no retry budget or dstOverrides: it changes no call)` };
}

// --- internal ---

/**
 * Linkerd sets no count of retries: "Linkerd will then retry as much as it can while maintaining
 * that ratio" (https://linkerd.io/2.15/features/retries-and-timeouts/). The budget bounds them, so
 * the count is the most a rule allows.
 */
const BUDGET_BOUNDED_ATTEMPTS = 100;

/** What one route does with a call. */
interface RouteTiming {
  retryable: boolean;
  /**
   * Absent when the route sets none: Linkerd then times nothing out. Its docs long said "the default
   * timeout is 10 seconds", but linkerd2 2.9 removed that default (github.com/linkerd/linkerd2/pull/4958;
   * controller/api/destination/profile_translator.go toRoute: "No default timeout") and the docs
   * line went (github.com/linkerd/website/pull/1733).
   */
  timeoutMs?: number;
  path: FieldPath;
  name: string;
}

/** The routes' common retries and timeout; undefined when there are no routes or they set neither. */
function readRoutes(reader: ManifestReader, value: unknown, notes: string[], host: string): Pick<RawRoute, "timeoutMs" | "retries"> | undefined {
  const timings = reader.list(["spec", "routes"], value).map((entry, i): RouteTiming => {
    const path: FieldPath = ["spec", "routes", i];
    const route = reader.object(path, entry, { read: ["name", "condition", "isRetryable", "timeout", "responseClasses"] });
    const name = reader.string([...path, "name"], route.name);
    reader.object([...path, "condition"], route.condition ?? {}, { accept: ["method", "pathRegex", "all", "any", "not"] });
    const retryable = reader.optionalBoolean([...path, "isRetryable"], route.isRetryable) ?? false;
    const timeout = readGoDuration(reader, [...path, "timeout"], route.timeout);
    if (timeout === 0) reader.fail([...path, "timeout"], "is 0: a route's timeout must be a positive duration such as 300ms");
    const classes = reader.list([...path, "responseClasses"], route.responseClasses);
    if (classes.length > 0) {
      // Response classes decide what counts as a failure, hence what a retryable route retries.
      if (retryable) reader.fail([...path, "responseClasses"], "changes which responses count as failures, so which ones Linkerd retries, while a traffic rule retries 5xx; write the retries in the scenario's traffic list");
      reader.ignore([...path, "responseClasses"], "failure classes for metrics: the route retries nothing");
    }
    return { retryable, ...(timeout !== undefined ? { timeoutMs: timeout } : {}), path, name };
  });
  if (timings.length === 0) return undefined;
  const [first] = timings;
  const differing = timings.find((timing) => timing.retryable !== first.retryable || timing.timeoutMs !== first.timeoutMs);
  if (differing) {
    const describe = (timing: RouteTiming): string => `${timing.retryable ? "retryable" : "not retryable"}, ${timing.timeoutMs === undefined ? "no timeout" : `timeout ${timing.timeoutMs} ms`}`;
    reader.fail(
      differing.path,
      `(route ${differing.name}: ${describe(differing)}) differs from route ${first.name} (${describe(first)}); simulated calls carry no method or path, so a rule cannot give calls to ${host} per-route retries or timeouts: give every route the same isRetryable and timeout, or write the rule in the scenario's traffic list`,
    );
  }
  if (!first.retryable && first.timeoutMs === undefined) return undefined;
  notes.push(
    `routes match by method and path, which simulated calls lack: every call to ${host} takes their settings (Linkerd gives a call that matches no route neither retries nor a timeout)`,
  );
  const timeout = first.timeoutMs !== undefined ? { timeoutMs: first.timeoutMs } : {};
  if (!first.retryable) return timeout;
  // isRetryable retries the responses Linkerd classifies as failures; with no response class, a 5xx
  // status is one (the books demo retries its route's 500s, linkerd.io/2.15/tasks/books/#retries;
  // the CLI's profile template shows that class, github.com/linkerd/linkerd2 cli/profile/template.go).
  notes.push("isRetryable: Linkerd retries 5xx answers while the retry budget allows, with no count of its own (taken as 100 retries at most)");
  const retries: RawRetries = { attempts: BUDGET_BOUNDED_ATTEMPTS, retryOn: ["5xx"] };
  return { ...timeout, retries };
}

/**
 * retryBudget: the CRD requires all three fields (github.com/linkerd/linkerd2,
 * charts/linkerd-crds/templates/serviceprofile.yaml), and the controller takes them as written
 * (controller/api/destination/profile_translator.go createDestinationProfile), so a missing one is
 * refused rather than filled in. A profile without retryBudget gets the controller's
 * defaultRetryBudget (0.2, 10, 10s), which the linkerd2 profile's traffic.defaults.retryBudget holds.
 */
function readRetryBudget(reader: ManifestReader, path: FieldPath, value: unknown): RawRetryBudget | undefined {
  const budget = reader.optionalObject(path, value, { read: ["retryRatio", "minRetriesPerSecond", "ttl"] });
  if (!budget) return undefined;
  const ratio = reader.number([...path, "retryRatio"], budget.retryRatio, { minimum: 0 });
  const minPerSecond = reader.number([...path, "minRetriesPerSecond"], budget.minRetriesPerSecond, { minimum: 0 });
  const ttlMs = readGoDuration(reader, [...path, "ttl"], budget.ttl);
  if (ttlMs === undefined) reader.fail([...path, "ttl"], "is missing");
  return { ratio, minPerSecond, ...(ttlMs > 0 ? { ttlMs } : {}) };
}

/** dstOverrides: calls to the host go to these authorities by weight (a traffic split). */
function readOverrides(reader: ManifestReader, value: unknown, host: string, context: ImportContext): { backends?: RawBackend[]; wholeHosts?: string[] } {
  const entries = reader.list(["spec", "dstOverrides"], value);
  if (entries.length === 0) return {};
  const wholeHosts: string[] = [];
  const backends = entries.flatMap((entry, i) => {
    const path: FieldPath = ["spec", "dstOverrides", i];
    const override = reader.object(path, entry, { read: ["authority", "weight"] });
    const authority = reader.string([...path, "authority"], override.authority).replace(/:\d+$/, "");
    const service = shortHostName(authority, context.serviceNames);
    const weight = parseQuantity(override.weight);
    if (weight === undefined || weight < 0) reader.fail([...path, "weight"], `is ${JSON.stringify(override.weight)}; it must be a Kubernetes quantity >= 0 such as 500m`);
    if (!wholeHosts.includes(service)) wholeHosts.push(service);
    return backendsFor(reader, [...path, "authority"], service, weight, context);
  });
  requirePositiveWeight(reader, ["spec", "dstOverrides"], backends, `gives every authority weight 0, so no call to ${host} could be sent anywhere`);
  return { backends, wholeHosts };
}
