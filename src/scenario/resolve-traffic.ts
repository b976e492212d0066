/**
 * Turns the scenario's `traffic` list (and rules imported from manifests) into TrafficRules:
 * checks names, weights and protocols a schema cannot, and applies the defaults of the fields
 * that have mesh-independent ones (Envoy's retry back-off, outlier detection, Linkerd's budget).
 */

import type { CallNode, RequestType, Service, TrafficRule } from "../mesh/index.js";
import type { RawTrafficRule } from "./raw-traffic-rule.js";
import { suggest } from "./validate-document.js";
import type { Fail } from "./_fail.js";

/** Rules noted one by one as called by no request type; the rest share one note. */
const UNCALLED_RULES_LISTED = 10;

/** A raw rule and the field path errors about it should name. */
export interface SourcedRule {
  rule: RawTrafficRule;
  field: string;
}

/**
 * Resolves rules in order; a host may have one rule only.
 * @throws ScenarioError (through `fail`) for unknown services, duplicate hosts, a backend listed twice in a route, zero weights
 */
export function resolveTraffic(sourced: SourcedRule[], services: Service[], fail: Fail): TrafficRule[] {
  const byName = new Map(services.map((service) => [service.name, service]));
  const names = [...byName.keys()];
  const seen = new Map<string, string>();
  return sourced.map(({ rule, field }) => {
    const earlier = seen.get(rule.host);
    if (earlier) fail(`${field}.host`, `${rule.host} already has a rule (${earlier}); one rule per host`);
    seen.set(rule.host, field);
    const routes = rule.routes.map((route, r) => {
      const at = `${field}.routes[${r}]`;
      const listed = new Map<string, number>();
      route.backends.forEach((backend, b) => {
        if (!byName.has(backend.service)) fail(`${at}.backends[${b}].service`, unknown(backend.service, names));
        // Twice in one route reads as a split that is not one: its share is the sum of its weights.
        const first = listed.get(backend.service);
        if (first !== undefined) fail(`${at}.backends[${b}].service`, `names ${backend.service} again (backends[${first}]); list each backend once, with its whole weight`);
        listed.set(backend.service, b);
      });
      const total = route.backends.reduce((sum, backend) => sum + (backend.weight ?? 1), 0);
      if (total <= 0) fail(`${at}.backends`, "weights add up to 0; at least one backend needs a positive weight");
      const retries = route.retries;
      if (retries?.perTryTimeoutMs !== undefined && route.timeoutMs !== undefined && retries.perTryTimeoutMs > route.timeoutMs) {
        fail(`${at}.retries.perTryTimeoutMs`, `${retries.perTryTimeoutMs} ms is longer than the route's timeoutMs ${route.timeoutMs}`);
      }
      return {
        // Header names are case-insensitive: compared lower-case on both sides.
        ...(route.match ? { match: { headers: lowerCaseNames(route.match.headers) } } : {}),
        backends: route.backends.map((backend) => ({ service: backend.service, weight: backend.weight ?? 1 })),
        ...(route.timeoutMs !== undefined ? { timeoutMs: route.timeoutMs } : {}),
        ...(retries
          ? {
              retries: {
                attempts: retries.attempts,
                ...(retries.perTryTimeoutMs !== undefined ? { perTryTimeoutMs: retries.perTryTimeoutMs } : {}),
                retryOn: retries.retryOn ?? ["5xx"],
                backoffMs: retries.backoffMs ?? 25,
              },
            }
          : {}),
        ...(route.fault
          ? {
              fault: {
                ...(route.fault.delay ? { delay: { ...route.fault.delay } } : {}),
                ...(route.fault.abort ? { abort: { percent: route.fault.abort.percent, status: route.fault.abort.status ?? 503 } } : {}),
              },
            }
          : {}),
      };
    });
    checkOneProtocol(rule, field, byName, fail);
    checkHttpOnly(rule, field, byName, fail);
    const outlier = rule.outlierDetection;
    const budget = rule.retryBudget;
    const limit = rule.rateLimit;
    return {
      host: rule.host,
      routes,
      ...(rule.loadBalancer ? { loadBalancer: rule.loadBalancer } : {}),
      ...(rule.localityLoadBalancing !== undefined ? { localityLoadBalancing: rule.localityLoadBalancing } : {}),
      ...(rule.circuitBreaker ? { circuitBreaker: { ...rule.circuitBreaker } } : {}),
      ...(outlier
        ? {
            outlierDetection: {
              consecutive5xx: outlier.consecutive5xx ?? 5,
              intervalMs: outlier.intervalMs ?? 10_000,
              baseEjectionMs: outlier.baseEjectionMs ?? 30_000,
              maxEjectionPercent: outlier.maxEjectionPercent ?? 10,
            },
          }
        : {}),
      ...(budget ? { retryBudget: { ratio: budget.ratio, minPerSecond: budget.minPerSecond ?? 10, ttlMs: budget.ttlMs ?? 10_000 } } : {}),
      ...(limit ? { rateLimit: { requestsPerSecond: limit.requestsPerSecond, burst: limit.burst ?? limit.requestsPerSecond } } : {}),
      source: rule.source ?? field,
    };
  });
}

