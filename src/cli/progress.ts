/**
 * Progress on stderr: on a terminal, one bar redrawn in place by cli-progress (which clears
 * the line before each redraw, so a shorter line leaves nothing behind), with lines such as a
 * sweep's points printed above it; elsewhere only those lines.
 */

import cliProgress from "cli-progress";
import type { CliIo } from "./cli-io.js";

/** A progress display for a run of tasks or a sweep's points. */
export interface Progress {
  /** `done` of `total` units finished (executeTasks' onProgress). */
  update: (done: number, total: number) => void;
  /** A line for the log, above the bar on a terminal (ending in "\n"). */
  log: (line: string) => void;
  /** Draws the last state and leaves the bar on its own line; call once, also after an error. */
  stop: () => void;
}

/** Shortest wall time between redraws on updates, ms. */
const REDRAW_MS = 100;

/** Terminal width when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

/**
 * A progress display counting `unit` ("tasks", "points"). Off a terminal the bar is not drawn
 * and `log` writes its lines as they come.
 * @example const progress = createProgress(io, "tasks"); try { await executeTasks(tasks, { onProgress: progress.update }) } finally { progress.stop() }
 */
export function createProgress(io: CliIo, unit: string): Progress {
  if (!io.stderrIsTty) return { update: () => {}, log: (line) => io.stderr(line), stop: () => {} };
  const started = io.now();
  const bars = new cliProgress.MultiBar(
    {
      stream: terminalStream(io),
      format: (options, params) => describe(params.value, params.total, unit, (io.now() - started) / 1000, cliProgress.Format.BarFormat(params.progress, options)),
      barsize: 24,
      barCompleteChar: "#",
      barIncompleteChar: "-",
      hideCursor: false,
      // A line wider than the terminal would wrap and each redraw would add a line.
      linewrap: false,
      fps: 1000 / REDRAW_MS,
    },
    cliProgress.Presets.legacy,
  );
  let bar: cliProgress.SingleBar | undefined;
  let stopped = false;
  let drawnAt = -Infinity;
  // cli-progress redraws on its own timer too; drawing on updates as well (at most every
  // REDRAW_MS, and always at the end) keeps the bar in step with the work.
  const draw = () => {
    bars.update();
    drawnAt = io.now();
  };
  return {
    update: (done, total) => {
      if (stopped) return;
      if (bar === undefined) bar = bars.create(total, done);
      else {
        bar.setTotal(total);
        bar.update(done);
      }
      if (done >= total || io.now() - drawnAt >= REDRAW_MS) draw();
    },
    log: (line) => {
      if (bar === undefined || stopped) io.stderr(line);
      else {
        bars.log(line);
        draw();
      }
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      // cli-progress draws the last state and ends the line.
      if (bar !== undefined) bars.stop();
    },
  };
}

// --- internal ---

/**
 * The bar's line: done so far and the time left, estimated from the pace so far; when done, the
 * time it took.
 */
function describe(done: number, total: number, unit: string, elapsedS: number, bar: string): string {
  if (done >= total) return `simulated ${total} ${unit} in ${formatSeconds(elapsedS)}`;
  const leftS = done > 0 ? (elapsedS / done) * (total - done) : undefined;
  return `simulating [${bar}] ${done}/${total} ${unit}${leftS === undefined ? "" : `, ~${formatSeconds(leftS)} left`}`;
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** What cli-progress draws on: stderr through CliIo, as a terminal of the known width. */
function terminalStream(io: CliIo): NodeJS.WritableStream {
  const stream = {
    isTTY: true,
    columns: io.columns ?? DEFAULT_COLUMNS,
    write: (text: string) => {
      io.stderr(text);
      return true;
    },
    on: () => stream,
    once: () => stream,
    removeListener: () => stream,
  };
  return stream as unknown as NodeJS.WritableStream;
}
