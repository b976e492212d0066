/**
 * Merges the calls of many invocations of one request type (or of one call) into the call tree a
 * scenario holds: how often each call happens (probability), how many times when it does (repeat),
 * in what order, and which calls run at once (siblings whose waits overlap in most invocations that
 * make both become a parallel group; a call repeated at once becomes parallel copies).
 */

import type { CallEdge, Invocation } from "./invocations.js";
import { callFacts } from "./span-protocol.js";

/** One call of the merged tree, with the counts behind its numbers. */
export interface CallSummary {
  kind: "call";
  service: string;
  operation: string;
  /** Invocations of the parent that made the call at least once, and all of them. */
  present: number;
  of: number;
  /** Calls made, over all parent invocations. */
  total: number;
  probability: number;
  /** Calls per parent invocation that made any: 2.5 is 2, and a third half the time. */
  repeat: number;
  /** Several calls at once (a fan-out): this many copies in a parallel group, each made once. */
  parallelCopies?: number;
  async: boolean;
  requestBytes?: number;
  responseBytes?: number;
  calls: CallGroup[];
  /** Every invocation of the callee behind this call, for its service's numbers. */
  callees: Invocation[];
}

export interface ParallelSummary {
  kind: "parallel";
  members: CallSummary[];
  /** Parent invocations that made two members, and how many of those ran them at once. */
  together: number;
  overlapping: number;
}

export type CallGroup = CallSummary | ParallelSummary;

/**
 * The merged calls of `parents` (invocations of one service in one place of the tree).
 * @example summariseCalls(entryInvocations)[0] // { kind: "call", service: "cart", probability: 0.82, ... }
 */
export function summariseCalls(parents: readonly Invocation[]): CallGroup[] {
  const keys = new Map<string, KeyedCalls>();
  parents.forEach((parent, index) => {
    for (const call of parent.calls) {
      const key = `${call.callee.service}\u0000${call.callee.operation}`;
      let entry = keys.get(key);
      if (!entry) {
        entry = { service: call.callee.service, operation: call.callee.operation, byParent: new Map(), offsets: [] };
        keys.set(key, entry);
      }
      const list = entry.byParent.get(index);
      if (list) list.push(call);
      else {
        entry.byParent.set(index, [call]);
        entry.offsets.push(call.startMs - parent.startMs);
      }
    }
  });
  const ordered = [...keys.values()].sort((a, b) => mean(a.offsets) - mean(b.offsets));
  const summaries = ordered.map((entry) => summariseKey(entry, parents.length));
  return groupParallel(ordered, summaries);
}

/** Parallel when the waits overlap in more than this share of the parent invocations that make both. */
export const PARALLEL_SHARE = 0.5;

// --- internal ---

interface KeyedCalls {
  service: string;
  operation: string;
  /** Parent index -> its calls with this key, in start order. */
  byParent: Map<number, CallEdge[]>;
  /** Start of the first such call, from its parent's start, ms. */
  offsets: number[];
}

function summariseKey(entry: KeyedCalls, of: number): CallSummary {
  const lists = [...entry.byParent.values()];
  const calls = lists.flat();
  const present = lists.length;
  const repeat = calls.length / present;
  // A fan-out: the repeated calls of one parent overlap each other.
  const repeated = lists.filter((list) => list.length > 1);
  const fannedOut = repeated.filter((list) => list.some((call, i) => list.some((other, j) => j > i && overlaps(call, other)))).length;
  const parallelCopies = repeated.length > 0 && fannedOut / repeated.length > PARALLEL_SHARE && Math.round(repeat) >= 2 ? Math.round(repeat) : undefined;
  const facts = calls.map((call) => callFacts(call.callee.clientSpan ?? call.callee.span));
  const callees = calls.map((call) => call.callee);
  return {
    kind: "call",
    service: entry.service,
    operation: entry.operation,
    present,
    of,
    total: calls.length,
    probability: present / of,
    repeat,
    ...(parallelCopies ? { parallelCopies } : {}),
    async: calls.filter((call) => call.async).length * 2 > calls.length,
    ...meanBytes(facts.map((fact) => fact.requestBytes), "requestBytes"),
    ...meanBytes(facts.map((fact) => fact.responseBytes), "responseBytes"),
    calls: summariseCalls(callees),
    callees,
  };
}

/** Consecutive calls whose waits overlap (in most parents that make both) join one parallel group. */
function groupParallel(entries: KeyedCalls[], summaries: CallSummary[]): CallGroup[] {
  const groups: CallGroup[] = [];
  let members: number[] = [];
  const flush = (): void => {
    if (members.length === 1) groups.push(summaries[members[0]]);
    else if (members.length > 1) {
      let together = 0;
      let overlapping = 0;
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const pair = overlapCounts(entries[members[i]], entries[members[j]]);
          together += pair.together;
          overlapping += pair.overlapping;
        }
      }
      groups.push({ kind: "parallel", members: members.map((index) => summaries[index]), together, overlapping });
    }
    members = [];
  };
  entries.forEach((entry, index) => {
    const joins =
      !summaries[index].async &&
      members.some((member) => {
        const pair = overlapCounts(entries[member], entry);
        return pair.together > 0 && pair.overlapping / pair.together > PARALLEL_SHARE;
      });
    if (!joins) flush();
    if (summaries[index].async) {
      groups.push(summaries[index]);
      return;
    }
    members.push(index);
  });
  flush();
  return groups;
}

function overlapCounts(a: KeyedCalls, b: KeyedCalls): { together: number; overlapping: number } {
  let together = 0;
  let overlapping = 0;
  for (const [parent, callsA] of a.byParent) {
    const callsB = b.byParent.get(parent);
    if (!callsB) continue;
    together += 1;
    if (callsA.some((x) => callsB.some((y) => overlaps(x, y)))) overlapping += 1;
  }
  return { together, overlapping };
}

/** Two waits overlap when each starts before the other ends, by more than timer noise. */
function overlaps(a: CallEdge, b: CallEdge): boolean {
  const noiseMs = Math.max(0.001, 0.05 * Math.min(a.endMs - a.startMs, b.endMs - b.startMs));
  return a.startMs < b.endMs - noiseMs && b.startMs < a.endMs - noiseMs;
}

function meanBytes(values: Array<number | undefined>, key: "requestBytes" | "responseBytes"): Partial<Record<typeof key, number>> {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? {} : { [key]: Math.round(mean(known)) };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? 0 : sum / values.length;
}
