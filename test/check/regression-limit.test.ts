import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_REGRESSION, describeLimit, exceedsLimit, parseRegressionLimits, relativeRateNotes } from "../../src/check/index.js";
import { FAILING_SHARE_MARGIN } from "../../src/runner/index.js";

describe("parseRegressionLimits", () => {
  it("reads relative and absolute limits with selectors", () => {
    const limits = parseRegressionLimits("p99=5%, vcpu=0.1, istio/checkout:p50=0.5ms, failedRate=0.001");
    expect(limits.map((limit) => [limit.metric.name, limit.kind, limit.limit, limit.selector])).toEqual([
      ["p99", "relative", 0.05, { mesh: "*" }],
      ["vcpu", "absolute", 0.1, { mesh: "*" }],
      ["p50", "absolute", 0.5, { mesh: "istio", requestType: "checkout" }],
      ["failedRate", "absolute", 0.001, { mesh: "*" }],
    ]);
  });

  it("parses the defaults", () => {
    expect(parseRegressionLimits(DEFAULT_MAX_REGRESSION).map((limit) => limit.metric.name)).toEqual(["p99", "failedRate", "vcpu", "memoryMb", "cost"]);
  });

  it("the defaults let the share of failed requests rise by the margin a run is called failing by, absolute", () => {
    const failed = parseRegressionLimits(DEFAULT_MAX_REGRESSION).find((limit) => limit.metric.name === "failedRate")!;
    expect(failed).toMatchObject({ kind: "absolute", limit: FAILING_SHARE_MARGIN });
    // No failures before: 0.1% now is within it, 0.11% is not; a third failing is far beyond it.
    expect(exceedsLimit(0.001, 0, failed)).toBe(false);
    expect(exceedsLimit(0.0011, 0, failed)).toBe(true);
    expect(exceedsLimit(0.33, 0.0005, failed)).toBe(true);
  });

  it.each([
    ["p99=5%,", `--max-regression "p99=5%," has an empty entry: write metric=limit entries separated by commas, e.g. p99=5%,vcpu=10%`],
    ["p99<5%", `--max-regression "p99<5%" is not a regression limit: write [mesh[@rps][/requestType]:]metric=limit, e.g. p99=5% or istio:vcpu=0.1`],
    ["latency=5%", `--max-regression "latency=5%" names unknown metric "latency"`],
    ["p99=-5%", `--max-regression "p99=-5%" has a limit "-5%" that is not a percentage >= 0`],
    ["p99=%", `--max-regression "p99=%" has a limit "%" that is not a percentage >= 0`],
    ["p99=-1ms", `--max-regression "p99=-1ms" has a limit "-1ms" below 0`],
    ["p99=abc", `--max-regression "p99=abc" has a value "abc" that is not a duration (write one like 30s, 500ms, 1m30s or 250us; a bare number is ms)`],
    ["vcpu=abc", `--max-regression "vcpu=abc" has a value "abc" that is not a number`],
    ["*/checkout:memoryMb=5%", `--max-regression "*/checkout:memoryMb=5%" asks for memoryMb per request type, but memoryMb is per run`],
  ])("%s is refused: %s", (text, message) => {
    expect(() => parseRegressionLimits(text)).toThrow(message);
  });
});

describe("exceedsLimit", () => {
  it.each([
    [105, 100, "relative", 0.05, false],
    [105.1, 100, "relative", 0.05, true],
    [50, 100, "relative", 0, false],
    [1, 0, "relative", 0.05, true],
    [0, 0, "relative", 0, false],
    [1.5, 1, "absolute", 0.5, false],
    [1.6, 1, "absolute", 0.5, true],
  ] as const)("%s against %s with a %s limit of %s: %s", (current, baseline, kind, limit, expected) => {
    expect(exceedsLimit(current, baseline, { kind, limit })).toBe(expected);
  });
});

describe("describeLimit", () => {
  it("prints relative limits as percentages and absolute ones as written", () => {
    const [relative, absolute] = parseRegressionLimits("p99=5%,p50=0.5ms");
    expect(describeLimit(relative)).toBe("+5%");
    expect(describeLimit(absolute)).toBe("+0.5ms");
  });

  it("says which a failedRate limit is: a percentage of the baseline's share, or percentage points of the share", () => {
    const [relative, absolute, points] = parseRegressionLimits("failedRate=1%,failedRate=0.001,failedRate=0.5pp");
    expect(describeLimit(relative)).toBe("+1% of baseline");
    expect(describeLimit(absolute)).toBe("+0.1 pp");
    expect(describeLimit(points)).toBe("+0.5 pp");
  });
});

describe("parseRegressionLimits: failedRate in percentage points", () => {
  it("reads failedRate=0.5pp as an absolute rise of 0.005 in the share, as failedRate=0.005", () => {
    const [points, bare] = parseRegressionLimits("failedRate=0.5pp,failedRate=0.005");
    expect({ kind: points.kind, limit: points.limit }).toEqual({ kind: "absolute", limit: 0.005 });
    expect({ kind: bare.kind, limit: bare.limit }).toEqual({ kind: "absolute", limit: 0.005 });
  });

  it("keeps failedRate=1% relative to the baseline, as CI scripts written before have it", () => {
    const [relative] = parseRegressionLimits("failedRate=1%");
    expect({ kind: relative.kind, limit: relative.limit }).toEqual({ kind: "relative", limit: 0.01 });
  });
});

describe("relativeRateNotes", () => {
  it("explains a percentage limit on failedRate, saying what it does where the baseline failed nothing", () => {
    expect(relativeRateNotes(parseRegressionLimits("p99=5%,failedRate=1%,istio:failedRate=0.001"))).toEqual([
      "failedRate=1% is relative: the share of failed requests may grow by 1% of the baseline's (2% -> 2.02%), and where the baseline failed nothing any failure fails; for an absolute margin write failedRate=1pp (percentage points)",
    ]);
  });

  it("has nothing to say about absolute limits or other metrics", () => {
    expect(relativeRateNotes(parseRegressionLimits(DEFAULT_MAX_REGRESSION))).toEqual([]);
  });
});
