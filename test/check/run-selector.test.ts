import { describe, expect, it } from "vitest";
import { describeSelector, parseSelector, sameRate, selectSubjects } from "../../src/check/index.js";
import { makeRun } from "./_results.js";

const runs = [
  makeRun({ mesh: "none", rps: 100, types: { browse: 1, checkout: 2 } }),
  makeRun({ mesh: "istio", rps: 100, types: { browse: 1, checkout: 2 } }),
  makeRun({ mesh: "istio", rps: 200, types: { browse: 1 } }),
  makeRun({ mesh: "linkerd2", rps: 100 }),
];
const names = (text: string) =>
  selectSubjects(runs, parseSelector(text) as Exclude<ReturnType<typeof parseSelector>, string>).map(
    (subject) => `${subject.run.mesh}@${subject.run.rps}${subject.requestType ? `/${subject.requestType}` : ""}`,
  );

describe("selectSubjects", () => {
  it.each([
    ["*", ["none@100", "istio@100", "istio@200", "linkerd2@100"]],
    ["istio", ["istio@100", "istio@200"]],
    ["istio@200", ["istio@200"]],
    ["istio/checkout", ["istio@100/checkout"]],
    ["*/checkout", ["none@100/checkout", "istio@100/checkout"]],
    ["istio/*", ["istio@100/browse", "istio@100/checkout", "istio@200/browse"]],
    ["linkerd", ["linkerd2@100"]],
    ["consul", []],
  ])("%s selects %j", (text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

describe("selectSubjects of closed loops", () => {
  it("regression: selects a closed loop by its users (@8users), which a rate never selects", () => {
    const closed = [8, 16].map((users) => ({ ...makeRun({ mesh: "istio", rps: 0 }), users }));
    const pick = (text: string) => selectSubjects(closed, parseSelector(text) as Exclude<ReturnType<typeof parseSelector>, string>).map((subject) => subject.run.users);
    expect(pick("istio@16users")).toEqual([16]);
    expect(pick("istio")).toEqual([8, 16]);
    expect(pick("istio@16")).toEqual([]);
    expect(parseSelector("istio@0users")).toBe('has "0users" after @: a closed loop has at least 1 user');
    expect(describeSelector({ mesh: "istio", users: 8 })).toBe("istio@8users");
  });
});

describe("selectSubjects of a sweep's runs", () => {
  const swept = [1, 2, 3].flatMap((replicas) =>
    ["none", "istio"].map((mesh) => ({ ...makeRun({ mesh, rps: 100, types: { browse: 1 } }), parameters: { "services.cart.replicas": replicas, "load.arrival": "uniform" } })),
  );
  const pick = (text: string) => {
    const selector = parseSelector(text);
    if (typeof selector === "string") throw new Error(selector);
    return selectSubjects(swept, selector).map((subject) => `${subject.run.mesh}:${(subject.run as (typeof swept)[number]).parameters["services.cart.replicas"]}${subject.requestType ? `/${subject.requestType}` : ""}`);
  };

  it("picks runs by their --set values, written in parentheses as the table names them", () => {
    expect(pick("istio(services.cart.replicas=2)")).toEqual(["istio:2"]);
    expect(pick("*(services.cart.replicas=3)@100/browse")).toEqual(["none:3/browse", "istio:3/browse"]);
    expect(pick("istio(services.cart.replicas=2.0, load.arrival=uniform)@100")).toEqual(["istio:2"]);
    expect(pick("istio")).toEqual(["istio:1", "istio:2", "istio:3"]);
  });

  it("picks nothing where a value or a path differs", () => {
    expect(pick("istio(services.cart.replicas=4)")).toEqual([]);
    expect(pick("istio(load.arrival=poisson)")).toEqual([]);
    expect(pick("istio(services.web.replicas=2)")).toEqual([]);
  });

  it("refuses a list of --set values that is not path=value, and writes a selector back", () => {
    expect(parseSelector("istio(replicas)@100")).toBe('has --set values "(replicas)" that are not path=value[,path=value...], e.g. istio(services.cart.replicas=2)@100');
    expect(parseSelector("istio(a=1))")).toMatch(/^has a selector "istio\(a=1\)\)" that is not/);
    expect(describeSelector({ mesh: "istio", parameters: { "services.cart.replicas": "2", "load.arrival": "uniform" }, rps: 100 })).toBe("istio(services.cart.replicas=2,load.arrival=uniform)@100");
  });
});

describe("describeSelector", () => {
  it("writes a selector back as it is typed", () => {
    expect(describeSelector({ mesh: "istio", rps: 1000, requestType: "*" })).toBe("istio@1000/*");
  });
});

describe("sameRate", () => {
  it("treats rates equal to the last bits as one load point", () => {
    expect(sameRate(1000, 1000 + 1e-10)).toBe(true);
    expect(sameRate(1000, 1000.5)).toBe(false);
  });
});
