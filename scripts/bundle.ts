/**
 * Bundles what Node loads at start-up, after tsc has built dist/, so a process reads one file
 * instead of hundreds of modules: each worker thread's code (dist/src/runner/worker-bundle.js,
 * about 35 ms to load instead of 160-210 ms) and the `meshsim` command itself (written over
 * dist/src/cli/main.js: `meshsim --version` in 0.3 s instead of 0.57 s). `npm run build` runs it.
 *
 * The command's bundle replaces tsc's main.js in place, so everything that starts
 * `node dist/src/cli/main.js` gets it, and a later tsc alone writes the unbundled main.js back:
 * slower, never stale. The library entry (dist/src/index.js) stays modules.
 *
 * Also the three benchmark case scripts `npm run bench:instructions` counts
 * (dist/bench/mm1-bundle.js, robot-shop-bundle.js, core-case-bundle.js): loaded as hundreds of
 * modules, whose files arrive in whatever order the disk answers, V8 saw the code in a different
 * order in each process and the instructions it ran varied by 0.8%; from one file, by 0.0003%.
 */

import { build, type BuildOptions } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const shared: BuildOptions = {
  bundle: true,
  // The packages too: keeping them external loaded them as modules of their own, 55-75 ms a
  // worker thread here against 30-40 ms with everything in the one file.
  format: "esm",
  platform: "node",
  target: "node20",
  // tsc's output, not src/: a bundle runs exactly the code the rest of dist/ runs, and its map
  // chains tsc's maps, so `node --enable-source-maps` names the src/*.ts line of an error.
  sourcemap: true,
  // Bundled CommonJS packages (seedrandom, ajv) call require() for Node's built-ins, which an ES
  // module lacks. (Under a name of its own: a bundled module importing createRequire would clash.)
  banner: { js: 'import { createRequire as createBundleRequire } from "node:module"; const require = createBundleRequire(import.meta.url);' },
  logLevel: "warning",
};

const cliEntry = join(root, "dist/src/cli/main.js");
// piscina starts its threads from a file of its own; resvg is a native addon; vega and vega-lite
// load only when a chart is drawn (half a second that commands without charts do not pay), so
// they stay packages loaded on demand.
const loadedApart = ["piscina", "@resvg/resvg-js", "vega", "vega-lite"];

await Promise.all([
  build({ ...shared, entryPoints: [join(root, "dist/src/runner/worker.js")], outfile: join(root, "dist/src/runner/worker-bundle.js") }),
  build({
    ...shared,
    entryPoints: [cliEntry],
    // esbuild reads every input before it writes, so the bundle can take its entry's place.
    outfile: cliEntry,
    allowOverwrite: true,
    external: loadedApart,
  }),
  build({
    ...shared,
    entryPoints: [join(root, "dist/bench/mm1.js"), join(root, "dist/bench/robot-shop.js"), join(root, "dist/bench/core-case.js")],
    outdir: join(root, "dist/bench"),
    entryNames: "[name]-bundle",
    external: loadedApart,
  }),
]);
