/**
 * models/SOURCES.md is the project's bibliography: every calibration ID (IS8, LK3, ...) and every
 * "seed" article that a profile or the code cites must have an entry heading there, because the
 * calibration notes those IDs come from are not in the repository.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const MODELS = join(ROOT, "models");
const SOURCES_MD = readFileSync(join(MODELS, "SOURCES.md"), "utf8");

/**
 * The calibration notes' ID families: Istio, Linkerd, academic and third-party studies, Cilium,
 * Envoy, TLS. An explicit list, so that "L7", "X25519", "HTTP2" or a constant like `POW2` never
 * read as citations; SOURCES.md's headings must use exactly these prefixes (checked below).
 */
const ID_PREFIXES = ["IS", "LK", "AX", "CI", "EN", "TL"];
const ID_PATTERN = new RegExp(`\\b(?:${ID_PREFIXES.join("|")})\\d{1,3}\\b`, "g");
/** The articles the profiles cite as "seed 000", "seed 001". */
const SEED_PATTERN = /\bseed \d{3}\b/g;

/** Entry headings of SOURCES.md: `#### IS8: ...`, `#### seed 000: ...`. */
const HEADING_PATTERN = /^#{2,6}[ \t]+([A-Z]{2,4}\d+|seed \d{3})\b/gm;

interface Citation {
  where: string;
  id: string;
}

/** The distinct calibration IDs and seed articles cited in a text, in order of first mention. */
function citedIds(text: string): string[] {
  return [...new Set([...(text.match(ID_PATTERN) ?? []), ...(text.match(SEED_PATTERN) ?? [])])];
}

/** Each citation in a string-bearing value (a parsed profile), labelled with its dotted path. */
function citationsIn(value: unknown, where: string): Citation[] {
  if (typeof value === "string") return citedIds(value).map((id) => ({ where, id }));
  if (Array.isArray(value)) return value.flatMap((item, i) => citationsIn(item, `${where}[${i}]`));
  if (typeof value === "object" && value !== null) {
    // `sources` keys are dotted paths themselves; keep them whole so the label names the field.
    return Object.entries(value).flatMap(([key, item]) => citationsIn(item, where.endsWith(".sources") ? `${where}["${key}"]` : `${where}.${key}`));
  }
  return [];
}

/** The IDs that have an entry heading in a SOURCES.md text. */
function entryIds(markdown: string): string[] {
  return [...markdown.matchAll(HEADING_PATTERN)].map((match) => match[1]);
}

/** Citations whose ID has no entry, as `where: ID` lines (empty when all are listed). */
function missingEntries(citations: Citation[], entries: Set<string>): string[] {
  return citations.filter((citation) => !entries.has(citation.id)).map((citation) => `${citation.where}: ${citation.id}`);
}

/** Files under a folder whose names end with one of the extensions, recursively. */
function filesUnder(folder: string, extensions: string[]): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "results" ? [] : filesUnder(path, extensions);
    return extensions.some((extension) => entry.name.endsWith(extension)) ? [path] : [];
  });
}

/** Every citation in a file's whole text (comments and strings alike), labelled with file and line. */
function citationsInFile(path: string): Citation[] {
  const file = relative(ROOT, path);
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((line, index) => citedIds(line).map((id) => ({ where: `${file}:${index + 1}`, id })));
}

const ENTRIES = new Set(entryIds(SOURCES_MD));
const PROFILES = readdirSync(MODELS).filter((name) => name.endsWith(".yaml"));

function profileCitations(name: string): Citation[] {
  return citationsIn(parse(readFileSync(join(MODELS, name), "utf8")), name);
}

