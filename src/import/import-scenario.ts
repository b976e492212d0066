/**
 * `meshsim import`: traces and/or Kubernetes manifests in, a commented scenario out, checked by
 * meshsim's own validation before it is handed back.
 */

import { basename } from "node:path";
import { ScenarioError } from "../scenario/index.js";
import { composeScenario, CLUSTER_RTT_MS, renderScenarioYaml, toScenarioName } from "./compose/index.js";
import { parseScenario } from "./load-scenario.js";
import { importDeploymentShape, readKubernetesInputs } from "./manifests/index.js";
import { inferApplication, readTraceFiles, type TraceFormat } from "./traces/index.js";

export interface ImportOptions {
  traces?: string[];
  format?: TraceFormat;
  sampling?: number;
  manifests?: string[];
  /** Reads standard input, for a trace file or a manifest path of `-` (one of the two). */
  stdin?: () => Promise<string>;
  /** The scenario's name (default: from the output file, else "imported"). */
  name?: string;
  /** The command line, for the header. */
  command: string;
}

export interface ImportedScenario {
  yaml: string;
  document: Record<string, unknown>;
  /** What could not be inferred or imported, and the repairs made: also in the header. */
  notices: string[];
}

/**
 * @throws ScenarioError naming the file and field (or line) of bad input
 * @example (await importScenario({ traces: ["traces.json"], command: "meshsim import traces traces.json" })).yaml
 */
export async function importScenario(options: ImportOptions): Promise<ImportedScenario> {
  if (!options.traces?.length && !options.manifests?.length) throw new ScenarioError("", "import", "needs trace files or manifests");
  let app;
  let traceFiles;
  if (options.traces?.length) {
    if (options.traces.includes("-") && options.manifests?.includes("-")) {
      throw new ScenarioError("-", "", "standard input can give the traces or the manifests, not both: write one of them to a file");
    }
    const read = await readTraceFiles(options.traces, options.format, options.stdin);
    app = inferApplication(read.spans, { sampling: options.sampling, clusterRttMs: CLUSTER_RTT_MS });
    // Every trace may have been dropped by the repairs; the notices say why.
    if (app.requestTypes.length === 0) throw new ScenarioError(options.traces.join(", "), "", `hold no trace that can be imported: ${app.notices.join("; ")}`);
    app.notices.unshift(...read.notices);
    traceFiles = read.files;
  }
  let shape;
  if (options.manifests?.length) {
    const { manifests, files } = await readKubernetesInputs(options.manifests, options.stdin);
    shape = importDeploymentShape(manifests, files);
  }
  const composed = composeScenario({ name: toScenarioName(options.name ?? "imported"), app, traceFiles, shape, command: options.command });
  const yaml = renderScenarioYaml(composed);
  try {
    parseScenario("the imported scenario", composed.document, "");
  } catch (error) {
    // Anything the import writes must load: a failure here is meshsim's bug, not the input's.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the imported scenario does not pass validation: ${reason}`);
  }
  const notices = composed.header.filter((line) => line.startsWith("  - ")).map((line) => line.slice(4));
  return { yaml, document: composed.document, notices };
}

/** A scenario name from an output path: "out/shop.yaml" -> "shop". */
export function scenarioNameOf(path: string | undefined): string | undefined {
  if (!path || path === "-") return undefined;
  return basename(path).replace(/\.(ya?ml|json)$/i, "");
}
