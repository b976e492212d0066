import { defineConfig } from "vitest/config";

// Simulation tests are CPU-bound; long statistical runs get generous per-test timeouts
// instead of being shortened (shortening them would loosen the statistical checks).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
