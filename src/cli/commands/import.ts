/**
 * `meshsim import traces <files...>` and `meshsim import manifests <files or folders...>`: a scenario
 * from the user's own traces (OTLP, Jaeger or Zipkin JSON) and Kubernetes manifests; each takes the
 * other's input too (`--manifests`, `--traces`), and both together give one scenario.
 */

import type { Command } from "commander";
import { writeFileAtomic } from "../../report/index.js";
import { importScenario, scenarioNameOf, TRACE_FORMATS, type ImportOptions, type TraceFormat } from "../../import/index.js";
import type { CliIo } from "../cli-io.js";
import { parseChoice, parseRatio } from "../parse-values.js";
import { UsageError } from "../usage-error.js";

interface ImportFlags {
  format?: string;
  sampling?: string;
  traces?: string;
  manifests?: string;
  output?: string;
  name?: string;
  quiet?: boolean;
}

export function addImportCommand(program: Command, io: CliIo): void {
  const command = program.command("import").description("write a scenario from your own traces and Kubernetes manifests");
  const common = (sub: Command): Command =>
    sub
      .option("-o, --output <file>", "the scenario file to write (default: standard output)")
      .option("--format <format>", `the trace files' format: ${TRACE_FORMATS.join(", ")} (default: told from each file)`)
      .option("--sampling <ratio>", "the share of requests that were traced (0-1), to scale the observed rate up; default: the spans' sampler tags, else 1")
      .option("--name <name>", "the scenario's name (default: the output file's)")
      .option("--quiet", "no notes on stderr");
  common(
    command
      .command("traces")
      .description("infer services, call trees, service times and load from OTLP, Jaeger or Zipkin JSON")
      .argument("<files...>", "trace files: OTLP JSON (collector file exporter, OTLP/HTTP), Jaeger JSON (UI download, query API), Zipkin v2 JSON")
      .option("--manifests <paths>", "Kubernetes manifests (files or folders, comma-separated) for the deployment's shape"),
  ).action((files: string[], flags: ImportFlags) => run({ traces: files, manifests: split(flags.manifests) }, flags, io, ["traces", ...files]));
  common(
    command
      .command("manifests")
      .description("read replicas, resources, protocols, nodes and mesh enrolment from Kubernetes manifests")
      .argument("<paths...>", "files, folders, or - for standard input (kubectl get ... -o yaml, helm template)")
      .option("--traces <files>", "trace files (comma-separated) for the call graph, times and load"),
  ).action((paths: string[], flags: ImportFlags) => run({ manifests: paths, traces: split(flags.traces) }, flags, io, ["manifests", ...paths]));
}

// --- internal ---

async function run(inputs: { traces?: string[]; manifests?: string[] }, flags: ImportFlags, io: CliIo, words: string[]): Promise<void> {
  const options: ImportOptions = {
    ...inputs,
    ...(flags.format !== undefined ? { format: parseChoice(flags.format, TRACE_FORMATS, "--format") as TraceFormat } : {}),
    ...(flags.sampling !== undefined ? { sampling: parseRatio(flags.sampling, "--sampling") } : {}),
    ...(io.readStdin ? { stdin: io.readStdin } : {}),
    name: flags.name ?? scenarioNameOf(flags.output),
    command: ["meshsim import", ...words, ...describeFlags(flags)].join(" "),
  };
  if (!inputs.traces?.length && (flags.format !== undefined || flags.sampling !== undefined)) {
    throw new UsageError(`${flags.format !== undefined ? "--format" : "--sampling"} applies to trace files; give them with --traces`);
  }
  const imported = await importScenario(options);
  if (!flags.quiet) for (const notice of imported.notices) io.stderr(`note: ${notice}\n`);
  if (flags.output === undefined || flags.output === "-") {
    io.stdout(imported.yaml);
    return;
  }
  writeFileAtomic(flags.output, imported.yaml);
  if (!flags.quiet) {
    const services = (imported.document.services as unknown[]).length;
    const types = (imported.document.requestTypes as unknown[]).length;
    io.stderr(`wrote ${flags.output}: ${services} service${services === 1 ? "" : "s"}, ${types} request type${types === 1 ? "" : "s"}\n`);
  }
}

function split(list: string | undefined): string[] | undefined {
  return list === undefined ? undefined : list.split(",").map((item) => item.trim()).filter(Boolean);
}

/** The flags that change the result, for the scenario's header (not -o or --quiet). */
function describeFlags(flags: ImportFlags): string[] {
  const words: string[] = [];
  if (flags.manifests) words.push(`--manifests ${flags.manifests}`);
  if (flags.traces) words.push(`--traces ${flags.traces}`);
  if (flags.format) words.push(`--format ${flags.format}`);
  if (flags.sampling) words.push(`--sampling ${flags.sampling}`);
  return words;
}
