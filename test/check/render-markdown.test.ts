import { describe, expect, it } from "vitest";
import { escapeCell, renderMarkdown, type CheckRow } from "../../src/check/index.js";

function row(status: CheckRow["status"], subject: string, check = "p99<5ms"): CheckRow {
  return { kind: "threshold", check, subject, metric: "p99", unit: "ms", current: 4, limit: "< 5ms", status, message: `p99 ${status}` };
}

describe("renderMarkdown", () => {
  const rows = [row("pass", "none @ 100 rps"), row("fail", "istio @ 100 rps"), row("noise", "kuma @ 100 rps")];
  const markdown = renderMarkdown(rows, { allowMissing: false, title: "shop", notes: ["the seed differs"] });
  const tableLines = markdown.split("\n").filter((line) => line.startsWith("| "));

  it("heads with the verdict and the counts", () => {
    expect(markdown.startsWith("### meshsim check: shop ❌ failed\n\n3 checks: 1 passed, 1 failed, 1 noise.\n")).toBe(true);
  });

  it("lists failures first, then noise, in a table with eight columns, and folds the passing checks away", () => {
    expect(tableLines[0]).toBe("| result | check | run | metric | baseline | current | change | limit |");
    const subjects = tableLines.filter((line) => !line.startsWith("| result") && !line.startsWith("| ---")).map((line) => line.split(" | ")[2]);
    expect(subjects).toEqual(["istio @ 100 rps", "kuma @ 100 rps", "none @ 100 rps"]);
    for (const line of tableLines) expect(line.replace(/\\\|/g, "").split("|").length).toBe(10);
    expect(markdown.indexOf("<details><summary>1 other check (passed or new)</summary>")).toBeLessThan(markdown.indexOf("none @ 100 rps"));
  });

  it("explains each failure and adds the notes", () => {
    expect(markdown).toContain("- **istio @ 100 rps** `p99<5ms`: p99 fail");
    expect(markdown).toContain("> the seed differs");
  });

  it("keeps pipes and HTML out of the table structure", () => {
    const text = renderMarkdown([row("fail", "a|b <script>", "x|y:p99<5ms")], { allowMissing: false });
    const line = text.split("\n").find((candidate) => candidate.startsWith("| ❌"))!;
    expect(line).toContain("a\\|b &lt;script&gt;");
    expect(line).toContain("`x\\|y:p99<5ms`");
    expect(line.replace(/\\\|/g, "").split("|").length).toBe(10);
  });

  it("says passed when nothing fails", () => {
    expect(renderMarkdown([row("pass", "none @ 100 rps")], { allowMissing: false })).toMatch(/^### meshsim check ✅ passed/);
  });
});

describe("escapeCell", () => {
  it("escapes pipes and markup and joins lines", () => {
    expect(escapeCell("a|b<c>&\nd")).toBe("a\\|b&lt;c&gt;&amp; d");
  });
});
