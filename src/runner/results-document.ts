/**
 * The results document (results.json) as design.md fixes it. Everything but `meta` depends
 * only on the inputs and the seed, so two runs can be compared byte for byte.
 */

import { arch, cpus, platform } from "node:os";
import type { RunSummary } from "./summarize-run.js";

export const RESULTS_SCHEMA_VERSION = 1;

export interface ResultsMeta {
  tool: "meshsim";
  version: string;
  wallSeconds: number;
  workers: number;
  host: { platform: string; arch: string; cpus: number; node: string };
}

export interface ResultsDocument {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  meta: ResultsMeta;
  scenario: { name: string; sha256: string; imports?: Array<{ file: string; sha256: string }>; notices?: string[] };
  seed: number;
  runs: RunSummary[];
}

/** Host facts for `meta` (never used by the model). */
export function describeHost(): ResultsMeta["host"] {
  return { platform: platform(), arch: arch(), cpus: cpus().length, node: process.version };
}
