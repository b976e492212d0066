/**
 * Finds the installed package's root folder (the one holding models/ and scenarios/), whether
 * the code runs from src/ under tsx or from the built dist/.
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

/**
 * The folder of meshsim's package.json.
 * @throws Error when no such folder is found above this file
 */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "meshsim") {
      cachedRoot = folder;
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error("cannot find the meshsim package root");
    folder = parent;
  }
}

/**
 * The package root, or undefined where there is none to find: for what only the package's own
 * build outputs speed up (parsed documents, compiled validators), which then do without them.
 */
export function packageRootIfFound(): string | undefined {
  try {
    return packageRoot();
  } catch {
    return undefined;
  }
}

/** The package's version from package.json. */
export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}
