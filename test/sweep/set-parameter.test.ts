import { describe, expect, it } from "vitest";
import { describeParameters, parseSetting, setParameter } from "../../src/sweep/index.js";

const DOCUMENT = {
  name: "shop",
  services: [
    { name: "frontend", replicas: 1 },
    { name: "orders", replicas: 2, serviceTime: { type: "exponential", meanMs: 3 } },
  ],
  load: { ratePerSec: 100, durationS: 30 },
};

describe("parseSetting", () => {
  it.each([
    ["services.1.replicas=1,2,3", "services.1.replicas", [1, 2, 3]],
    ["load.durationS=10, 30", "load.durationS", [10, 30]],
    ["load.keepAlive=true,false", "load.keepAlive", [true, false]],
    ["services.orders.serviceTime.type=exponential,lognormal", "services.orders.serviceTime.type", ["exponential", "lognormal"]],
    ["x=0.5,1e3", "x", [0.5, 1000]],
  ])("parseSetting(%j) sets %s to %j", (text, path, values) => {
    expect(parseSetting(text)).toEqual({ path, values });
  });

  it.each([["services.1.replicas"], ["=1,2"], ["a..b=1"], ["a=1,,2"], ["a="]])("parseSetting(%j) says what a setting looks like", (text) => {
    expect(() => parseSetting(text)).toThrow(`must look like path=value[,value...] with a dotted path (services.2.replicas=1,2,3), got ${JSON.stringify(text)}`);
  });
});

describe("setParameter", () => {
  it("sets a value by index and leaves the original alone", () => {
    const changed = setParameter(DOCUMENT, "services.1.replicas", 5) as typeof DOCUMENT;
    expect(changed.services[1].replicas).toBe(5);
    expect(DOCUMENT.services[1].replicas).toBe(2);
  });

  it("finds a list element by its name", () => {
    const changed = setParameter(DOCUMENT, "services.orders.serviceTime.meanMs", 4) as typeof DOCUMENT;
    expect(changed.services[1].serviceTime!.meanMs).toBe(4);
  });

  it("creates an optional block the schema knows when the document leaves it out", () => {
    expect(setParameter(DOCUMENT, "cluster.nodes", 5)).toMatchObject({ cluster: { nodes: 5 } });
    expect(setParameter(DOCUMENT, "cluster.network.crossNodeRttMs", 0.5)).toMatchObject({ cluster: { network: { crossNodeRttMs: 0.5 } } });
    expect(setParameter(DOCUMENT, "mesh.encryption", "wireguard")).toMatchObject({ mesh: { encryption: "wireguard" } });
    expect(setParameter(DOCUMENT, "services.orders.failures.errorRate", 0.1)).toMatchObject({ services: [{}, { failures: { errorRate: 0.1 } }] });
  });

  it("may add a last field (validation decides whether it exists)", () => {
    expect((setParameter(DOCUMENT, "load.warmupS", 1) as { load: { warmupS: number } }).load.warmupS).toBe(1);
  });

  it.each([
    ["services.5.replicas", "services.5 is not in the scenario (2 entries: use an index from 0 or a name)"],
    ["services.payments.replicas", "services.payments is not in the scenario (2 entries: use an index from 0 or a name)"],
    ["services.order.replicas", "services.order is not in the scenario (did you mean orders?)"],
    ["services.9.replicas", "services.9 is not in the scenario (2 entries: use an index from 0 or a name)"],
    ["clustr.nodes", "clustr is not in the scenario"],
    ["services.orders.failures.nope.x", "services.orders.failures.nope is not in the scenario"],
    ["name.first", "name is a value, not an object or a list, so name.first cannot be set"],
  ])("setParameter(document, %j) fails: %s", (path, message) => {
    expect(() => setParameter(DOCUMENT, path, 1)).toThrow(message);
  });
});

describe("describeParameters", () => {
  it("joins path=value pairs", () => {
    expect(describeParameters({ "services.1.replicas": 2, "load.keepAlive": false })).toBe("services.1.replicas=2, load.keepAlive=false");
    expect(describeParameters(undefined)).toBe("");
  });
});
