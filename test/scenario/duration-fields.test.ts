// The time fields of a schema (named with their unit, `durationS`, `timeoutMs`) take duration
// strings: found from the schema, read into their unit, and offered to editors in the schema.

import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { durationFieldsOf, readDurationFields, unitOf, withDurationStrings } from "../../src/scenario/duration-fields.js";
import { SCENARIO_SCHEMA } from "../../src/scenario/index.js";

const SCHEMA = {
  type: "object",
  properties: {
    name: { type: "string" },
    ratePerSec: { type: "number" },
    replicas: { type: "integer" },
    load: { type: "object", properties: { durationS: { type: "number", exclusiveMinimum: 0, default: 30 }, timeoutMs: { type: "number" }, tagS: { type: "string" } } },
  },
};

describe("unitOf", () => {
  it.each([
    ["durationS", "s"],
    ["timeoutMs", "ms"],
    ["rotateCertificatesAtS", "s"],
    ["ratePerSec", undefined],
    ["replicas", undefined],
    ["cpuMsPerRequest", undefined],
    ["S", undefined],
  ])("unitOf(%j) is %s", (name, unit) => {
    expect(unitOf(name)).toBe(unit);
  });
});

describe("durationFieldsOf", () => {
  it("finds the numeric time fields at any depth, and only those", () => {
    expect([...durationFieldsOf(SCHEMA)]).toEqual([
      ["durationS", "s"],
      ["timeoutMs", "ms"],
    ]);
  });

  it("finds the scenario's load.durationS and a traffic route's timeoutMs", () => {
    const fields = durationFieldsOf(SCENARIO_SCHEMA);
    expect(fields.get("durationS")).toBe("s");
    expect(fields.get("timeoutMs")).toBe("ms");
  });
});

describe("readDurationFields", () => {
  const fields = durationFieldsOf(SCHEMA);

  it("reads duration strings into the field's unit and leaves everything else", () => {
    const document = { name: "5s", load: [{ durationS: "1m30s", timeoutMs: "1.5s", tagS: "2s" }, { durationS: 4, timeoutMs: "soon" }] };
    expect(readDurationFields(document, fields)).toEqual({
      name: "5s",
      load: [{ durationS: 90, timeoutMs: 1500, tagS: "2s" }, { durationS: 4, timeoutMs: "soon" }],
    });
    expect(document.load[0].durationS).toBe("1m30s");
  });

  it("leaves a document that contains itself as it is, for the validator to name", () => {
    const node: Record<string, unknown> = { durationS: "1s" };
    node.self = node;
    expect(readDurationFields({ load: node }, fields)).toEqual({ load: node });
    expect(node.durationS).toBe("1s");
  });
});

describe("withDurationStrings", () => {
  it("gives editors a schema in which a time field takes a number or a duration string", () => {
    const validate = new Ajv({ strict: false }).compile(withDurationStrings(SCHEMA));
    expect(validate({ load: { durationS: "1m30s", timeoutMs: 2 } })).toBe(true);
    expect(validate({ load: { durationS: "1m30x" } })).toBe(false);
    expect(validate({ load: { durationS: 0 } })).toBe(false);
    expect(validate({ ratePerSec: "1s" })).toBe(false);
  });
});
