/**
 * Reads trace files of any of the three formats into spans, telling the format of each file from
 * what it holds (or checking it against `--format`), with what was skipped as notices.
 */

import { ScenarioError } from "../../scenario/index.js";
import { readJsonItems, type JsonItem } from "./_json-items.js";
import { isObject } from "./_span-fields.js";
import { readJaegerTrace } from "./read-jaeger.js";
import { readOtlpResourceSpans } from "./read-otlp.js";
import { looksLikeZipkin, readZipkinItem } from "./read-zipkin.js";
import type { Span, TraceFormat } from "./span.js";

export interface TraceFiles {
  spans: Span[];
  files: Array<{ file: string; format: TraceFormat; spans: number }>;
  notices: string[];
}

const FORMAT_NAMES: Record<TraceFormat, string> = { otlp: "OTLP JSON", jaeger: "Jaeger JSON", zipkin: "Zipkin v2 JSON" };

/**
 * Reads every file, streaming each; `-` is standard input, read whole by `stdin`.
 * @param format - when given, every file must be in it
 * @throws ScenarioError naming the file (and field, or line) for a file that cannot be read, is not
 *   one of the formats, is not in `format`, or holds a malformed span; and when no file holds a span
 * @example (await readTraceFiles(["traces.json"])).files[0].format // "jaeger"
 */
export async function readTraceFiles(files: readonly string[], format?: TraceFormat, stdin?: () => Promise<string>): Promise<TraceFiles> {
  const result: TraceFiles = { spans: [], files: [], notices: [] };
  for (const path of files) {
    const file = path === "-" ? STANDARD_INPUT : path;
    const source = path === "-" ? standardInput(stdin) : undefined;
    let detected: TraceFormat | undefined;
    let incomplete = 0;
    const before = result.spans.length;
    const onItem = (item: JsonItem): void => {
      const itemFormat = formatOf(file, item);
      if (detected !== undefined && itemFormat !== detected) {
        throw new ScenarioError(file, item.path, `is ${FORMAT_NAMES[itemFormat]} but the file began as ${FORMAT_NAMES[detected]}: one format per file`);
      }
      if (format !== undefined && itemFormat !== format) {
        throw new ScenarioError(file, "", `is ${FORMAT_NAMES[itemFormat]}, not ${FORMAT_NAMES[format]} (--format ${format})`);
      }
      detected = itemFormat;
      const where = { file, path: item.path };
      if (itemFormat === "jaeger") pushAll(result.spans, readJaegerTrace(where, item.value));
      else if (itemFormat === "otlp") pushAll(result.spans, readOtlpResourceSpans(where, item.value));
      else {
        const zipkin = readZipkinItem(where, item.value);
        pushAll(result.spans, zipkin.spans);
        incomplete += zipkin.incomplete;
      }
    };
    const shape = await readJsonItems(file, onItem, source);
    if (detected === undefined) {
      if (shape.topLevel === "object" && !["data", "resourceSpans", "result"].some((key) => shape.keys.includes(key))) {
        throw new ScenarioError(file, "", `is not a trace file: a JSON object with ${describeKeys(shape.keys)}, where OTLP JSON has resourceSpans, Jaeger JSON data`);
      }
      result.notices.push(`${file}: holds no spans`);
      continue;
    }
    if (incomplete > 0) result.notices.push(`${file}: ${incomplete} span${incomplete === 1 ? "" : "s"} without a duration (reported before they ended) dropped`);
    result.files.push({ file, format: detected, spans: result.spans.length - before });
  }
  const formats = [...new Set(result.files.map((entry) => entry.format))];
  if (formats.length > 1) {
    result.notices.push(`the files mix formats (${result.files.map((entry) => `${entry.file}: ${entry.format}`).join(", ")}): spans are joined into traces by their trace ids whatever the format`);
  }
  if (result.spans.length === 0) throw new ScenarioError(files.join(", "), "", "hold no spans to import");
  return result;
}

// --- internal ---

function formatOf(file: string, item: JsonItem): TraceFormat {
  if (item.holder === "data") {
    if (item.value === null) throw new ScenarioError(file, item.path, "is null: the Jaeger query answered with no trace (see its errors field)");
    return "jaeger";
  }
  if (item.holder === "resourceSpans" || item.holder === "result.resourceSpans") return "otlp";
  if (looksLikeZipkin(item.value)) return "zipkin";
  const keys = isObject(item.value) ? item.value : Array.isArray(item.value) && isObject(item.value[0]) ? item.value[0] : undefined;
  const what = keys ? `an object with ${describeKeys(Object.keys(keys))}` : JSON.stringify(item.value)?.slice(0, 30);
  throw new ScenarioError(file, item.path, `is not a Zipkin v2 span (traceId, id, ...): ${what}`);
}

function describeKeys(keys: string[]): string {
  if (keys.length === 0) return "no keys";
  const shown = keys.slice(0, 5).join(", ");
  return `keys ${shown}${keys.length > 5 ? ", ..." : ""}`;
}

/** push(...items) overflows the stack for very large traces. */
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

const STANDARD_INPUT = "(standard input)";

/** Standard input's bytes, read once when the parser asks for them. */
async function* standardInput(stdin: (() => Promise<string>) | undefined): AsyncIterable<Buffer> {
  if (!stdin) throw new ScenarioError("-", "", "standard input cannot be read here");
  yield Buffer.from(await stdin(), "utf8");
}
