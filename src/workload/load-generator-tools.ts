/**
 * The load generators a scenario's client may be, with the CPU each spends per request it sends
 * and receives: the client pod's own cost on its node. Each figure names where it was read; an
 * `estimate:` says how it was derived where no direct figure exists.
 */

export type LoadGeneratorTool = "fortio" | "wrk2" | "oha" | "nighthawk";

/** Istio's benchmark harness uses fortio (models/SOURCES.md IS3, IS6), so it is the default client. */
export const DEFAULT_LOAD_GENERATOR_TOOL: LoadGeneratorTool = "fortio";

export interface LoadGeneratorCost {
  /** CPU the generator spends per request, ms (send, receive, parse, record in its histogram). */
  cpuMsPerRequest: number;
  /**
   * CPU a worker spends whatever the rate, vCPU per worker thread: nighthawk busy-waits between
   * requests by default. Not part of cpuMsPerRequest.
   */
  idleVcpuPerWorker?: number;
  /** Where the figure comes from. */
  source: string;
}

/**
 * CPU per request of each load generator, HTTP/1.1 with keep-alive. All are upper bounds read from
 * runs that also paid for something else (process start, new connections) or assumed a saturated
 * thread, so a real run spends at most this.
 */
export const LOAD_GENERATOR_TOOLS: Readonly<Record<LoadGeneratorTool, LoadGeneratorCost>> = {
  fortio: {
    // "< 10%" of a core for 1000 requests/s = at most 0.1 ms per request.
    cpuMsPerRequest: 0.1,
    source:
      "github.com/fortio/fortio/issues/505 (2022-01, fortio 1.20.0): the default (fast) HTTP client uses < 10% CPU for `fortio load -qps 1000 -c 8 -payload-size 1024` against a fortio server",
  },
  wrk2: {
    cpuMsPerRequest: 0.02,
    source:
      "estimate: wrk's README (github.com/wg/wrk @ 03976a3) shows 12 threads at 748,868 requests/s, 56.2k per thread on average; a wrk thread is one event loop on one core, so at most 1 / 56.2k s = 0.018 ms per request. wrk2 (github.com/giltene/wrk2 @ 02f60da) is wrk plus rate pacing and one HdrHistogram record per response: rounded up to 0.02",
  },
  oha: {
    // 17.4 ms of CPU / 200 requests = 0.087 ms, an upper bound: it includes process start and 50 new connections.
    cpuMsPerRequest: 0.087,
    source:
      "github.com/hatoo/oha README @ 013586a, Benchmark Results: hyperfine of `oha --no-tui http://localhost:3000` (200 requests over 50 connections to a Node.js server) reports User 5.7 ms + System 11.7 ms",
  },
  nighthawk: {
    // 50,000 requests/s on one worker (one event-loop thread, at most one core) = at most 0.02 ms per request.
    cpuMsPerRequest: 0.02,
    idleVcpuPerWorker: 1,
    source:
      "github.com/envoyproxy/nighthawk/issues/576 (2020-11): `--concurrency 1 --connections 64 --rps 50000` reaches 50k requests/s on one worker; issues/334 (2020-05): the default --sequencer-idle-strategy spin keeps each worker's core busy even at 1 request/s",
  },
};

/** The tool names, for the schema's enum. */
export const LOAD_GENERATOR_TOOL_NAMES = Object.keys(LOAD_GENERATOR_TOOLS) as LoadGeneratorTool[];
