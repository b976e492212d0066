import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Simulation tests are CPU-bound; long statistical runs get generous per-test timeouts
// instead of being shortened (shortening them would loosen the statistical checks).
//
// Test files share worker threads and their module cache (isolate: false): loading src/ through
// the transformer once per worker instead of once per file cuts most of the suite's import time.
// That is safe while no test mocks modules, stubs globals or environment variables, changes
// // the working directory or leaves shared state behind. One worker per core (vitest's default is
// one fewer, which leaves one of the two cores the suite is timed on idle between pools).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "threads",
    isolate: false,
    maxWorkers: availableParallelism(),
  },
});
