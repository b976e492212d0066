/**
 * Reads a large JSON file as a stream, handing over the items that hold spans one at a time: each
 * element of a top-level array (Zipkin), each trace of Jaeger's `data`, each `resourceSpans` entry
 * of OTLP (also several documents one after another, as the collector's file exporter writes JSON
 * Lines). Items are dropped once handed over, so memory follows the spans kept, not the file.
 */

import { createReadStream } from "node:fs";
import { JSONParser } from "@streamparser/json";
import { ScenarioError } from "../../scenario/index.js";

/** One item and where it sits: "data[3]", "resourceSpans[0]" (with the document for JSON Lines: "document 2 resourceSpans[0]"). */
export interface JsonItem {
  value: unknown;
  path: string;
  /** The top-level field it came from: "data", "resourceSpans", "result.resourceSpans"; "" inside a top-level array. */
  holder: string;
}

/** What the file held besides the items: its top-level shape and, for objects, the keys of each document. */
export interface JsonShape {
  topLevel: "array" | "object";
  /** Keys of the top-level object (the first document's, for JSON Lines). */
  keys: string[];
  documents: number;
}

/**
 * Streams `file` (or `source`, its bytes from elsewhere: standard input), calling `onItem` for every
 * item that can hold spans.
 * @throws ScenarioError naming the file (and line and column) when it is missing, empty, not JSON or
 *   truncated; errors thrown by `onItem` pass through
 * @example await readJsonItems("traces.json", (item) => items.push(item)) // { topLevel: "object", keys: ["data"], documents: 1 }
 */
export async function readJsonItems(file: string, onItem: (item: JsonItem) => void, source?: AsyncIterable<Buffer>): Promise<JsonShape> {
  let parser: JSONParser | undefined;
  let shape: JsonShape | undefined;
  let failure: Error | undefined;
  let bytesBefore = 0;
  /** Byte offset of the last token read: where a token that does not fit the grammar sits. */
  let tokenOffset = 0;
  let linesBefore = 0;
  let chunk: Buffer = Buffer.alloc(0);
  const stream = source ?? createReadStream(file);
  try {
    for await (const data of stream as AsyncIterable<Buffer>) {
      chunk = data;
      if (!parser) {
        const started = startParser(file, chunk, bytesBefore === 0);
        if (!started) {
          bytesBefore += chunk.length;
          continue;
        }
        parser = started.parser;
        shape = started.shape;
        parser.onValue = ({ value, key, stack }) => {
          if (stack.length === 0) {
            // A whole top-level object (its span holders already emptied): count it, keep its keys.
            shape!.documents += 1;
            if (shape!.documents === 1 && isObject(value)) shape!.keys = Object.keys(value);
            return;
          }
          const holder = stack.slice(1).map((entry) => String(entry.key)).join(".");
          const document = shape!.documents > 0 ? `document ${shape!.documents + 1} ` : "";
          onItem({ value, holder, path: `${document}${holder}[${String(key)}]` });
        };
        parser.onToken = ({ offset }) => {
          tokenOffset = offset;
        };
        parser.onError = (error) => {
          failure ??= error;
        };
      }
      try {
        parser.write(chunk);
      } catch (error) {
        failure ??= error as Error;
      }
      if (failure) break;
      bytesBefore += chunk.length;
      linesBefore += countNewlines(chunk, chunk.length);
    }
    if (!parser) throw new ScenarioError(file, "", "is empty");
    if (!failure && !parser.isEnded) {
      try {
        parser.end();
      } catch (error) {
        failure ??= error as Error;
      }
    }
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : `cannot be read (${code})`;
    throw new ScenarioError(file, "", reason);
  } finally {
    if ("destroy" in stream) stream.destroy();
  }
  if (failure) {
    if (failure instanceof ScenarioError) throw failure;
    throw describeSyntaxError(file, failure, { bytesBefore, linesBefore, chunk, tokenOffset });
  }
  return shape!;
}

// --- internal ---

const BYTE_ORDER_MARK = "\uFEFF";

/** Picks the paths to emit from the first character: each element of an array, or the span holders of an object. */
function startParser(file: string, chunk: Buffer, atStart: boolean): { parser: JSONParser; shape: JsonShape } | undefined {
  const text = chunk.toString("utf8", 0, Math.min(chunk.length, 64));
  const first = (atStart ? text.replace(BYTE_ORDER_MARK, "") : text).trimStart()[0];
  if (first === undefined) return undefined;
  if (first === "[") {
    return { parser: new JSONParser({ paths: ["$.*"], keepStack: false }), shape: { topLevel: "array", keys: [], documents: 0 } };
  }
  if (first === "{") {
    // "$" itself is emitted once per document, after its holders were emptied (keepStack: false):
    // it counts JSON Lines documents and shows the keys of a file that holds no spans.
    const parser = new JSONParser({ paths: ["$", "$.data.*", "$.resourceSpans.*", "$.result.resourceSpans.*"], keepStack: false, separator: "" });
    return { parser, shape: { topLevel: "object", keys: [], documents: 0 } };
  }
  throw new ScenarioError(file, "", "is not JSON: trace files are OTLP JSON, Jaeger JSON or Zipkin v2 JSON");
}

function describeSyntaxError(file: string, error: Error, at: { bytesBefore: number; linesBefore: number; chunk: Buffer; tokenOffset: number }): ScenarioError {
  // The tokenizer names a bad character and its position; the token parser a token out of place,
  // whose position is the last token's.
  const character = /Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/.exec(error.message);
  const token = /Unexpected (?:partial )?\w+ \((.*)\) in state/.exec(error.message);
  const unexpected = character ?? (token ? [token[0], textOf(token[1]), String(at.tokenOffset)] : undefined);
  if (unexpected) {
    const offset = Math.max(0, Number(unexpected[2]) - at.bytesBefore);
    const line = at.linesBefore + countNewlines(at.chunk, offset) + 1;
    const lineStart = at.chunk.lastIndexOf(0x0a, offset - 1) + 1;
    const column = offset - lineStart + 1;
    return new ScenarioError(file, `line ${line} column ${column}`, `is not valid JSON: unexpected ${JSON.stringify(unexpected[1])}`);
  }
  if (/ended in (the middle|mid-parsing)/.test(error.message)) {
    return new ScenarioError(file, "", `is truncated: the JSON ends in the middle of a value (after ${at.bytesBefore} bytes)`);
  }
  return new ScenarioError(file, "", `is not valid JSON: ${error.message.split("\n")[0]}`);
}

/** A token's value as the parser quotes it (JSON), shown as its text. */
function textOf(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return json;
  }
}

function countNewlines(buffer: Buffer, end: number): number {
  let count = 0;
  for (let index = buffer.indexOf(0x0a); index !== -1 && index < end; index = buffer.indexOf(0x0a, index + 1)) count += 1;
  return count;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
