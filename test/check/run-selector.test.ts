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
