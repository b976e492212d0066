// Tests for the key hygiene of input documents: repeated JSON keys and prototype-reaching keys are
// refused with one line naming the file, and the line or the field path.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkDuplicateJsonKeys, checkForbiddenKeys } from "../../src/scenario/check-document-keys.js";
import { readDocument } from "../../src/scenario/read-document.js";
import { oneLineScenarioErrorOf } from "./_scenario-error-of.js";

const folder = mkdtempSync(join(tmpdir(), "meshsim-document-keys-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("checkDuplicateJsonKeys", () => {
  it.each([
    ['{"a": 1, "a": 2}', 's.json: line 1 key "a" is repeated in the same object'],
    ['{\n  "a": {"b": 1},\n  "c": [{"x": 1, "y": "\\"x\\""}, {"x": 2}],\n  "a": 3\n}', 's.json: line 4 key "a" is repeated in the same object'],
    ['{"s": {"k": 1, "\\u006b": 2}}', 's.json: line 1 key "k" is repeated in the same object'],
  ])("checkDuplicateJsonKeys(%j) names the line and the key", (text, message) => {
    expect(oneLineScenarioErrorOf(() => checkDuplicateJsonKeys(text, "s.json")).message).toBe(message);
  });

  it.each([['{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}'], ['{"a": "a,\\"a\\": 1", "b": "{"}'], ["[1, 2]"]])(
    "checkDuplicateJsonKeys(%j) accepts keys repeated only across objects or inside strings",
    (text) => {
      expect(() => checkDuplicateJsonKeys(text, "s.json")).not.toThrow();
    },
  );
});

describe("checkForbiddenKeys", () => {
  it.each([
    ['{"__proto__": {"x": 1}}', "__proto__"],
    ['{"services": [{"name": "a", "constructor": 1}]}', "services[0].constructor"],
    ['{"a": {"prototype": 1}}', "a.prototype"],
  ])("checkForbiddenKeys(%j) names the field", (text, field) => {
    expect(oneLineScenarioErrorOf(() => checkForbiddenKeys(JSON.parse(text), "s.json")).message).toBe(
      `s.json: ${field} is not allowed: __proto__, constructor and prototype cannot be keys`,
    );
  });
});

describe("readDocument and key hygiene", () => {
  it.each([
    ["dup.json", '{\n"name": "a",\n"name": "b"\n}\n', 'line 3 key "name" is repeated in the same object'],
    ["proto.json", '{"services": {"__proto__": 1}}\n', "services.__proto__ is not allowed: __proto__, constructor and prototype cannot be keys"],
    ["proto.yaml", "services:\n  __proto__: 1\n", "services.__proto__ is not allowed: __proto__, constructor and prototype cannot be keys"],
    ["ctor.yaml", "name: a\nconstructor: 1\n", "constructor is not allowed: __proto__, constructor and prototype cannot be keys"],
    ["proto-list.yaml", "services:\n  - name: a\n    __proto__: 1\n", "services[0].__proto__ is not allowed: __proto__, constructor and prototype cannot be keys"],
  ])("readDocument(%s) refuses it", (name, text, problem) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    expect(oneLineScenarioErrorOf(() => readDocument(path)).message).toBe(`${path}: ${problem}`);
  });
});
