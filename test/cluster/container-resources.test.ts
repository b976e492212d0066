/**
 * Kubernetes resource quantities as profiles and scenarios write them: CPU in vCPU or quantities
 * ("500m"), memory in MB (MiB) or byte quantities ("128Mi", "512M"); bad values throw naming them.
 */

import { describe, expect, it } from "vitest";
import { parseCpuQuantity, parseMemoryQuantityMb } from "../../src/cluster/index.js";

describe("parseCpuQuantity", () => {
  it.each([
    [0.5, 0.5],
    [2, 2],
    [0, 0],
    ["500m", 0.5],
    ["100m", 0.1],
    ["2000m", 2],
    ["2", 2],
    ["1.5", 1.5],
    [".25", 0.25],
    ["0", 0],
    ["-0", 0],
    ["1k", 1000],
    ["1e3", 1000],
    ["15E-1", 1.5],
    // Regression: micro and nano were refused, which Kubernetes reads (and the manifest import copied).
    ["250000u", 0.25],
    ["250000000n", 0.25],
  ])("parseCpuQuantity(%j) is %d vCPU", (value, vcpu) => {
    expect(parseCpuQuantity(value)).toBeCloseTo(vcpu, 12);
  });

  it.each([["abc"], [""], [" 1"], ["1 m"], ["500 m"], ["-1"], ["-100m"], ["1.5.2"], ["1mi"], ["m"], [Number.NaN], [Infinity], [-0.5]])(
    "parseCpuQuantity(%j) throws a RangeError naming the value",
    (value) => {
      expect(() => parseCpuQuantity(value)).toThrow(RangeError);
      expect(() => parseCpuQuantity(value)).toThrow(`got ${typeof value === "number" ? String(value) : JSON.stringify(value)}`);
    },
  );

  it("parseCpuQuantity's message says what is expected", () => {
    expect(() => parseCpuQuantity("half")).toThrow('CPU quantity must be a non-negative number of vCPU or a Kubernetes quantity such as "500m", got "half"');
  });
});

describe("parseMemoryQuantityMb", () => {
  it.each([
    [128, 128],
    [0.5, 0.5],
    ["128Mi", 128],
    ["1Gi", 1024],
    ["1024Mi", 1024],
    ["100Ki", 100 / 1024],
    ["512M", 512e6 / 2 ** 20],
    ["1G", 1e9 / 2 ** 20],
    ["64M", 64e6 / 2 ** 20],
    ["1048576", 1],
    ["1.5Gi", 1536],
    ["1e6", 1e6 / 2 ** 20],
    ["0", 0],
  ])("parseMemoryQuantityMb(%j) is %d MB", (value, mb) => {
    expect(parseMemoryQuantityMb(value)).toBeCloseTo(mb, 9);
  });

  it.each([["128MB"], ["128mi"], ["Mi"], ["-1Gi"], [""], ["1 Gi"], [Number.NaN], [-1], [Infinity]])(
    "parseMemoryQuantityMb(%j) throws a RangeError naming the value",
    (value) => {
      expect(() => parseMemoryQuantityMb(value)).toThrow(RangeError);
      expect(() => parseMemoryQuantityMb(value)).toThrow(`got ${typeof value === "number" ? String(value) : JSON.stringify(value)}`);
    },
  );

  // Regression: "128m" (0.128 bytes, a slip for "128Mi") was taken as a request of 1.2e-7 MB.
  it.each([["128m"], ["1.5m"], ["500u"], ["64n"]])("parseMemoryQuantityMb(%j), thousandths of a byte or less, throws naming the value", (value) => {
    expect(() => parseMemoryQuantityMb(value)).toThrow(`memory quantity must be whole bytes: ${JSON.stringify(value)} counts thousandths or less of a byte ("m" is milli; mebibytes are "Mi")`);
  });

  it("parseMemoryQuantityMb's message says what is expected", () => {
    expect(() => parseMemoryQuantityMb("lots")).toThrow('memory quantity must be a non-negative number of MB or a Kubernetes quantity such as "128Mi", got "lots"');
  });
});
