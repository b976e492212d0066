import { mkdirSync, mkdtempSync, readdirSync, readFileSync, lstatSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputError, writeFileAtomic } from "../../src/report/index.js";

const folder = () => mkdtempSync(join(tmpdir(), "meshsim-write-"));

describe("writeFileAtomic", () => {
  it("writes text and bytes whole, creating the folder, and leaves no temporary file", () => {
    const dir = folder();
    writeFileAtomic(join(dir, "out", "a.json"), "{}\n");
    writeFileAtomic(join(dir, "out", "b.bin"), Uint8Array.from([1, 2, 3]));
    expect(readFileSync(join(dir, "out", "a.json"), "utf8")).toBe("{}\n");
    expect([...readFileSync(join(dir, "out", "b.bin"))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["a.json", "b.bin"]);
  });

  it("replaces a symlink at the path with the file and never writes through it to its target", () => {
    const dir = folder();
    writeFileSync(join(dir, "target.txt"), "secret");
    symlinkSync(join(dir, "target.txt"), join(dir, "res.json"));
    writeFileAtomic(join(dir, "res.json"), "results");
    expect(readFileSync(join(dir, "target.txt"), "utf8")).toBe("secret");
    expect(lstatSync(join(dir, "res.json")).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, "res.json"), "utf8")).toBe("results");
  });

  it("a folder in the way fails with one line naming the path, and the temporary file is removed", () => {
    const dir = folder();
    mkdirSync(join(dir, "adir"));
    const error = (() => {
      try {
        writeFileAtomic(join(dir, "adir"), "results");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(`cannot write ${join(dir, "adir")}: it is a folder`);
    expect(readdirSync(dir)).toEqual(["adir"]);
  });

  it("a file where a folder should be fails naming the path", () => {
    const dir = folder();
    writeFileSync(join(dir, "file"), "x");
    expect(() => writeFileAtomic(join(dir, "file", "out.json"), "{}")).toThrow(`cannot write ${join(dir, "file", "out.json")}: a part of the path is a file, not a folder`);
  });
});
