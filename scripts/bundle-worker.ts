/**
 * Bundles the piscina worker into one ES module, dist/src/runner/worker-bundle.js, after tsc has
 * built dist/: each worker thread of a run then loads one file before its first task instead of
 * about 170 modules (here about 35 ms instead of 160-210 ms per thread). `npm run build` runs it.
 */

import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

await build({
  // tsc's output, not src/: the bundle runs exactly the code the rest of dist/ runs, and its map
  // chains tsc's maps, so `node --enable-source-maps` names the src/*.ts line of a worker's error.
  entryPoints: [join(root, "dist/src/runner/worker.js")],
  outfile: join(root, "dist/src/runner/worker-bundle.js"),
  bundle: true,
  // The packages too: keeping them external loaded them as modules of their own, 55-75 ms a
  // thread here against 30-40 ms with everything in the one file.
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  // Bundled CommonJS packages (seedrandom) call require() for Node's built-ins, which an ES
  // module lacks.
  banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  logLevel: "warning",
});
