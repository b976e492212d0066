// Property tests for parseScenario: whatever document it is fed (arbitrary JSON, or a valid
// scenario broken in a few random places), it returns a Scenario or throws a one-line
// ScenarioError naming the file, and never any other exception.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { richDocument, validDocument } from "./_valid-scenario.js";

const FILE = "fuzzed-scenario.yaml";
const SHA256 = "0".repeat(64);

/** A path into a document: object keys and array indices. */
type Path = Array<string | number>;

/**
 * One way to break a document. `pick` chooses the target among the document's candidate paths
 * at the time the mutation is applied (modulo their number), so mutations compose.
 */
type Mutation =
  | { kind: "delete-key"; pick: number }
  | { kind: "replace-leaf"; pick: number; value: unknown }
  | { kind: "replace-node"; pick: number; value: unknown }
  | { kind: "add-key"; pick: number; key: string; value: unknown }
  | { kind: "rename-service"; pick: number; name: string }
  | { kind: "rename-service-everywhere"; pick: number; name: string }
  | { kind: "swap-service-names"; pick: number; other: number };

/** Values a YAML or JSON file can produce, including YAML's .nan and .inf that JSON cannot. */
const fileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 2 ** 31, 1e300, "", "front", null, true, [], {}) },
);

/** Keys: misspellings of real keys (so "did you mean" is exercised), odd strings and prototype names. */
const keyName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("replica", "servicetime", "rate", "meanms", "cal", "sequnce", "paralel", "node", "__proto__", "constructor", "toString", "", "a b", "line\nbreak"),
  fc.string({ maxLength: 12 }),
);

/** New service names: taken ones, invalid ones, and arbitrary strings. */
const serviceName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("web", "api", "db", "front", "back", "Web", "", "x".repeat(300), "new-name", "svc.v2"),
  fc.string({ maxLength: 12 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete-key" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("replace-leaf" as const), pick: fc.nat(), value: fileValue }),
  fc.record({ kind: fc.constant("replace-node" as const), pick: fc.nat(), value: fileValue }),
  fc.record({ kind: fc.constant("add-key" as const), pick: fc.nat(), key: keyName, value: fileValue }),
  fc.record({ kind: fc.constant("rename-service" as const), pick: fc.nat(), name: serviceName }),
  fc.record({ kind: fc.constant("rename-service-everywhere" as const), pick: fc.nat(), name: serviceName }),
  fc.record({ kind: fc.constant("swap-service-names" as const), pick: fc.nat(), other: fc.nat() }),
);

/** A valid base document broken by one to four mutations. */
const almostValidDocument: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(validDocument, richDocument), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([makeBase, mutations]) => mutations.reduce(applyMutation, makeBase() as unknown));

describe("parseScenario (property)", () => {
  it("the base documents are valid, so mutations start from a scenario that loads", () => {
    expect(parseScenario(FILE, validDocument(), SHA256).name).toBe("shop");
    expect(parseScenario(FILE, richDocument(), SHA256).name).toBe("rich-shop");
  });

  it("parseScenario(arbitrary JSON) returns a Scenario or throws a one-line ScenarioError", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expectScenarioOrScenarioError(value)),
      { numRuns: 2000 },
    );
  });

  it("parseScenario(an almost valid scenario) returns a Scenario or throws a one-line ScenarioError", () => {
    fc.assert(
      fc.property(almostValidDocument, (document) => expectScenarioOrScenarioError(document)),
      { numRuns: 5000 },
    );
  });
});

// --- internal ---

function expectScenarioOrScenarioError(value: unknown): void {
  let scenario;
  try {
    scenario = parseScenario(FILE, value, SHA256);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    const { message, file } = error as ScenarioError;
    expect(file).toBe(FILE);
    expect(message.startsWith(`${FILE}: `)).toBe(true);
    expect(message).not.toMatch(/[\r\n\u2028\u2029]/);
    return;
  }
  expect(scenario.file).toBe(FILE);
  expect(scenario.topology.services.length).toBeGreaterThan(0);
}

function applyMutation(document: unknown, change: Mutation): unknown {
  const copy = structuredClone(document);
  switch (change.kind) {
    case "delete-key": {
      const target = choose(pathsWhere(copy, (_value, path) => typeof path.at(-1) === "string"), change.pick);
      if (target === undefined) return copy;
      delete (valueAt(copy, target.slice(0, -1)) as Record<string, unknown>)[target.at(-1) as string];
      return copy;
    }
    case "replace-leaf":
    case "replace-node": {
      const isLeaf = (value: unknown) => typeof value !== "object" || value === null;
      const candidates = pathsWhere(copy, (value) => change.kind === "replace-node" || isLeaf(value));
      const target = choose(candidates, change.pick);
      if (target === undefined || target.length === 0) return structuredClone(change.value);
      setAt(copy, target, structuredClone(change.value));
      return copy;
    }
    case "add-key": {
      const objects = pathsWhere(copy, (value) => typeof value === "object" && value !== null && !Array.isArray(value));
      const target = choose(objects, change.pick);
      if (target === undefined) return copy;
      // defineProperty, not assignment: `__proto__` must become an own key, as a YAML parser makes it.
      Object.defineProperty(valueAt(copy, target), change.key, { value: structuredClone(change.value), enumerable: true, writable: true, configurable: true });
      return copy;
    }
    case "rename-service-everywhere": {
      // Renames a service and every entry and call naming it: valid whenever the new name is.
      const services = typeof copy === "object" && copy !== null ? (copy as { services?: unknown }).services : undefined;
      if (!Array.isArray(services) || services.length === 0) return copy;
      const service = services[change.pick % services.length] as { name?: unknown } | null;
      if (typeof service !== "object" || service === null) return copy;
      const oldName = service.name;
      service.name = change.name;
      const references = pathsWhere(copy, (value, path) => value === oldName && (path.at(-1) === "entry" || path.at(-1) === "call"));
      for (const path of references) setAt(copy, path, change.name);
      return copy;
    }
    case "rename-service":
    case "swap-service-names": {
      const services = typeof copy === "object" && copy !== null ? (copy as { services?: unknown }).services : undefined;
      if (!Array.isArray(services) || services.length === 0) return copy;
      const service = services[change.pick % services.length];
      if (typeof service !== "object" || service === null) return copy;
      const other = change.kind === "swap-service-names" ? services[change.other % services.length] : undefined;
      const name = change.kind === "rename-service" ? change.name : (other as { name?: unknown } | undefined)?.name;
      (service as { name?: unknown }).name = name;
      return copy;
    }
  }
}

/** Every path in `root` (root itself is []) whose value passes `keep`. */
function pathsWhere(root: unknown, keep: (value: unknown, path: Path) => boolean): Path[] {
  const found: Path[] = [];
  const walk = (value: unknown, path: Path): void => {
    if (keep(value, path)) found.push(path);
    if (Array.isArray(value)) value.forEach((child, index) => walk(child, [...path, index]));
    else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    }
  };
  walk(root, []);
  return found;
}

function choose<T>(items: T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], root);
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = valueAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}
