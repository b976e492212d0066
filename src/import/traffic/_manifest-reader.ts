/**
 * Reads the fields of one manifest with their paths: every key of an object is read, ignored
 * (no effect on latency or load, listed in the rule's `ignored`), refused (changes traffic in a
 * way a rule cannot express: a ScenarioError), or unknown (also refused: its effect is unknown).
 */

import { ScenarioError } from "../../scenario/index.js";
import { suggest } from "../../scenario/index.js";
import { formatPath, type FieldPath, type Manifest } from "./read-manifests.js";

/** What to do with each key of an object; a key in none of the lists is refused as unknown. */
export interface FieldRules {
  /** Keys the converter reads itself. */
  read?: readonly string[];
  /** Keys accepted without a word: plumbing every object carries (ports, namespaces, status). */
  accept?: readonly string[];
  /** Keys without effect on latency or load, with the reason shown in `ignored` ("" for none). */
  ignore?: Readonly<Record<string, string>>;
  /** Keys that change traffic in a way a rule cannot express, with the problem to report. */
  refuse?: Readonly<Record<string, string>>;
}

/** Field access for one manifest; collects its `ignored` fields and notes. */
export class ManifestReader {
  readonly ignored: string[] = [];
  readonly notes: string[] = [];

  constructor(readonly manifest: Manifest) {}

  /** "reviews.yaml: VirtualService reviews", the rule's `source`. */
  get source(): string {
    return `${this.manifest.file}: ${this.describe()}`;
  }

  /** "DestinationRule reviews (destination-rule-all.yaml)", to name the object inside a sentence. */
  citation(): string {
    return `${this.describe()} (${this.manifest.file})`;
  }

  /** "VirtualService reviews". */
  describe(): string {
    return `${this.manifest.kind} ${this.manifest.name}`;
  }

  /**
   * Stops the import with a one-line error naming file, object, field and line.
   * @throws ScenarioError always
   */
  fail(path: FieldPath, problem: string): never {
    throw new ScenarioError(this.manifest.file, this.fieldName(path), problem);
  }

  /** "VirtualService reviews spec.http[0].mirror (line 14)". */
  fieldName(path: FieldPath): string {
    const line = this.manifest.lineOf(path);
    const field = path.length > 0 ? ` ${formatPath(path)}` : "";
    return `${this.describe()}${field}${line ? ` (line ${line})` : ""}`;
  }

  /** Lists `path` in the rule's `ignored`, with a reason when it helps. */
  ignore(path: FieldPath, reason = ""): void {
    this.ignored.push(reason === "" ? formatPath(path) : `${formatPath(path)} (${reason})`);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /**
   * Checks that `value` is a mapping and applies `rules` to its keys. Keys whose value is null
   * count as absent, as Kubernetes treats them.
   * @throws ScenarioError for a non-mapping, a refused key or an unknown key
   */
  object(path: FieldPath, value: unknown, rules: FieldRules): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, "must be a mapping");
    const object = value as Record<string, unknown>;
    const known = [...(rules.read ?? []), ...(rules.accept ?? []), ...Object.keys(rules.ignore ?? {}), ...Object.keys(rules.refuse ?? {})];
    for (const [key, child] of Object.entries(object)) {
      if (child === null || child === undefined) continue;
      const at = [...path, key];
      if (rules.read?.includes(key) || rules.accept?.includes(key)) continue;
      if (rules.ignore && Object.hasOwn(rules.ignore, key)) this.ignore(at, rules.ignore[key]);
      else if (rules.refuse && Object.hasOwn(rules.refuse, key)) this.fail(at, rules.refuse[key]);
      else {
        const hint = suggest(key, known);
        this.fail(
          at,
          `is not a ${this.manifest.kind} field traffic import knows${hint ? ` (did you mean ${hint}?)` : ""}; its effect on traffic is unknown, so the file is refused`,
        );
      }
    }
    return object;
  }

  /** Like `object`, but null or absent gives undefined. */
  optionalObject(path: FieldPath, value: unknown, rules: FieldRules): Record<string, unknown> | undefined {
    return value === null || value === undefined ? undefined : this.object(path, value, rules);
  }

  /** @throws ScenarioError unless `value` is a list (null or absent gives []) */
  list(path: FieldPath, value: unknown): unknown[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, "must be a list");
    return value;
  }

  /** @throws ScenarioError unless `value` is a non-empty string */
  string(path: FieldPath, value: unknown): string {
    if (typeof value !== "string" || value.trim() === "") this.fail(path, value === undefined || value === null ? "is missing" : "must be a non-empty string");
    return value;
  }

  optionalString(path: FieldPath, value: unknown): string | undefined {
    return value === null || value === undefined ? undefined : this.string(path, value);
  }

  /** @throws ScenarioError unless `value` is a number in [minimum, maximum] (an integer when asked) */
  number(path: FieldPath, value: unknown, range: { minimum: number; maximum?: number; integer?: boolean }): number {
    const { minimum, maximum = Number.POSITIVE_INFINITY, integer = false } = range;
    const ok = typeof value === "number" && Number.isFinite(value) && value >= minimum && value <= maximum && (!integer || Number.isInteger(value));
    if (!ok) {
      const kind = integer ? "an integer" : "a number";
      const bounds = maximum === Number.POSITIVE_INFINITY ? `>= ${minimum}` : `from ${minimum} to ${maximum}`;
      this.fail(path, value === undefined || value === null ? "is missing" : `must be ${kind} ${bounds}, not ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  optionalNumber(path: FieldPath, value: unknown, range: { minimum: number; maximum?: number; integer?: boolean }): number | undefined {
    return value === null || value === undefined ? undefined : this.number(path, value, range);
  }

  /** @throws ScenarioError unless `value` is true or false */
  optionalBoolean(path: FieldPath, value: unknown): boolean | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "boolean") this.fail(path, `must be true or false, not ${JSON.stringify(value)}`);
    return value;
  }

  /** @throws ScenarioError unless `value` maps names to strings (null or absent gives {}) */
  stringMap(path: FieldPath, value: unknown): Record<string, string> {
    if (value === null || value === undefined) return {};
    const object = this.object(path, value, { accept: Object.keys(value as object) });
    const map: Record<string, string> = {};
    for (const [key, child] of Object.entries(object)) {
      if (typeof child !== "string") this.fail([...path, key], `must be a string, not ${JSON.stringify(child)}`);
      map[key] = child;
    }
    return map;
  }

  /**
   * Reads `metadata`: labels (and annotations other than `keepAnnotations`) are listed as
   * ignored; the rest (name, namespace, uid, managedFields, ...) is identity or bookkeeping.
   * @returns the kept annotations
   */
  readMetadata(keepAnnotations: readonly string[] = []): Record<string, string> {
    const given = this.manifest.value.metadata;
    const keys = typeof given === "object" && given !== null ? Object.keys(given) : [];
    const metadata = this.optionalObject(["metadata"], given, {
      read: ["annotations"],
      accept: keys.filter((key) => key !== "labels" && key !== "annotations"),
      ignore: { labels: "" },
    });
    const annotations = this.stringMap(["metadata", "annotations"], metadata?.annotations);
    const kept: Record<string, string> = {};
    let others = false;
    for (const [key, value] of Object.entries(annotations)) {
      if (keepAnnotations.includes(key)) kept[key] = value;
      else others = true;
    }
    if (others) this.ignore(["metadata", "annotations"]);
    return kept;
  }
}
