// Tests for loadScenario and parseScenario: one test per kind of bad input, each pinning the exact
// one-line message (file, field, problem), and every built-in scenario loading cleanly.

import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtInScenarioNames } from "../../src/scenario/built-in-scenarios.js";
import { loadScenario, parseScenario } from "../../src/import/index.js";
import { richDocument, validDocument } from "./_valid-scenario.js";
import { oneLineScenarioErrorOf } from "./_scenario-error-of.js";

const FILE = "shop.yaml";
const SHA256 = "0".repeat(64);
const folder = mkdtempSync(join(tmpdir(), "meshsim-load-scenario-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A call node with `depth` sequences around one call: { sequence: [{ sequence: [... { call: back }] }] }. */
function deepCall(depth: number): unknown {
  let node: unknown = { call: "back" };
  for (let level = 0; level < depth; level++) node = { sequence: [node] };
  return node;
}

/** Writes `text` to a fresh file in the temporary folder and returns its path. */
function writeFixture(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe("loadScenario: the file itself", () => {
  it("loadScenario(a missing file) names the file: no such file", () => {
    const path = join(folder, "missing.yaml");
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).message).toBe(`${path}: no such file`);
  });

  it("loadScenario(a folder) says it is a folder", () => {
    const path = join(folder, "a-folder");
    mkdirSync(path);
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).message).toBe(`${path}: is a folder, not a file`);
  });

  it.each([
    ["an empty file", "empty.yaml", ""],
    ["a file of blank lines", "blank.yaml", "  \n\n"],
    ["a file with only a comment", "comment.yaml", "# nothing here yet\n"],
  ])("loadScenario(%s) says it is empty", (_what, name, text) => {
    const path = writeFixture(name, text);
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).message).toBe(`${path}: is empty`);
  });

  it.each([
    ["an unclosed flow sequence", "broken.yaml", "name: [shop\n", "line 2 column 1", "Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["a duplicate key", "duplicate-key.yaml", "name: a\nname: b\n", "line 2 column 1", "Map keys must be unique"],
    ["tab indentation", "tabs.yaml", "name: shop\n\tservices: []\n", "line 2 column 1", "Tabs are not allowed as indentation"],
    ["unfinished JSON", "broken.json", '{ "name": ', "line 1 column 11", "Flow map must end with a }"],
    ["two documents", "two.yaml", "name: a\n---\nname: b\n", "line 2 column 1", "holds more than one YAML document (---); a scenario is one document"],
  ])("loadScenario(a file with %s) says where it is not valid YAML or JSON", (_what, name, text, where, reason) => {
    const path = writeFixture(name, text);
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).message).toBe(`${path}: ${where} is not valid YAML or JSON: ${reason}`);
  });

  it("loadScenario(broken YAML) names the line and column of the error", () => {
    const path = writeFixture("broken-where.yaml", "name: shop\nservices: [a\n");
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).field).toMatch(/^line \d+ column \d+$/);
  });

  it("loadScenario(a YAML alias bomb) throws a ScenarioError", () => {
    const levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    const path = writeFixture("alias-bomb.yaml", `${levels.join("\n")}\n`);
    oneLineScenarioErrorOf(() => loadScenario(path));
  });

  it("loadScenario(a YAML alias inside its own anchor) names the field that contains itself", () => {
    const path = writeFixture(
      "self-alias.yaml",
      ["name: shop", "requestTypes:", "  - name: get", "    entry: front", "    calls: &calls", "      - sequence: *calls", ""].join("\n"),
    );
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).message).toBe(
      `${path}: requestTypes[0].calls[0].sequence contains itself (a YAML alias inside the node it refers to)`,
    );
  });

  // Regressions: JSON nested 3,000 levels deep overflowed the stack in the key check (exit 1, an
  // internal error); YAML nested that deep was "not valid YAML" with the parser's stack message.
  it.each([
    ["a JSON call tree 1,500 calls deep", "deep.json", JSON.stringify({ name: "shop", requestTypes: [{ name: "get", entry: "front", calls: [deepCall(1500)] }] }), ""],
    ["JSON lists 100,000 levels deep", "deep-lists.json", `{"name": "shop", "x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`, ""],
    ["YAML lists 5,000 levels deep", "deep-lists.yaml", `name: shop\nx: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, "line 2 column"],
  ])("loadScenario(%s) says it is nested too deeply", (_what, name, text, where) => {
    const path = writeFixture(name, text);
    const error = oneLineScenarioErrorOf(() => loadScenario(path));
    expect(error.field.startsWith(where)).toBe(true);
    expect(error.problem).toMatch(/^is nested more than 512 levels deep/);
  });

  it("loadScenario(a YAML file whose top level is a number) says it must be an object", () => {
    const path = writeFixture("number.yaml", "42\n");
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).message).toBe(`${path}: (top level) must be an object, got a number`);
  });

  it("loadScenario(a file that is not a scenario, e.g. a password file) never repeats its content", () => {
    const path = writeFixture("passwd", "root:x:0:0:secret-hash:/root:/bin/bash\n");
    expect(oneLineScenarioErrorOf(() => loadScenario(path)).message).toBe(`${path}: (top level) must be an object, got a string`);
  });

  it("loadScenario(a misspelt built-in name) suggests the built-in", () => {
    const error = oneLineScenarioErrorOf(() => loadScenario("robot-shp"));
    expect(error.message).toBe("robot-shp: is neither a file nor a built-in scenario (did you mean robot-shop?)");
    expect(error.file).toBe("robot-shp");
  });

  it("loadScenario(a name close to no built-in) lists the built-ins", () => {
    expect(oneLineScenarioErrorOf(() => loadScenario("warehouse")).message).toBe(
      "warehouse: is neither a file nor a built-in scenario (built-ins: bookinfo, emojivoto, fortio, online-boutique, robot-shop)",
    );
  });

  it("loadScenario(a valid YAML file) returns the scenario with the SHA-256 of the file's bytes", () => {
    const text = JSON.stringify(validDocument());
    const path = writeFixture("valid.json", text);
    const scenario = loadScenario(path);
    expect(scenario.name).toBe("shop");
    expect(scenario.file).toBe(path);
    expect(scenario.sha256).toBe(createHash("sha256").update(text).digest("hex"));
    expect(scenario.topology.services.map((service) => service.name)).toEqual(["front", "back"]);
  });
});

describe("loadScenario: built-in scenarios", () => {
  it("builtInScenarioNames() lists the five built-ins", () => {
    expect(builtInScenarioNames()).toEqual(["bookinfo", "emojivoto", "fortio", "online-boutique", "robot-shop"]);
  });

  it.each(builtInScenarioNames())("loadScenario(%j) loads without error", (name) => {
    const scenario = loadScenario(name);
    expect(scenario.name).toBe(name);
    expect(scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(scenario.topology.services.length).toBeGreaterThan(0);
    expect(scenario.topology.requestTypes.length).toBeGreaterThan(0);
  });
});

describe("parseScenario", () => {
  it("parseScenario(a valid document) applies the defaults", () => {
    const scenario = parseScenario(FILE, validDocument(), SHA256);
    const [front, back] = scenario.topology.services;
    expect(front).toMatchObject({ name: "front", replicas: 2, concurrency: 1, protocol: "http1", meshed: true, placement: [0, 1] });
    expect(back.placement).toEqual([2]);
    expect(scenario.load).toMatchObject({ type: "open", ratePerSec: 10, durationS: 30, warmupS: 1, client: { node: 0, meshed: false } });
    expect(scenario.topology.cluster.nodes).toBe(3);
  });

  it("parseScenario(a document without mesh.encryption or L7 policies) encrypts nothing and has no l7Policies", () => {
    const scenario = parseScenario(FILE, { ...validDocument(), policies: [{ to: "back", allowFrom: ["front"] }] }, SHA256);
    expect(scenario.mesh.encryption).toBe("none");
    expect(scenario.topology.l7Policies).toBeUndefined();
  });

  it("parseScenario(mesh.encryption and a policy with l7: true) keeps both", () => {
    const document = { ...validDocument(), mesh: { encryption: "wireguard" }, policies: [{ to: "back", allowFrom: ["front"], l7: true }] };
    const scenario = parseScenario(FILE, document, SHA256);
    expect(scenario.mesh.encryption).toBe("wireguard");
    expect(scenario.topology.l7Policies).toEqual(["back"]);
    expect(scenario.topology.allowFrom).toEqual({ back: ["front"] });
  });

  it("parseScenario(mesh.proxyScope) keeps it; without it each mesh's default stands (mesh)", () => {
    expect(parseScenario(FILE, { ...validDocument(), mesh: { proxyScope: "callees" } }, SHA256).mesh.proxyScope).toBe("callees");
    expect(parseScenario(FILE, validDocument(), SHA256).mesh.proxyScope).toBe("mesh");
  });

  it("parseScenario(a document touching most of the schema) accepts it", () => {
    expect(parseScenario(FILE, richDocument(), SHA256).topology.services).toHaveLength(6);
  });

  it("parseScenario(services[].keepAliveIdleS) gives the service its keep-alive timeout in ms; without it there is none", () => {
    const document = validDocument();
    document.services[0].keepAliveIdleS = 5;
    const [front, back] = parseScenario(FILE, document, SHA256).topology.services;
    expect(front.keepAliveIdleMs).toBe(5000);
    expect(back).not.toHaveProperty("keepAliveIdleMs");
  });

  it("parseScenario(time fields written as durations) reads each in its field's unit", () => {
    const document = validDocument();
    document.load = { ...document.load, durationS: "1m30s", warmupS: "500ms" };
    document.services[0].serviceTime = { type: "exponential", meanMs: "250us" };
    document.services[0].keepAliveIdleS = "2m";
    const scenario = parseScenario(FILE, document, SHA256);
    expect([scenario.load.durationS, scenario.load.warmupS]).toEqual([90, 0.5]);
    expect(scenario.topology.services[0].keepAliveIdleMs).toBe(120_000);
    expect(scenario.topology.services[0].serviceTime).toMatchObject({ meanMs: 0.25 });
    expect(document.load.durationS).toBe("1m30s");
  });

  type Mutation = (document: Record<string, any>) => void;
  const cases: Array<{ what: string; mutate: Mutation; field: string; problem: string }> = [
    // Types and ranges (the schema).
    {
      what: "a trace sampling rate above 1",
      mutate: (d) => (d.mesh = { telemetry: { tracing: { sampling: 2 } } }),
      field: "mesh.telemetry.tracing.sampling",
      problem: "must be at most 1, got 2",
    },
    {
      what: "access logs that are not a boolean",
      mutate: (d) => (d.mesh = { telemetry: { accessLogs: "yes" } }),
      field: "mesh.telemetry.accessLogs",
      problem: 'must be a boolean, got "yes"',
    },
    {
      what: "a string where a number goes",
      mutate: (d) => (d.services[0].replicas = "two"),
      field: "services[0].replicas",
      problem: 'must be an integer, got "two"',
    },
    {
      what: "a fraction where an integer goes",
      mutate: (d) => (d.services[0].replicas = 1.5),
      field: "services[0].replicas",
      problem: "must be an integer, got 1.5",
    },
    {
      what: "an infinite replica count (YAML .inf)",
      mutate: (d) => (d.services[0].replicas = Infinity),
      field: "services[0].replicas",
      problem: "must be an integer, got Infinity",
    },
    {
      what: "a rate that is not a number (YAML .nan)",
      mutate: (d) => (d.load.ratePerSec = Number.NaN),
      field: "load.ratePerSec",
      problem: "must be a number, got NaN",
    },
    {
      what: "a time field holding something other than a duration",
      mutate: (d) => (d.load.durationS = "1m30x"),
      field: "load.durationS",
      problem: 'must be a number of seconds or a duration like 30s, 500ms, 1m30s or 250us, got "1m30x"',
    },
    {
      what: "a millisecond field holding a bare number as a string",
      mutate: (d) => (d.services[0].serviceTime.meanMs = "5"),
      field: "services[0].serviceTime.meanMs",
      problem: 'must be a number of milliseconds or a duration like 30s, 500ms, 1m30s or 250us, got "5"',
    },
    { what: "a zero rate", mutate: (d) => (d.load.ratePerSec = 0), field: "load.ratePerSec", problem: "must be greater than 0, got 0" },
    { what: "a negative rate", mutate: (d) => (d.load.ratePerSec = -5), field: "load.ratePerSec", problem: "must be greater than 0, got -5" },
    { what: "zero replicas", mutate: (d) => (d.services[0].replicas = 0), field: "services[0].replicas", problem: "must be at least 1, got 0" },
    {
      what: "a zero keep-alive timeout",
      mutate: (d) => (d.services[0].keepAliveIdleS = 0),
      field: "services[0].keepAliveIdleS",
      problem: "must be greater than 0, got 0",
    },
    {
      what: "more replicas than one simulation models",
      mutate: (d) => (d.services[0].replicas = 1e300),
      field: "services[0].replicas",
      problem: "must be at most 20000, got 1e+300",
    },
    {
      what: "more waypoint replicas than one simulation models",
      mutate: (d) => (d.mesh = { waypointReplicas: 200_000 }),
      field: "mesh.waypointReplicas",
      problem: "must be at most 20000, got 200000",
    },
    { what: "more nodes than Kubernetes supports", mutate: (d) => (d.cluster = { nodes: 2 ** 53 - 1 }), field: "cluster.nodes", problem: "must be at most 5000, got 9007199254740991" },
    { what: "more load connections than calls in flight", mutate: (d) => (d.load.connections = 1e9), field: "load.connections", problem: "must be at most 200000, got 1000000000" },
    // Regressions: each of these was accepted and then built an array of that length (out of memory) or looped for hours.
    { what: "a closed loop's stage of a trillion users", mutate: (d) => (d.load = { type: "closed", connections: 1, stages: [{ durationS: 2, users: 1e12 }] }), field: "load.stages[0].users", problem: "must be at most 200000, got 1000000000000" },
    {
      what: "a memory request in thousandths of a byte (regression: 128m was taken as 0.128 bytes)",
      mutate: (d) => (d.services[0].resources = { memoryRequestMb: "128m" }),
      field: "services[0].resources.memoryRequestMb",
      problem: 'must be a number of MB or a Kubernetes memory quantity such as "128Mi" or "1Gi", got "128m" (thousandths of a byte: its suffix is milli, micro or nano; mebibytes are Mi)',
    },
    {
      what: "a timeline entry holding two events (regression: the second was called not a known field)",
      mutate: (d) => (d.timeline = [{ atS: 10, restart: { service: "front" }, nodeDown: { node: 0 } }]),
      field: "timeline[0]",
      problem: "must hold exactly one event, got restart and nodeDown (give each its own entry; two entries may share an atS)",
    },
    {
      what: "a timeline entry holding three events",
      mutate: (d) => (d.timeline = [{ atS: 10, outage: { service: "back", durationS: 1 }, rotateCertificates: true, weights: { host: "back", backends: { back: 1 } } }]),
      field: "timeline[0]",
      problem: "must hold exactly one event, got outage, rotateCertificates and weights (give each its own entry; two entries may share an atS)",
    },
    {
      what: "rotateCertificates: false (regression: the message read 'must be equal to constant')",
      mutate: (d) => (d.timeline = [{ atS: 10, rotateCertificates: false }]),
      field: "timeline[0].rotateCertificates",
      problem: "must be true, got false",
    },
    {
      what: "a timeline entry holding no event (regression: it was told weights is required)",
      mutate: (d) => (d.timeline = [{ atS: 10 }]),
      field: "timeline[0]",
      problem: "must hold one event (weights, outage, restart, rollout, nodeDown, zoneDown, clusterDown or rotateCertificates), got none",
    },
    {
      what: "a timeline of 200,000 events (regression: the run's events overflowed the stack, exit 1)",
      mutate: (d) => (d.timeline = Array.from({ length: 200_000 }, () => ({ atS: 1, rotateCertificates: true }))),
      field: "timeline",
      problem: "must have at most 1000 items, got 200000",
    },
    {
      what: "more request types than the run keeps histograms for",
      mutate: (d) => (d.requestTypes = Array.from({ length: 1001 }, (_, i) => ({ ...d.requestTypes[0], name: `type-${i}` }))),
      field: "requestTypes",
      problem: "must have at most 1000 items, got 1001",
    },
    {
      what: "more traffic rules than the clients' tables are keyed for",
      mutate: (d) => (d.traffic = Array.from({ length: 10_001 }, (_, i) => ({ host: `alias-${i}`, routes: [{ backends: [{ service: d.services[0].name }] }] }))),
      field: "traffic",
      problem: "must have at most 10000 items, got 10001",
    },
    {
      what: "a zero CPU limit (regression: refused as an overload needing Infinity% of the limit)",
      mutate: (d) => (d.services[0].resources = { cpuLimit: "0m" }),
      field: "services[0].resources.cpuLimit",
      problem: 'must be greater than 0, got "0m": a container without a limit leaves cpuLimit out',
    },
    {
      what: "a zone name given twice (regression: the message read cluster.zones[0] must be an object)",
      mutate: (d) => (d.cluster = { nodes: 3, zones: ["a", "b", "a"] }),
      field: "cluster.zones[2]",
      problem: "must be unique, but cluster.zones[0] is also a",
    },
    {
      what: "a cluster's zone name given twice",
      mutate: (d) => (d.clusters = [{ name: "east", region: "r", zones: ["a", "a"] }, { name: "west", region: "r" }]),
      field: "clusters[0].zones[1]",
      problem: "must be unique, but clusters[0].zones[0] is also a",
    },
    {
      what: "an empty list of zones (regression: the message read 'must be an integer, got []', the count's form)",
      mutate: (d) => (d.cluster = { nodes: 3, zones: [] }),
      field: "cluster.zones",
      problem: "must have at least 1 item",
    },
    {
      what: "a cluster's replicas per zone with no zone (regression: the message read 'must be an integer, got {}')",
      mutate: (d) => {
        d.clusters = [{ name: "east", region: "r" }, { name: "west", region: "r" }];
        d.services[1].clusters = { east: {} };
      },
      field: "services[1].clusters.east",
      problem: "must have at least 1 entry, got none",
    },
    { what: "a billion zones", mutate: (d) => (d.cluster = { zones: 1e9 }), field: "cluster.zones", problem: "must be at most 5000, got 1000000000" },
    { what: "a zone of a billion nodes", mutate: (d) => (d.cluster = { zones: [{ name: "a", nodes: 1e9 }] }), field: "cluster.zones[0].nodes", problem: "must be at most 5000, got 1000000000" },
    {
      what: "a cluster of a billion zones",
      mutate: (d) => (d.clusters = [{ name: "east", region: "r", zones: 1e9 }, { name: "west", region: "r" }]),
      field: "clusters[0].zones",
      problem: "must be at most 5000, got 1000000000",
    },
    {
      what: "a trillion replicas in one cluster",
      mutate: (d) => {
        d.clusters = [{ name: "east", region: "r" }, { name: "west", region: "r" }];
        d.services[1].clusters = { east: 1e12 };
      },
      field: "services[1].clusters.east",
      problem: "must be at most 20000, got 1000000000000",
    },
    { what: "a trillion replicas in one zone", mutate: (d) => (d.services[1].zones = { "zone-a": 1e12 }), field: "services[1].zones.zone-a", problem: "must be at most 20000, got 1000000000000" },
    { what: "a payload over 1 GiB", mutate: (d) => (d.load.requestBytes = 1e18), field: "load.requestBytes", problem: "must be at most 1073741824, got 1000000000000000000" },
    { what: "a round trip over a day", mutate: (d) => (d.cluster = { network: { crossNodeRttMs: 1e9 } }), field: "cluster.network.crossNodeRttMs", problem: "must be at most 86400000, got 1000000000" },
    { what: "a run over a day", mutate: (d) => (d.load.durationS = "25h"), field: "load.durationS", problem: "must be at most 86400, got 90000" },
    { what: "a bandwidth below 1 Mbit/s", mutate: (d) => (d.cluster = { network: { bandwidthGbps: 1e-300 } }), field: "cluster.network.bandwidthGbps", problem: "must be at least 0.001, got 1e-300" },
    { what: "a huge cv", mutate: (d) => (d.services[0].serviceTime = { type: "lognormal", meanMs: 1, cv: 1e300 }), field: "services[0].serviceTime.cv", problem: "must be at most 10, got 1e+300" },
    { what: "a tiny cv", mutate: (d) => (d.services[0].serviceTime = { type: "gamma", meanMs: 1, cv: 1e-300 }), field: "services[0].serviceTime.cv", problem: "must be at least 0.001, got 1e-300" },
    { what: "an Erlang of a billion stages", mutate: (d) => (d.services[0].serviceTime = { type: "erlang", meanMs: 1, k: 1e9 }), field: "services[0].serviceTime.k", problem: "must be at most 100, got 1000000000" },
    {
      what: "a slow-replica factor of 1e300",
      mutate: (d) => (d.services[0].failures = { slowReplicas: [{ replica: 0, factor: 1e300 }] }),
      field: "services[0].failures.slowReplicas[0].factor",
      problem: "must be at most 1000, got 1e+300",
    },
    {
      what: "a fault delay of 1e300 ms",
      mutate: (d) => (d.traffic = [{ host: "front", routes: [{ backends: [{ service: "front" }], fault: { delay: { percent: 1, fixedDelayMs: 1e300 } } }] }]),
      field: "traffic[0].routes[0].fault.delay.fixedDelayMs",
      problem: "must be at most 86400000, got 1e+300",
    },
    { what: "a call repeated 1e300 times", mutate: (d) => (d.requestTypes[0].calls[0].repeat = 1e300), field: "requestTypes[0].calls[0].repeat", problem: "must be at most 10000, got 1e+300" },
    { what: "a request-type weight of 1e300", mutate: (d) => (d.requestTypes[0].weight = 1e300), field: "requestTypes[0].weight", problem: "must be at most 1000000000000, got 1e+300" },
    { what: "a load-generator CPU of 1e300 ms", mutate: (d) => (d.load.client = { cpuMsPerRequest: 1e300 }), field: "load.client.cpuMsPerRequest", problem: "must be at most 86400000, got 1e+300" },
    { what: "a price of 1e300", mutate: (d) => (d.pricing = { vcpuHour: 1e300, gbHour: 0 }), field: "pricing.vcpuHour", problem: "must be at most 1000000, got 1e+300" },
    { what: "a zero-node cluster", mutate: (d) => (d.cluster = { nodes: 0 }), field: "cluster.nodes", problem: "must be at least 1, got 0" },
    {
      what: "a probability above 1",
      mutate: (d) => (d.requestTypes[0].calls[0].probability = 2),
      field: "requestTypes[0].calls[0].probability",
      problem: "must be at most 1, got 2",
    },
    { what: "no services", mutate: (d) => (d.services = []), field: "services", problem: "must have at least 1 item" },
    { what: "services as a map", mutate: (d) => (d.services = {}), field: "services", problem: "must be an array, got {}" },
    {
      what: "an upper-case service name",
      mutate: (d) => (d.services[0].name = "Front"),
      field: "services[0].name",
      problem: `must be lower-case letters, digits, '-', '_' or '.', got "Front"`,
    },
    {
      what: "a long bad value (shown cut short)",
      mutate: (d) => (d.name = "X".repeat(200)),
      field: "name",
      problem: `must be lower-case letters, digits, '-', '_' or '.', got "${"X".repeat(56)}...`,
    },
    {
      what: "an unknown mTLS mode",
      mutate: (d) => (d.mesh = { mtls: "maybe" }),
      field: "mesh.mtls",
      problem: 'must be one of off, permissive, strict, got "maybe"',
    },
    {
      what: "an unknown node-to-node encryption",
      mutate: (d) => (d.mesh = { encryption: "tls" }),
      field: "mesh.encryption",
      problem: 'must be one of none, wireguard, ipsec, got "tls"',
    },
    { what: "a missing name", mutate: (d) => delete d.name, field: "name", problem: "is required" },
    { what: "a missing load", mutate: (d) => delete d.load, field: "load", problem: "is required" },

    // Unknown fields, with a "did you mean" when one is close.
    {
      what: "replica for replicas",
      mutate: (d) => (d.services[0].replica = 2),
      field: "services[0].replica",
      problem: "is not a known field (did you mean replicas?)",
    },
    {
      what: "servicetime for serviceTime",
      mutate: (d) => {
        d.services[1].servicetime = d.services[1].serviceTime;
        delete d.services[1].serviceTime;
      },
      field: "services[1].servicetime",
      problem: "is not a known field (did you mean serviceTime?)",
    },
    {
      what: "a misspelt top-level field",
      mutate: (d) => (d.servces = []),
      field: "servces",
      problem: "is not a known field (did you mean services?)",
    },
    {
      what: "an unknown top-level field",
      mutate: (d) => (d.owner = "team-a"),
      field: "owner",
      problem: "is not a known field (allowed: name, description, source, cluster, clusters, services, requestTypes, load, mesh, policies, traffic, timeline, trafficConfig, pricing, notes)",
    },
    {
      what: "an unknown key with a line break in it (quoted)",
      mutate: (d) => (d.load["rate\nPerSec"] = 1),
      field: 'load["rate\\nPerSec"]',
      problem: "is not a known field (did you mean ratePerSec?)",
    },

    // Distributions.
    {
      what: "an unknown distribution type",
      mutate: (d) => (d.services[0].serviceTime = { type: "poisson", meanMs: 1 }),
      field: "services[0].serviceTime.type",
      problem: 'must be one of constant, uniform, exponential, lognormal, gamma, erlang, empirical, got "poisson"',
    },
    {
      what: "a distribution without a type",
      mutate: (d) => (d.services[0].serviceTime = { meanMs: 1 }),
      field: "services[0].serviceTime.type",
      problem: "is required",
    },
    {
      what: "mean for meanMs in a distribution",
      mutate: (d) => (d.services[0].serviceTime = { type: "exponential", mean: 1 }),
      field: "services[0].serviceTime.mean",
      problem: "is not a known field (did you mean meanMs?)",
    },
    {
      what: "a lognormal without cv",
      mutate: (d) => (d.services[0].serviceTime = { type: "lognormal", meanMs: 1 }),
      field: "services[0].serviceTime.cv",
      problem: "is required",
    },
    {
      what: "uniform maxMs below minMs",
      mutate: (d) => (d.services[0].serviceTime = { type: "uniform", minMs: 5, maxMs: 2 }),
      field: "services[0].serviceTime.maxMs",
      problem: "must be at least minMs (5), got 2",
    },
    {
      what: "uniform think time with maxMs below minMs",
      mutate: (d) => (d.load = { type: "closed", connections: 4, thinkTime: { type: "uniform", minMs: 3, maxMs: 1 } }),
      field: "load.thinkTime.maxMs",
      problem: "must be at least minMs (3), got 1",
    },
    {
      what: "empirical bins not increasing",
      mutate: (d) =>
        (d.services[0].serviceTime = { type: "empirical", bins: [{ upToMs: 5, weight: 1 }, { upToMs: 5, weight: 1 }] }),
      field: "services[0].serviceTime.bins[1].upToMs",
      problem: "must be greater than the previous bin's (5), got 5",
    },
    {
      what: "empirical bins that all weigh 0",
      mutate: (d) => (d.services[0].serviceTime = { type: "empirical", bins: [{ upToMs: 5, weight: 0 }] }),
      field: "services[0].serviceTime.bins",
      problem: "must have at least one bin with a weight above 0",
    },

    // Names that must exist or be unique, and call trees.
    {
      what: "a call cycle front -> back -> front",
      mutate: (d) => (d.requestTypes[0].calls = [{ call: "back", calls: [{ call: "front" }] }]),
      field: "requestTypes[0].calls[0].calls[0].call",
      problem: "makes a call cycle: front -> back -> front",
    },
    {
      what: "a call cycle inside a parallel group",
      mutate: (d) => (d.requestTypes[0].calls = [{ parallel: [{ call: "back" }, { call: "front" }] }]),
      field: "requestTypes[0].calls[0].parallel[1].call",
      problem: "makes a call cycle: front -> front",
    },
    {
      what: "a call to a misspelt service",
      mutate: (d) => (d.requestTypes[0].calls = [{ call: "bak" }]),
      field: "requestTypes[0].calls[0].call",
      problem: "names unknown service bak (did you mean back?)",
    },
    {
      what: "a call to a service name with a line break (quoted)",
      mutate: (d) => (d.requestTypes[0].calls = [{ call: "payment\ngateway" }]),
      field: "requestTypes[0].calls[0].call",
      problem: 'names unknown service "payment\\ngateway"',
    },
    {
      what: "a misspelt entry service",
      mutate: (d) => (d.requestTypes[0].entry = "frnt"),
      field: "requestTypes[0].entry",
      problem: "names unknown service frnt (did you mean front?)",
    },
    {
      what: "an entry service close to no service",
      mutate: (d) => (d.requestTypes[0].entry = "warehouse"),
      field: "requestTypes[0].entry",
      problem: "names unknown service warehouse",
    },
    {
      what: "two services with one name",
      mutate: (d) => (d.services[1].name = "front"),
      field: "services[1].name",
      problem: "must be unique, but services[0] is also named front",
    },
    {
      what: "two request types with one name",
      mutate: (d) => d.requestTypes.push({ name: "get", entry: "back" }),
      field: "requestTypes[1].name",
      problem: "must be unique, but requestTypes[0] is also named get",
    },
    {
      what: "a call node with none of call, sequence or parallel",
      mutate: (d) => (d.requestTypes[0].calls = [{ service: "back" }]),
      field: "requestTypes[0].calls[0]",
      problem: 'must be a call, a sequence or a parallel group, got {"service":"back"}',
    },
    {
      what: "a call node with a misspelt call key",
      mutate: (d) => (d.requestTypes[0].calls = [{ cal: "back" }]),
      field: "requestTypes[0].calls[0].cal",
      problem: "is not a known field (did you mean call?)",
    },
    {
      what: "a call node with calls but no call",
      mutate: (d) => (d.requestTypes[0].calls = [{ calls: [{ call: "back" }] }]),
      field: "requestTypes[0].calls[0]",
      problem: 'must be a call, a sequence or a parallel group, got {"calls":[{"call":"back"}]}',
    },
    {
      what: "a call node written as a bare name",
      mutate: (d) => (d.requestTypes[0].calls = ["back"]),
      field: "requestTypes[0].calls[0]",
      problem: 'must be an object, got "back"',
    },
    {
      what: "a sequence with a call's field",
      mutate: (d) => (d.requestTypes[0].calls = [{ sequence: [{ call: "back" }], async: true }]),
      field: "requestTypes[0].calls[0].async",
      problem: "is not a known field (allowed: sequence, probability, repeat, note)",
    },
    {
      what: "a call tree that contains itself",
      mutate: (d) => {
        const calls: unknown[] = [];
        calls.push({ sequence: calls });
        d.requestTypes[0].calls = calls;
      },
      field: "requestTypes[0].calls[0].sequence",
      problem: "contains itself (a YAML alias inside the node it refers to)",
    },

    // Placement, load and mesh settings.
    {
      what: "a placement node index equal to cluster.nodes",
      mutate: (d) => (d.services[0].nodes = [0, 3]),
      field: "services[0].nodes[1]",
      problem: "must be below cluster.nodes (3), got 3",
    },
    {
      what: "a load generator node out of range",
      mutate: (d) => {
        d.cluster = { nodes: 2 };
        d.load.client = { node: 2 };
      },
      field: "load.client.node",
      problem: "must be below cluster.nodes (2), got 2",
    },
    {
      what: "an external service with meshed: true",
      mutate: (d) => Object.assign(d.services[1], { external: true, meshed: true }),
      field: "services[1].meshed",
      problem: "cannot be true for an external service",
    },
    {
      what: "a closed loop without connections",
      mutate: (d) => (d.load = { type: "closed" }),
      field: "load.connections",
      problem: "is required",
    },
    {
      what: "an open loop without ratePerSec",
      mutate: (d) => (d.load = { type: "open", connections: 4 }),
      field: "load.ratePerSec",
      problem: "is required",
    },
    {
      what: "an unknown load type",
      mutate: (d) => (d.load.type = "opn"),
      field: "load.type",
      problem: 'must be one of open, closed, got "opn"',
    },
    // Machines, CPU shares, resources, replicas of the mesh's proxies, the load generator (the schema).
    { what: "zero vCPU per node", mutate: (d) => (d.cluster = { vcpuPerNode: 0 }), field: "cluster.vcpuPerNode", problem: "must be greater than 0, got 0" },
    { what: "negative memory per node", mutate: (d) => (d.cluster = { memoryGbPerNode: -8 }), field: "cluster.memoryGbPerNode", problem: "must be greater than 0, got -8" },
    { what: "a machine type that is not a string", mutate: (d) => (d.cluster = { machineType: 4 }), field: "cluster.machineType", problem: "must be a string, got 4" },
    { what: "a CPU share above 1", mutate: (d) => (d.services[0].cpuShare = 1.5), field: "services[0].cpuShare", problem: "must be at most 1, got 1.5" },
    { what: "a negative CPU share", mutate: (d) => (d.services[0].cpuShare = -0.1), field: "services[0].cpuShare", problem: "must be at least 0, got -0.1" },
    {
      what: "a misspelt resources field",
      mutate: (d) => (d.services[0].resources = { cpuRequests: "100m" }),
      field: "services[0].resources.cpuRequests",
      problem: "is not a known field (did you mean cpuRequest?)",
    },
    { what: "zero gateway replicas", mutate: (d) => (d.mesh = { gatewayReplicas: 0 }), field: "mesh.gatewayReplicas", problem: "must be at least 1, got 0" },
    { what: "a fractional waypoint replica count", mutate: (d) => (d.mesh = { waypointReplicas: 1.5 }), field: "mesh.waypointReplicas", problem: "must be an integer, got 1.5" },
    { what: "a proxy scope the meshes do not know", mutate: (d) => (d.mesh = { proxyScope: "namespace" }), field: "mesh.proxyScope", problem: 'must be one of mesh, callees, got "namespace"' },
    {
      what: "an unknown load generator tool",
      mutate: (d) => (d.load.client = { tool: "wrk" }),
      field: "load.client.tool",
      problem: 'must be one of fortio, wrk2, oha, nighthawk, got "wrk"',
    },
    {
      what: "a negative load generator CPU cost",
      mutate: (d) => (d.load.client = { cpuMsPerRequest: -0.1 }),
      field: "load.client.cpuMsPerRequest",
      problem: "must be at least 0, got -0.1",
    },
  ];

  it.each(cases)("parseScenario(document with $what) names $field", ({ mutate, field, problem }) => {
    const document = validDocument();
    mutate(document);
    const error = oneLineScenarioErrorOf(() => parseScenario(FILE, document, SHA256));
    expect({ file: error.file, field: error.field, problem: error.problem }).toEqual({ file: FILE, field, problem });
    expect(error.message).toBe(`${FILE}: ${field} ${problem}`);
  });

  it.each([
    ["null", null, "null"],
    ["a string", "shop", "a string"],
    ["a list", [], "an array"],
  ])("parseScenario(%s at the top level) says it must be an object", (_what, value, shown) => {
    expect(oneLineScenarioErrorOf(() => parseScenario(FILE, value, SHA256)).message).toBe(`${FILE}: (top level) must be an object, got ${shown}`);
  });
});

describe("loadScenario: mesh choices in the file", () => {
  it("checks mesh.ids against models/ when the scenario loads", () => {
    const error = oneLineScenarioErrorOf(() =>
      parseScenario(
        "m.yaml",
        {
          name: "m",
          services: [{ name: "a", serviceTime: { type: "constant", valueMs: 1 } }],
          requestTypes: [{ name: "r", entry: "a" }],
          load: { type: "open", ratePerSec: 1 },
          mesh: { ids: ["nonne"] },
        },
        "",
      ),
    );
    expect(error.message).toMatch(/^m\.yaml: mesh\.ids names unknown mesh nonne \(did you mean none\?\); profiles in models\/: none/);
  });

  it("loadScenario(\"\") asks for a file or a name", () => {
    expect(oneLineScenarioErrorOf(() => loadScenario("")).message).toBe("scenario is empty: give a file path or a built-in name");
  });
});
