// The README's figures are the code's: each table and example output between figure markers is
// made again here by the commands the README shows (scripts/readme-figures.ts) and must match.
// After a change that moves them on purpose: npm run docs:figures.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { figureIn, FIGURES, README, withFigures } from "../../scripts/readme-figures.js";

const readme = readFileSync(README, "utf8");

describe("README figures", () => {
  it.each(Object.keys(FIGURES))("%s matches what the code gives (npm run docs:figures rewrites it)", async (name) => {
    const written = figureIn(readme, name);
    expect(written, `README.md has no figure ${name}`).toBeDefined();
    expect(written).toBe(await FIGURES[name]({ workers: 1 }));
  });

  it("withFigures replaces only the text between a figure's markers, and refuses a figure without them", () => {
    const text = "a\n<!-- figure: x -->\nold\n<!-- /figure -->\nb";
    expect(withFigures(text, { x: "new" })).toBe("a\n<!-- figure: x -->\nnew\n<!-- /figure -->\nb");
    expect(figureIn(withFigures(text, { x: "new" }), "x")).toBe("new");
    expect(() => withFigures(text, { y: "new" })).toThrow("README.md has no <!-- figure: y --> ... <!-- /figure --> markers");
  });
});
