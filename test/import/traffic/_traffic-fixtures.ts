// Shared by the traffic-import tests: the fixture folder, a scenario's services (bookinfo with
// version labels, plus the services the other fixtures route to), and scratch files for one-off
// manifests.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/traffic");

/** The path of a fixture in test/fixtures/traffic/. */
export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** Bookinfo as a scenario declares it (reviews split by version), and the other fixtures' services. */
export const SERVICES: Array<{ name: string; labels?: Record<string, string> }> = [
  { name: "productpage", labels: { app: "productpage", version: "v1" } },
  { name: "details", labels: { app: "details", version: "v1" } },
  { name: "ratings", labels: { app: "ratings", version: "v1" } },
  { name: "reviews-v1", labels: { app: "reviews", version: "v1" } },
  { name: "reviews-v2", labels: { app: "reviews", version: "v2" } },
  { name: "reviews-v3", labels: { app: "reviews", version: "v3" } },
  { name: "website-v1" },
  { name: "website-v2" },
  { name: "api-v1" },
  { name: "api-v2" },
  { name: "httpbin", labels: { app: "httpbin" } },
  { name: "httpbin-v1", labels: { app: "httpbin", version: "v1" } },
  { name: "httpbin-v2", labels: { app: "httpbin", version: "v2" } },
];

/** A temporary folder for manifests written by the tests; call `remove` in afterAll. */
export function createScratch(): { write(name: string, text: string): string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), "meshsim-traffic-import-"));
  return {
    write(name, text) {
      const path = join(folder, name);
      writeFileSync(path, text);
      return path;
    },
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