describe("models/SOURCES.md", () => {
  it.each([
    ["IS8 and LK3", ["IS8", "LK3"]],
    ["IS6/IS8 (the harness of IS3)", ["IS6", "IS8", "IS3"]],
    ["IS13, not IS1; IS1-IS5", ["IS13", "IS1", "IS5"]],
    ["AX3's ratio x IS8's 60 MB", ["AX3", "IS8"]],
    ["TLS 1.3 round trips (TL3), CI2, EN1", ["TL3", "CI2", "EN1"]],
    ["seed 000 (2022) and seed 001", ["seed 000", "seed 001"]],
    ["L7 and L4 proxies, L3 policy", []],
    ["X25519 scalar multiplication", []],
    ["HTTP2 codec, http2, HPACK", []],
    ["POW2[shift] and MAX_UINT32", []],
    ["commit 30a36d2, PR #31514, MIS8", []],
    ["AES-128-GCM, P-256, ISO8601", []],
  ])("citedIds(%j) finds exactly the calibration IDs", (text, expected) => {
    expect(citedIds(text)).toEqual(expected);
  });

  it("has entry headings only in the known ID families, and one heading per ID", () => {
    const ids = entryIds(SOURCES_MD);
    const prefixes = new Set(ids.filter((id) => !id.startsWith("seed")).map((id) => id.replace(/\d+$/, "")));
    expect([...prefixes].sort()).toEqual([...ID_PREFIXES].sort());
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(PROFILES)("every ID that %s cites (sources, notes, any text) has an entry", (name) => {
    const citations = profileCitations(name);
    expect(missingEntries(citations, ENTRIES)).toEqual([]);
  });

  it("every ID cited in src/ (comments and strings) has an entry", () => {
    const citations = filesUnder(join(ROOT, "src"), [".ts"]).flatMap(citationsInFile);
    expect(citations.length).toBeGreaterThan(0);
    expect(missingEntries(citations, ENTRIES)).toEqual([]);
  });

  it("every ID cited in the READMEs, scenarios and bench has an entry", () => {
    const files = [
      join(ROOT, "README.md"),
      join(MODELS, "README.md"),
      ...filesUnder(join(ROOT, "scenarios"), [".yaml", ".md"]),
      ...filesUnder(join(ROOT, "bench"), [".ts", ".md"]),
    ];
    expect(missingEntries(files.flatMap(citationsInFile), ENTRIES)).toEqual([]);
  });

  it("every entry is cited somewhere, unless its heading says it is not yet used", () => {
    const cited = new Set(
      [
        ...PROFILES.flatMap(profileCitations),
        ...filesUnder(join(ROOT, "src"), [".ts"]).flatMap(citationsInFile),
        ...[join(ROOT, "README.md"), join(MODELS, "README.md"), ...filesUnder(join(ROOT, "scenarios"), [".yaml", ".md"])].flatMap(citationsInFile),
      ].map((citation) => citation.id),
    );
    const headings = [...SOURCES_MD.matchAll(/^#{2,6}[ \t]+([A-Z]{2,4}\d+|seed \d{3})\b(.*)$/gm)];
    const uncited = headings.filter(([, id, rest]) => !rest.includes("(not yet used)") && !cited.has(id)).map(([, id]) => id);
    expect(uncited).toEqual([]);
  });

  it("the entries added with the per-component costs are cited by the profiles they name", () => {
    const citing = (id: string) => PROFILES.filter((name) => profileCitations(name).some((citation) => citation.id === id)).sort();
    expect(citing("EN2")).toEqual(["consul.yaml", "istio-ambient.yaml", "istio.yaml", "kuma.yaml", "osm.yaml"]);
    expect(citing("CI3")).toEqual(["cilium.yaml"]);
    expect(citing("LK5")).toEqual(["istio-ambient.yaml", "istio.yaml", "linkerd2.yaml"]);
  });

  it("missingEntries() names each citation of an ID whose entry is removed", () => {
    const citations = profileCitations("istio.yaml");
    const withoutIs8 = new Set(citations.map((citation) => citation.id).filter((id) => id !== "IS8"));
    const missing = missingEntries(citations, withoutIs8);
    expect(missing).toContain('istio.yaml.sources["dataPlane.proxy.cpuMsPerRequest.http1"]: IS8');
    expect(missing).toContain("istio.yaml.version: IS8");
    expect(missing.every((line) => line.endsWith(": IS8"))).toBe(true);
  });
});
