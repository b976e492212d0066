/**
 * How many times a call through a traffic rule reaches its backends on average, where that is
 * known from the scenario alone: retries on 5xx of backends that answer a known share of calls
 * with a 500 (services[].failures.errorRate). Each try picks a backend by weight, so the chance a
 * try fails is the weighted error rate e, and n retries make 1 + e + e^2 + ... + e^n tries. A lower
 * bound: a call deadline or a cap on retries in flight may cut tries short, so those count none,
 * and a retry budget caps the extra tries at its ratio.
 */

import { catchAllRoute, type Topology } from "../model/index.js";
import { ruleFor } from "./host-backends.js";

/**
 * Expected tries per call to `host` under its rule (1 without retries or failures).
 * @example expectedTries(topology, "reviews") // 1.25 for 2 retries on 5xx at an error rate of 0.2
 */
export function expectedTries(topology: Topology, host: string): number {
  const rule = ruleFor(topology, host);
  const route = rule ? catchAllRoute(rule) : undefined;
  const retries = route?.retries;
  if (!rule || !route || !retries || retries.attempts === 0 || !retries.retryOn.includes("5xx")) return 1;
  // Unknown how many tries a deadline or a retry cap lets through: count none.
  if (route.timeoutMs !== undefined || Number.isFinite(rule.circuitBreaker?.maxRetries ?? Infinity)) return 1;
  const errorRate = new Map(topology.services.map((service) => [service.name, service.failures?.errorRate ?? 0]));
  const totalWeight = route.backends.reduce((sum, backend) => sum + backend.weight, 0);
  if (!(totalWeight > 0)) return 1;
  const failing = route.backends.reduce((sum, backend) => sum + (backend.weight / totalWeight) * (errorRate.get(backend.service) ?? 0), 0);
  let tries = 0;
  for (let attempt = 0, chance = 1; attempt <= retries.attempts; attempt++, chance *= failing) tries += chance;
  return rule.retryBudget ? Math.min(tries, 1 + rule.retryBudget.ratio) : tries;
}
