import { describe, expect, it } from "vitest";
import { escapeXml, renderJunit, type CheckRow } from "../../src/check/index.js";
import { findAll, parseXml } from "./_xml.js";

function row(status: CheckRow["status"], overrides: Partial<CheckRow> = {}): CheckRow {
  return {
    kind: "regression",
    check: "p99=5%",
    subject: "istio @ 100 rps",
    metric: "p99",
    unit: "ms",
    baseline: 4,
    current: 5,
    change: 0.25,
    limit: "+5%",
    status,
    message: `p99 4.00 ms -> 5.00 ms ${status}`,
    ...overrides,
  };
}

const threshold = (status: CheckRow["status"], check: string): CheckRow =>
  row(status, { kind: "threshold", check, baseline: undefined, change: undefined, limit: check.slice(check.indexOf("<")), message: `p99 ${status}` });

describe("renderJunit", () => {
  it("writes one test case per check, with failures, skips and counts a JUnit reader accepts", () => {
    const rows = [threshold("pass", "p99<50ms"), threshold("fail", "istio:p99<1ms"), row("pass"), row("noise"), row("new"), row("missing")];
    const root = parseXml(renderJunit(rows, { allowMissing: false, baselineSource: "baseline.json" }));
    expect(root.name).toBe("testsuites");
    expect(root.attributes).toMatchObject({ tests: "6", failures: "2", skipped: "1", errors: "0" });
    const suites = findAll(root, "testsuite");
    expect(suites.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures, suite.attributes.skipped])).toEqual([
      ["meshsim check: thresholds", "2", "1", "0"],
      ["meshsim check: regressions against baseline.json", "4", "1", "1"],
    ]);
    const cases = findAll(root, "testcase");
    expect(cases.map((testCase) => testCase.attributes.name)).toEqual([
      "istio @ 100 rps: p99<50ms",
      "istio @ 100 rps: istio:p99<1ms",
      "istio @ 100 rps: p99=5%",
      "istio @ 100 rps: p99=5%",
      "istio @ 100 rps: p99=5%",
      "istio @ 100 rps: p99=5%",
    ]);
    expect(cases.map((testCase) => testCase.children.map((child) => child.name).join())).toEqual([
      "system-out",
      "failure",
      "system-out",
      "system-out",
      "skipped",
      "failure",
    ]);
    const failure = findAll(cases[1], "failure")[0];
    expect(failure.attributes).toEqual({ message: "p99 fail", type: "threshold" });
    expect(failure.text).toContain("limit: <1ms");
    expect(findAll(cases[3], "system-out")[0].text).toMatch(/^noise: /);
  });

  it("skips missing runs when they are allowed", () => {
    const root = parseXml(renderJunit([row("missing")], { allowMissing: true }));
    expect(root.attributes).toMatchObject({ tests: "1", failures: "0", skipped: "1" });
  });

  it("stays well-formed whatever the names and messages hold", () => {
    const nasty = `a<b>&c"d'e ]]> \u0001\u0008\uFFFE \uD800 tab\there\nnewline é 😀`;
    const rows = [row("fail", { subject: nasty, check: `${nasty}:p99<1ms`, message: nasty, limit: nasty })];
    const xml = renderJunit(rows, { allowMissing: false, baselineSource: nasty });
    const root = parseXml(xml);
    const testCase = findAll(root, "testcase")[0];
    expect(testCase.attributes.name).toBe(`a<b>&c"d'e ]]>   tab\there\nnewline é 😀: a<b>&c"d'e ]]>   tab\there\nnewline é 😀:p99<1ms`);
    expect(findAll(testCase, "failure")[0].attributes.message).toBe(`a<b>&c"d'e ]]>   tab\there\nnewline é 😀`);
  });

  it("writes an empty but valid document when there is nothing to check", () => {
    expect(parseXml(renderJunit([], { allowMissing: false })).attributes.tests).toBe("0");
  });
});

describe("escapeXml", () => {
  it.each([
    [`p99<50ms & "x"`, "p99&lt;50ms &amp; &quot;x&quot;"],
    ["it's", "it&apos;s"],
    ["a\u0000b\u001Fc", "abc"],
    ["line\nbreak", "line&#10;break"],
  ])("%j -> %j", (text, escaped) => {
    expect(escapeXml(text)).toBe(escaped);
  });

  it("keeps line breaks as they are in text content", () => {
    expect(escapeXml("a\nb<", "text")).toBe("a\nb&lt;");
  });
});

describe("the test's XML checker", () => {
  it.each([
    ["<a><b></a></b>"],
    ["<a>x & y</a>"],
    ["<a b=1/>"],
    ['<a b="1" b="2"/>'],
    ['<a b="<"/>'],
    ["<a/><b/>"],
    ["<a>"],
  ])("rejects %s", (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
