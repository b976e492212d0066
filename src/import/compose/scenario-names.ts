/**
 * Scenario names (lower-case letters, digits, '-', '_', '.'; starting and ending with a letter or
 * digit) from the names traces and manifests use, kept unique.
 */

/**
 * @example toScenarioName("Frontend Service") // "frontend-service"
 */
export function toScenarioName(raw: string): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return name === "" ? "unnamed" : name.slice(0, 63).replace(/[^a-z0-9]+$/, "");
}

/** Hands out unique scenario names: the second "cart" becomes "cart-2". */
export class NameRegistry {
  readonly #taken = new Set<string>(["load-generator"]);
  readonly #byRaw = new Map<string, string>();

  /** The name for `raw`, the same one every time it is asked. */
  nameOf(raw: string): string {
    const known = this.#byRaw.get(raw);
    if (known) return known;
    const base = toScenarioName(raw);
    let name = base;
    for (let suffix = 2; this.#taken.has(name); suffix++) name = `${base}-${suffix}`;
    this.#taken.add(name);
    this.#byRaw.set(raw, name);
    return name;
  }
}
