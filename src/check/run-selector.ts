/**
 * Which runs a threshold or a regression limit applies to, written before its colon:
 * `mesh[(path=value,...)][@rps][/requestType]` (a sweep's `--set` values in parentheses, as the
 * check's table names its runs; a closed loop's load as `@8users`), with `*` for any mesh or any
 * request type. No selector means every run as a whole (all meshes, all load points, all `--set`
 * values, not split by request type).
 */

import type { RunSummary } from "../runner/index.js";
import type { CheckSubject, PointOfRun } from "./check-metric.js";

export interface RunSelector {
  /** A mesh id, or `*` for every mesh. */
  mesh: string;
  /** Only the runs of a sweep with these `--set` values (path -> the value as written); undefined: any. */
  parameters?: Record<string, string>;
  /** Only the load point at this many requests per second; undefined: every load point. */
  rps?: number;
  /** Only the closed loop of this many users (`@8users`); undefined: every load point. */
  users?: number;
  /** Undefined: runs as a whole; `*`: every request type; else one request type's name. */
  requestType?: string;
}

/** Every run as a whole: what an expression without a selector applies to. */
export const EVERY_RUN: RunSelector = { mesh: "*" };

/**
 * Parses `mesh[(path=value,...)][@rps][/requestType]` (`@8users` for a closed loop); returns the reason when it cannot.
 * @example parseSelector("istio@1000/checkout") // { mesh: "istio", rps: 1000, requestType: "checkout" }
 * @example parseSelector("istio(services.cart.replicas=2)@100").parameters // { "services.cart.replicas": "2" }
 */
export function parseSelector(text: string): RunSelector | string {
  const match = /^([^@/\s()]+)(?:\(([^()]*)\))?(?:@([^/\s]+))?(?:\/(\S+))?$/.exec(text.trim());
  if (!match) return `has a selector ${JSON.stringify(text)} that is not mesh, mesh@rps, mesh(path=value)@rps, mesh/requestType or */requestType`;
  const [, mesh, parametersText, rpsText, requestType] = match;
  const parameters = parametersText === undefined ? undefined : parseParameters(parametersText);
  if (typeof parameters === "string") return parameters;
  const selector: RunSelector = { mesh, ...(parameters ? { parameters } : {}), requestType };
  if (rpsText === undefined) return selector;
  const users = /^(\d+)users$/.exec(rpsText);
  if (users) return Number(users[1]) > 0 ? { ...selector, users: Number(users[1]) } : `has ${JSON.stringify(rpsText)} after @: a closed loop has at least 1 user`;
  const rps = Number(rpsText.replace(/rps$/, ""));
  if (!(Number.isFinite(rps) && rps > 0)) return `has a load ${JSON.stringify(rpsText)} after @ that is not a positive number of requests per second`;
  return { ...selector, rps };
}

/**
 * How a selector is written back, `*` for every run.
 * @example describeSelector({ mesh: "istio", requestType: "*" }) // "istio/*"
 */
export function describeSelector(selector: RunSelector): string {
  const parameters = selector.parameters === undefined ? "" : `(${Object.entries(selector.parameters).map(([path, value]) => `${path}=${value}`).join(",")})`;
  return `${selector.mesh}${parameters}${selector.rps !== undefined ? `@${selector.rps}` : ""}${selector.users !== undefined ? `@${selector.users}users` : ""}${selector.requestType !== undefined ? `/${selector.requestType}` : ""}`;
}

/**
 * The subjects of `runs` a selector picks, in the runs' order (request types in each run's
 * order). A mesh is matched by id; `aliases` maps other spellings (linkerd) to ids.
 */
export function selectSubjects(runs: Array<RunSummary & Pick<PointOfRun, "parameters">>, selector: RunSelector, aliases: Record<string, string> = MESH_ALIASES): CheckSubject[] {
  const mesh = aliases[selector.mesh] ?? selector.mesh;
  const subjects: CheckSubject[] = [];
  for (const run of runs) {
    if (mesh !== "*" && run.mesh !== mesh) continue;
    // A closed loop's rps is 0: only its users select it.
    if (selector.rps !== undefined && (run.users !== undefined || !sameRate(run.rps, selector.rps))) continue;
    if (selector.users !== undefined && run.users !== selector.users) continue;
    if (selector.parameters !== undefined && !hasParameters(run, selector.parameters)) continue;
    if (selector.requestType === undefined) subjects.push({ run });
    else if (selector.requestType === "*") subjects.push(...Object.keys(run.byRequestType).map((requestType) => ({ run, requestType })));
    else if (selector.requestType in run.byRequestType) subjects.push({ run, requestType: selector.requestType });
  }
  return subjects;
}

/**
 * Whether two runs (of two documents) are the same point: mesh, load (the rate, or a closed
 * loop's users) and a sweep's `--set` values.
 * @example samePoint({ mesh: "istio", rps: 100 }, { mesh: "istio", rps: 100, parameters: { "load.durationS": 10 } }) // false
 */
export function samePoint(a: PointOfRun, b: PointOfRun): boolean {
  return a.mesh === b.mesh && sameRate(a.rps, b.rps) && a.users === b.users && parametersKey(a) === parametersKey(b);
}

/**
 * Whether two rates are the same load point (rates read back from JSON may differ in the last bit).
 * @example sameRate(1000, 1000.0000000001) // true
 */
export function sameRate(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
}

// --- internal ---

/** The alias the mesh catalogue accepts on the command line (the README: linkerd is linkerd2). */
const MESH_ALIASES: Record<string, string> = { linkerd: "linkerd2" };

/** `services.cart.replicas=2, load.arrival=uniform`: each a dotted path and a value, as `--set` writes them. */
function parseParameters(text: string): Record<string, string> | string {
  const parameters: Record<string, string> = {};
  for (const entry of text.split(",")) {
    const match = /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)=(.+)$/.exec(entry.trim());
    if (!match) return `has --set values ${JSON.stringify(`(${text})`)} that are not path=value[,path=value...], e.g. istio(services.cart.replicas=2)@100`;
    parameters[match[1]] = match[2].trim();
  }
  return parameters;
}

/**
 * Whether the run was made with every one of these `--set` values: the same text, or the same
 * number (`2.0` picks a run of 2).
 */
function hasParameters(run: Pick<PointOfRun, "parameters">, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([path, text]) => {
    const value = run.parameters?.[path];
    if (value === undefined) return false;
    if (String(value) === text) return true;
    return typeof value === "number" && text.trim() !== "" && Number(text) === value;
  });
}

/** A run's `--set` values in a comparable form (paths in a fixed order: JSON read back keeps it, but a hand-edited file may not). */
function parametersKey(run: PointOfRun): string {
  return run.parameters === undefined ? "" : JSON.stringify(Object.entries(run.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
