import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeFolders } from "../../src/report/_make-folders.js";

const folder = () => mkdtempSync(join(tmpdir(), "meshsim-folders-"));

/** The Node error code `run` throws with, or undefined when it returns. */
function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

describe("makeFolders", () => {
  it("creates the missing folders and returns the outermost it created", () => {
    const dir = folder();
    expect(makeFolders(join(dir, "a", "b", "c"))).toBe(join(dir, "a"));
    expect(statSync(join(dir, "a", "b", "c")).isDirectory()).toBe(true);
  });

  it("returns undefined when the folder is already there", () => {
    const dir = folder();
    expect(makeFolders(dir)).toBeUndefined();
  });

  it("a file in the path fails with ENOTDIR and leaves nothing", () => {
    const dir = folder();
    writeFileSync(join(dir, "file"), "x");
    expect(codeOf(() => makeFolders(join(dir, "file", "a", "b")))).toBe("ENOTDIR");
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it("a dangling symlink in the path fails with ENOENT at once", () => {
    const dir = folder();
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    expect(codeOf(() => makeFolders(join(dir, "dangling", "out")))).toBe("ENOENT");
  });

  it.runIf(existsSync("/proc/self"))("regression: a folder under /proc fails with ENOENT at once instead of retrying for ever", () => {
    // Before, Node's recursive mkdir alternated between /proc/x (ENOENT) and /proc (EEXIST) without end.
    expect(codeOf(() => makeFolders("/proc/meshsim-out/charts"))).toBe("ENOENT");
  });
});
