// The scenario's and the profiles' validators compiled at build time (scripts/compile-schemas.ts):
// they give the errors ajv's own compile gives, and are used only for the schema and options they
// were compiled from.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadPrecompiledValidator, PRECOMPILED_SCHEMAS, precompiledValidatorPath, schemaFingerprint } from "../../src/scenario/precompiled-validators.js";
import { AJV_OPTIONS } from "../../src/scenario/validate-document.js";
import { richDocument, validDocument } from "./_valid-scenario.js";

const ROOT = join(import.meta.dirname, "../..");

/** Documents each schema refuses, several ways at once (allErrors), and ones it accepts. */
function scenarioDocuments(): unknown[] {
  const broken = validDocument();
  broken.services[0].replicas = -1;
  broken.services[1].serviceTime = { type: "lognormal", meanMs: "x" };
  broken.load.typo = 1;
  const rich = richDocument();
  delete rich.load;
  return [validDocument(), richDocument(), broken, rich, { name: 3 }, [], null];
}

function profileDocuments(): unknown[] {
  const istio = parse(readFileSync(join(ROOT, "models/istio.yaml"), "utf8"));
  const broken = structuredClone(istio);
  broken.dataPlane.proxy.workers = "two";
  broken.unknownField = true;
  return [istio, broken, { id: "x" }];
}

describe("the build's compiled validators (after npm run build)", () => {
  it.each([
    ["scenario", scenarioDocuments],
    ["profile", profileDocuments],
  ] as const)("%s: found for today's schema, and its errors are the ones ajv's compile gives", (name, documents) => {
    const schema = PRECOMPILED_SCHEMAS[name];
    const precompiled = loadPrecompiledValidator(name, schema, AJV_OPTIONS);
    expect(precompiled).toBeTypeOf("function");
    const compiled = new Ajv(AJV_OPTIONS).compile(schema);
    let refused = 0;
    for (const document of documents()) {
      const valid = precompiled!(document);
      expect(valid).toBe(compiled(document));
      expect(JSON.stringify(precompiled!.errors)).toBe(JSON.stringify(compiled.errors));
      if (!valid) refused++;
    }
    expect(refused).toBeGreaterThanOrEqual(2);
  });

  it("is not used for another schema or other options: those are compiled afresh", () => {
    const schema = PRECOMPILED_SCHEMAS.scenario;
    expect(loadPrecompiledValidator("scenario", { ...schema, title: "changed" }, AJV_OPTIONS)).toBeUndefined();
    expect(loadPrecompiledValidator("scenario", schema, { ...AJV_OPTIONS, allErrors: false })).toBeUndefined();
    expect(loadPrecompiledValidator("profile", schema, AJV_OPTIONS)).toBeUndefined();
  });
});

describe("loadPrecompiledValidator", () => {
  it("answers nothing without a file, or with a damaged one", () => {
    const root = mkdtempSync(join(tmpdir(), "meshsim-validators-"));
    const schema = { type: "object" };
    expect(loadPrecompiledValidator("scenario", schema, AJV_OPTIONS, root)).toBeUndefined();
    const path = precompiledValidatorPath("scenario", root);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "this is not javascript {");
    expect(loadPrecompiledValidator("scenario", schema, AJV_OPTIONS, root)).toBeUndefined();
    writeFileSync(path, `module.exports = () => true; module.exports.fingerprint = ${JSON.stringify(schemaFingerprint(schema, AJV_OPTIONS))};`);
    expect(loadPrecompiledValidator("scenario", schema, AJV_OPTIONS, root)).toBeTypeOf("function");
  });
});
