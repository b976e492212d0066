// createProgress: on a terminal a bar redrawn in place that leaves no stray characters when its
// line gets shorter, with log lines above it; off a terminal only the log lines.

import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.js";
import { createProgress } from "../../src/cli/progress.js";
import { renderTerminal } from "./_terminal.js";

function terminal(isTty: boolean): { io: CliIo; written: () => string; tick: (ms: number) => void } {
  let written = "";
  let now = 0;
  const io: CliIo = { stdout: () => {}, stderr: (text) => (written += text), stderrIsTty: isTty, now: () => now, columns: 100 };
  return { io, written: () => written, tick: (ms) => (now += ms) };
}

describe("createProgress on a terminal", () => {
  it("redraws one line in place and ends with the time it took, nothing left of longer lines", () => {
    const { io, written, tick } = terminal(true);
    const progress = createProgress(io, "tasks");
    // A slow first task makes a long estimate ("~1 min 39 s left"); later ones shorten it.
    tick(11_000);
    progress.update(1, 10);
    for (let done = 2; done <= 10; done++) {
      tick(100);
      progress.update(done, 10);
    }
    progress.stop();
    expect(written()).toContain("1/10 tasks, ~1 min 39 s left");
    expect(written()).toContain("9/10 tasks, ~1.3 s left");
    expect(renderTerminal(written())).toEqual(["simulated 10 tasks in 12 s", ""]);
  });

  it("a bar stopped early (an error, Ctrl-C) shows where it got, on a line of its own", () => {
    const { io, written, tick } = terminal(true);
    const progress = createProgress(io, "tasks");
    tick(2000);
    progress.update(1, 4);
    progress.stop();
    progress.stop();
    expect(renderTerminal(written())).toEqual(["simulating [######------------------] 1/4 tasks, ~6.0 s left", ""]);
  });

  it("prints log lines above the bar", () => {
    const { io, written, tick } = terminal(true);
    const progress = createProgress(io, "points");
    progress.log("sweep: none @ 100 rps: p99 1.00 ms\n");
    progress.update(1, 2);
    tick(1000);
    progress.log("sweep: none @ 200 rps: p99 2.00 ms\n");
    progress.update(2, 2);
    progress.stop();
    expect(renderTerminal(written())).toEqual(["sweep: none @ 100 rps: p99 1.00 ms", "sweep: none @ 200 rps: p99 2.00 ms", "simulated 2 points in 1.0 s", ""]);
  });

  it("draws nothing when nothing ran", () => {
    const { io, written } = terminal(true);
    createProgress(io, "tasks").stop();
    expect(written()).toBe("");
  });
});

describe("createProgress off a terminal", () => {
  it("draws no bar and writes the log lines as they come", () => {
    const { io, written } = terminal(false);
    const progress = createProgress(io, "points");
    progress.update(1, 2);
    progress.log("a\n");
    progress.stop();
    expect(written()).toBe("a\n");
  });
});
