// The package's own profiles and scenarios parsed at build time (scripts/cache-documents.ts):
// an entry answers only for the bytes it was parsed from, and every shipped document has one
// that holds what the YAML parser gives.

import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cachedDocumentPath, readCachedDocument } from "../../src/scenario/package-document-cache.js";
import { readDocument } from "../../src/scenario/read-document.js";

const ROOT = join(import.meta.dirname, "../..");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("cachedDocumentPath", () => {
  it("maps the package's models/ and scenarios/ YAML files into dist/documents/, and nothing else", () => {
    expect(cachedDocumentPath("/pkg/models/istio.yaml", "/pkg")).toBe("/pkg/dist/documents/models/istio.yaml.json");
    expect(cachedDocumentPath("/pkg/scenarios/../scenarios/fortio.yaml", "/pkg")).toBe("/pkg/dist/documents/scenarios/fortio.yaml.json");
    for (const other of ["/pkg/examples/zones/three-zones.yaml", "/pkg/models/sub/x.yaml", "/pkg/models/SOURCES.md", "/elsewhere/models/istio.yaml", "/pkg/istio.yaml"]) {
      expect(cachedDocumentPath(other, "/pkg")).toBeUndefined();
    }
  });
});

describe("readCachedDocument", () => {
  const root = mkdtempSync(join(tmpdir(), "meshsim-documents-"));
  const text = "id: x\nvalue: 1\n";
  mkdirSync(join(root, "models"));
  mkdirSync(join(root, "dist/documents/models"), { recursive: true });
  writeFileSync(join(root, "models/x.yaml"), text);
  const entry = join(root, "dist/documents/models/x.yaml.json");

  it("answers with the entry's value for the bytes it was parsed from", () => {
    writeFileSync(entry, JSON.stringify({ sourceSha256: sha256(text), value: { from: "the cache" } }));
    expect(readCachedDocument(join(root, "models/x.yaml"), sha256(text), root)).toEqual({ from: "the cache" });
  });

  it("answers nothing for other bytes (an edited file), a damaged entry or none", () => {
    writeFileSync(entry, JSON.stringify({ sourceSha256: sha256(text), value: { from: "the cache" } }));
    expect(readCachedDocument(join(root, "models/x.yaml"), sha256("id: x\nvalue: 2\n"), root)).toBeUndefined();
    writeFileSync(entry, "{ not json");
    expect(readCachedDocument(join(root, "models/x.yaml"), sha256(text), root)).toBeUndefined();
    expect(readCachedDocument(join(root, "models/y.yaml"), sha256(text), root)).toBeUndefined();
    expect(readCachedDocument(join(root, "models/x.yaml"), sha256(text), undefined)).toBeUndefined();
  });
});

describe("the build's entries (after npm run build)", () => {
  it("every shipped profile and scenario has one, made from its bytes, holding what the YAML parser gives", () => {
    for (const folder of ["models", "scenarios"]) {
      for (const file of readdirSync(join(ROOT, folder)).filter((name) => name.endsWith(".yaml"))) {
        const path = join(ROOT, folder, file);
        const text = readFileSync(path, "utf8");
        const cached = readCachedDocument(path, sha256(text));
        expect(cached, `${folder}/${file}`).toBeDefined();
        expect(cached).toEqual(parse(text));
        expect(readDocument(path).value).toEqual(cached);
      }
    }
  });
});