/** HTTP header names are case-insensitive (HTTP/2 sends them lower-case, as Istio matches them). */
export function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * A note for each rule whose host no call of any request type names: such a rule (a misspelt
 * host, or one on a backend's own name, which calls addressed to the host never reach) acts on
 * nothing, which a run would otherwise show only as its zero counts. Past UNCALLED_RULES_LISTED
 * such rules, the rest are counted in one note rather than a line each. O(calls + rules).
 * @example uncalledRuleNotices(rules, requestTypes) // ["traffic[0]: no request type calls bak, so this rule applies to no call"]
 */
export function uncalledRuleNotices(traffic: readonly TrafficRule[], requestTypes: readonly RequestType[]): string[] {
  const called = new Set<string>();
  const visit = (node: CallNode): void => {
    if (node.kind === "call") called.add(node.service);
    for (const child of node.kind === "call" ? node.calls : node.nodes) visit(child);
  };
  for (const type of requestTypes) visit(type.root);
  const uncalled = traffic.filter((rule) => !called.has(rule.host));
  const listed = uncalled.slice(0, UNCALLED_RULES_LISTED).map((rule) => `${rule.source}: no request type calls ${rule.host}, so this rule applies to no call`);
  const more = uncalled.length - listed.length;
  return more > 0 ? [...listed, `${more} more rules (${uncalled[UNCALLED_RULES_LISTED].source} and after) have hosts no request type calls, so they apply to no call`] : listed;
}

// --- internal ---

/** A host's backends (and the host, if it is a service) must speak one protocol: one proxy config carries them. */
function checkOneProtocol(rule: RawTrafficRule, field: string, byName: Map<string, Service>, fail: Fail): void {
  const members = [rule.host, ...rule.routes.flatMap((route) => route.backends.map((backend) => backend.service))];
  const protocols = new Set(members.filter((name) => byName.has(name)).map((name) => byName.get(name)!.protocol));
  if (protocols.size > 1) fail(`${field}.routes`, `backends of ${rule.host} speak different protocols (${[...protocols].join(", ")}); a host's backends must share one`);
}

/** Header routes, retries, timeouts and faults act on HTTP requests; a TCP host has none. */
function checkHttpOnly(rule: RawTrafficRule, field: string, byName: Map<string, Service>, fail: Fail): void {
  const backend = byName.get(rule.routes[0].backends[0].service);
  if (backend?.protocol !== "tcp") return;
  rule.routes.forEach((route, r) => {
    for (const key of ["match", "retries", "timeoutMs", "fault"] as const) {
      if (route[key] !== undefined) fail(`${field}.routes[${r}].${key}`, `needs HTTP or gRPC, but ${rule.host} speaks TCP (kind db, cache, queue or protocol tcp)`);
    }
  });
}

function unknown(name: string, names: string[]): string {
  const hint = suggest(name, names);
  return `names unknown service ${name}${hint ? ` (did you mean ${hint}?)` : ""}`;
}
