/**
 * A service's `resources`: CPU and memory requests and limits, in vCPU and MB, from numbers or
 * Kubernetes quantities ("500m", "128Mi"), checked as the Kubernetes API checks them.
 */

import { isSubByteQuantity, parseCpuQuantity, parseMemoryQuantityMb, type ContainerResources } from "../cluster/index.js";
import type { Fail } from "./_fail.js";
import type { RawService } from "./raw-scenario.js";

/**
 * A container's requests and limits in vCPU and MB. A limit without a request makes the request equal
 * to the limit, as the Kubernetes API does on admission.
 */
export function resolveResources(raw: RawService, field: string, fail: Fail): ContainerResources {
  if (raw.external === true) fail(field, "cannot be set for an external service: it runs on no node");
  const given = raw.resources!;
  const cpuLimit = resolveQuantity(given.cpuLimit, "cpuLimit", `${field}.cpuLimit`, fail);
  const cpuRequest = resolveQuantity(given.cpuRequest, "cpuRequest", `${field}.cpuRequest`, fail) ?? cpuLimit;
  const memoryLimitMb = resolveQuantity(given.memoryLimitMb, "memoryLimitMb", `${field}.memoryLimitMb`, fail);
  const memoryRequestMb = resolveQuantity(given.memoryRequestMb, "memoryRequestMb", `${field}.memoryRequestMb`, fail) ?? memoryLimitMb;
  if (cpuLimit !== undefined && cpuRequest !== undefined && cpuLimit < cpuRequest) {
    fail(`${field}.cpuLimit`, `must be at least cpuRequest (${shown(cpuRequest)} vCPU), got ${shown(cpuLimit)} vCPU`);
  }
  if (memoryLimitMb !== undefined && memoryRequestMb !== undefined && memoryLimitMb < memoryRequestMb) {
    fail(`${field}.memoryLimitMb`, `must be at least memoryRequestMb (${shown(memoryRequestMb)} MB), got ${shown(memoryLimitMb)} MB`);
  }
  return {
    ...(cpuRequest !== undefined ? { cpuRequest } : {}),
    ...(cpuLimit !== undefined ? { cpuLimit } : {}),
    ...(memoryRequestMb !== undefined ? { memoryRequestMb } : {}),
    ...(memoryLimitMb !== undefined ? { memoryLimitMb } : {}),
  };
}

/** The four fields of a container's resources, as scenarios and profiles name them. */
export type ResourceField = "cpuRequest" | "cpuLimit" | "memoryRequestMb" | "memoryLimitMb";

/**
 * A CPU (vCPU) or memory (MB) quantity from a number or a Kubernetes quantity string; undefined
 * stays undefined. A limit must be above 0: a zero CFS quota would never run the container, and a
 * container without a limit leaves the field out.
 * @throws ScenarioError (through `fail`) naming `field` for anything else
 * @example resolveQuantity("500m", "cpuLimit", "services[0].resources.cpuLimit", fail) // 0.5
 */
export function resolveQuantity(value: unknown, name: ResourceField, field: string, fail: Fail): number | undefined {
  const read = readQuantity(value, name);
  return "problem" in read ? fail(field, read.problem) : read.amount;
}

/**
 * What is wrong with `value` as the quantity `name`, or undefined when resolveQuantity takes it.
 * The schema's error for such a field is this one (validate-document.ts): it names the forms.
 * @example quantityProblem(true, "cpuLimit") // 'must be a number of vCPU or a Kubernetes CPU quantity such as "500m" or "2", got true'
 */
export function quantityProblem(value: unknown, name: ResourceField): string | undefined {
  const read = readQuantity(value, name);
  return "problem" in read ? read.problem : undefined;
}

/** The four field names, for code that must tell a quantity field from another. */
export const RESOURCE_FIELDS: readonly ResourceField[] = ["cpuRequest", "cpuLimit", "memoryRequestMb", "memoryLimitMb"];

// --- internal ---

/** A parsed quantity as a message shows it: "1900m" is 1.9 vCPU, not binary floating point's 1.9000000000000001. */
function shown(amount: number): number {
  return Number(amount.toPrecision(6));
}

const QUANTITY_FORMS = {
  cpu: 'a number of vCPU or a Kubernetes CPU quantity such as "500m" or "2"',
  memory: 'a number of MB or a Kubernetes memory quantity such as "128Mi" or "1Gi"',
};

function readQuantity(value: unknown, name: ResourceField): { amount: number | undefined } | { problem: string } {
  const parsed = quantity(value, name.startsWith("cpu") ? "cpu" : "memory");
  if ("amount" in parsed && parsed.amount === 0 && (name === "cpuLimit" || name === "memoryLimitMb")) {
    return { problem: `must be greater than 0, got ${JSON.stringify(value)}: a container without a limit leaves ${name} out` };
  }
  return parsed;
}

function quantity(value: unknown, kind: "cpu" | "memory"): { amount: number | undefined } | { problem: string } {
  if (value === undefined) return { amount: undefined };
  // NaN and Infinity (YAML .nan, .inf) by name: JSON would show them as null.
  const shown = typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  if (typeof value !== "number" && typeof value !== "string") return { problem: `must be ${QUANTITY_FORMS[kind]}, got ${shown}` };
  if ((typeof value === "number" && value < 0) || (typeof value === "string" && value.trim().startsWith("-"))) {
    return { problem: `must not be negative, got ${shown}` };
  }
  try {
    return { amount: kind === "cpu" ? parseCpuQuantity(value) : parseMemoryQuantityMb(value) };
  } catch {
    // The parsers throw a RangeError for anything that is not a finite quantity; the message here names the field.
    const slip = kind === "memory" && typeof value === "string" && isSubByteQuantity(value);
    return { problem: `must be ${QUANTITY_FORMS[kind]}, got ${shown}${slip ? " (thousandths of a byte: its suffix is milli, micro or nano; mebibytes are Mi)" : ""}` };
  }
}
