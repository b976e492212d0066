// The Kubernetes image is built from this repository's Dockerfile: the Jobs run the image
// `npm run image` tags, the image holds what the CLI reads at run time, and every package the
// code imports is a runtime dependency (the image installs no dev dependencies).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { builtinModules } from "node:module";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const dockerfile = readFileSync(join(ROOT, "deploy/kubernetes/Dockerfile"), "utf8");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : [],
  );
}

describe("the Kubernetes image", () => {
  it("npm run image builds the repository's Dockerfile and tags it as the Jobs name it", () => {
    const tag = `meshsim:${manifest.version}`;
    expect(manifest.scripts.image).toBe("docker build -f deploy/kubernetes/Dockerfile -t meshsim:$npm_package_version .");
    const images: string[] = [];
    for (const file of ["sweep-job.yaml", "sweep-slo-job.yaml", "merge-job.yaml", "results-reader.yaml"]) {
      for (const document of parseAllDocuments(readFileSync(join(ROOT, "deploy/kubernetes", file), "utf8"))) {
        JSON.stringify(document.toJSON(), (key, value) => {
          if (key === "image") images.push(value);
          return value;
        });
      }
    }
    expect(images.length).toBeGreaterThanOrEqual(3);
    expect(new Set(images)).toEqual(new Set([tag]));
  });

  it("the example scenario in sweep-job.yaml's ConfigMap is scenarios/bookinfo.yaml byte for byte (regression: it lagged the file)", () => {
    const documents = parseAllDocuments(readFileSync(join(ROOT, "deploy/kubernetes/sweep-job.yaml"), "utf8")).map((document) => document.toJSON());
    const configMap = documents.find((document) => document?.kind === "ConfigMap");
    expect(configMap.data["scenario.yaml"]).toBe(readFileSync(join(ROOT, "scenarios/bookinfo.yaml"), "utf8"));
  });

  it("copies what the CLI reads at run time: the built code, the profiles, the scenarios, the lock file", () => {
    for (const line of ["COPY package.json package-lock.json ./", "COPY --from=build /app/dist ./dist", "COPY models ./models", "COPY scenarios ./scenarios"]) {
      expect(dockerfile).toContain(line);
    }
    expect(dockerfile).toContain(`ENTRYPOINT ["node", "${manifest.bin.meshsim}"]`);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it("the build stage copies every script npm run build runs (the bundles', the parsed documents') and what they read", () => {
    const scripts = [...manifest.scripts.build.matchAll(/scripts\/[\w-]+\.ts/g)].map((match) => match[0]);
    expect(scripts).toEqual(expect.arrayContaining(["scripts/bundle.ts", "scripts/cache-documents.ts"]));
    for (const script of scripts) expect(dockerfile).toContain(`COPY ${script} ./scripts/`);
    const buildStage = dockerfile.slice(0, dockerfile.indexOf("RUN npm ci --no-audit"));
    for (const folder of ["models", "scenarios"]) expect(buildStage).toContain(`COPY ${folder} ./${folder}`);
  });

  it("every package src/ imports is a runtime dependency, so the image (no dev dependencies) has it", () => {
    const imported = new Set<string>();
    for (const file of sourceFiles(join(ROOT, "src"))) {
      for (const match of readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*?from\s+"([^".][^"]*)"/gms)) {
        const specifier = match[1];
        if (specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
        const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
        imported.add(name);
      }
    }
    const runtime = Object.keys(manifest.dependencies);
    expect([...imported].filter((name) => !runtime.includes(name))).toEqual([]);
    expect([...imported]).toEqual(expect.arrayContaining(["cli-progress", "hdr-histogram-js", "commander"]));
  });
});
