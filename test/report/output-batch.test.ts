// OutputBatch: a command's files are put in place all together or not at all; a failure or a
// signal removes every temporary file and folder the batch made, so nothing stray is left.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discardOpenBatches, OutputBatch, OutputCancelledError, OutputError, probeOutputs, withOutputBatch } from "../../src/report/index.js";

const folder = () => mkdtempSync(join(tmpdir(), "meshsim-batch-"));
const tree = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("OutputBatch", () => {
  it("writes nothing visible until commit, then every file whole and no temporary file", () => {
    const dir = folder();
    const batch = new OutputBatch();
    batch.stage(join(dir, "out", "results.json"), "{}\n");
    batch.stage(join(dir, "out", "charts", "a.png"), Uint8Array.from([1, 2]));
    expect(tree(dir).filter((name) => !name.endsWith(".tmp") && name.includes("."))).toEqual([]);
    expect(batch.commit()).toEqual([join(dir, "out", "results.json"), join(dir, "out", "charts", "a.png")]);
    expect(tree(dir)).toEqual(["out", join("out", "charts"), join("out", "charts", "a.png"), join("out", "results.json")]);
    expect(readFileSync(join(dir, "out", "results.json"), "utf8")).toBe("{}\n");
  });

  it("regression: a file that cannot be written leaves none of the batch (no results.json without its report)", () => {
    const dir = folder();
    writeFileSync(join(dir, "charts"), "a file where the charts folder goes");
    const batch = new OutputBatch();
    batch.stage(join(dir, "out", "results.json"), "{}\n");
    const error = thrownBy(() => batch.stage(join(dir, "charts", "a.png"), "png"));
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(`cannot write ${join(dir, "charts", "a.png")}: a part of the path is a file, not a folder`);
    // The out folder the batch made is gone too; the file that was there before stays.
    expect(tree(dir)).toEqual(["charts"]);
    expect(() => batch.commit()).toThrow(/already discarded/);
  });

  it("a rename that fails at commit removes the files the batch had already put in place", () => {
    const dir = folder();
    mkdirSync(join(dir, "b.json"));
    const batch = new OutputBatch();
    batch.stage(join(dir, "a.json"), "a");
    batch.stage(join(dir, "b.json"), "b");
    expect(thrownBy(() => batch.commit())).toBeInstanceOf(OutputError);
    expect(tree(dir)).toEqual(["b.json"]);
  });

  it("once the signal fires, the next stage or the commit removes everything and throws OutputCancelledError", () => {
    const dir = folder();
    const cancel = new AbortController();
    const batch = new OutputBatch(cancel.signal);
    batch.stage(join(dir, "out", "a.json"), "a");
    cancel.abort();
    expect(thrownBy(() => batch.stage(join(dir, "out", "b.json"), "b"))).toBeInstanceOf(OutputCancelledError);
    expect(tree(dir)).toEqual([]);

    const late = new AbortController();
    const other = new OutputBatch(late.signal);
    other.stage(join(dir, "c.json"), "c");
    late.abort();
    expect(thrownBy(() => other.commit())).toBeInstanceOf(OutputCancelledError);
    expect(tree(dir)).toEqual([]);
  });

  it("removeAtCommit removes a stale file only when the batch commits", () => {
    const dir = folder();
    writeFileSync(join(dir, "stale.png"), "old");
    const discarded = new OutputBatch();
    discarded.removeAtCommit(join(dir, "stale.png"));
    discarded.discard();
    expect(existsSync(join(dir, "stale.png"))).toBe(true);
    const committed = new OutputBatch();
    committed.removeAtCommit(join(dir, "stale.png"));
    committed.commit();
    expect(existsSync(join(dir, "stale.png"))).toBe(false);
  });

  it("withOutputBatch commits what the callback staged, and discards it when the callback throws", async () => {
    const dir = folder();
    await withOutputBatch(undefined, (batch) => batch.stage(join(dir, "kept.json"), "k"));
    await expect(
      withOutputBatch(undefined, (batch) => {
        batch.stage(join(dir, "lost.json"), "l");
        throw new Error("the report failed");
      }),
    ).rejects.toThrow("the report failed");
    expect(tree(dir)).toEqual(["kept.json"]);
  });

  it("discardOpenBatches (a second Ctrl-C) removes what open batches staged and says a batch was committed", () => {
    const dir = folder();
    const open = new OutputBatch();
    open.stage(join(dir, "out", "a.json"), "a");
    expect(discardOpenBatches().committed).toBe(true); // earlier tests in this process committed
    expect(tree(dir)).toEqual([]);
  });
});

describe("probeOutputs", () => {
  it("passes for files that can be written, and leaves nothing: no file, no temporary file, no folder it made", () => {
    const dir = folder();
    writeFileSync(join(dir, "old.json"), "kept");
    probeOutputs([join(dir, "new", "deeper", "results.json"), join(dir, "old.json")]);
    expect(tree(dir)).toEqual(["old.json"]);
    expect(readFileSync(join(dir, "old.json"), "utf8")).toBe("kept");
  });

  it("names the first file that cannot be written, and removes what it made for the ones before", () => {
    const dir = folder();
    writeFileSync(join(dir, "charts"), "a file where a folder goes");
    const error = thrownBy(() => probeOutputs([join(dir, "out", "results.json"), join(dir, "charts", "a.png")]));
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(`cannot write ${join(dir, "charts", "a.png")}: a part of the path is a file, not a folder`);
    expect(tree(dir)).toEqual(["charts"]);
  });

  it("refuses a folder where the file goes (the rename at the end would fail on it)", () => {
    const dir = folder();
    mkdirSync(join(dir, "results.json"));
    expect(() => probeOutputs([join(dir, "results.json")])).toThrow(`cannot write ${join(dir, "results.json")}: it is a folder`);
    expect(tree(dir)).toEqual(["results.json"]);
  });
});
