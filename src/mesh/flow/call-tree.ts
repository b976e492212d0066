/**
 * The walk of a request's call tree: a call's or a group's children started in order (a
 * sequence), all at once (a parallel group) or without waiting (async), each child's probability
 * and repeats drawn as it starts, and each activation's end handed up to its parent, or told to the
 * observer at the root. Where a call goes and how it travels is the RequestFlow's (CallSteps).
 */

import type { Rng } from "../../random/index.js";
import { NODE_CALL, NODE_PARALLEL, drawRepeats, type CallProgram } from "../compile/index.js";
import { FAILURE_NONE } from "../model/index.js";
import type { ActivationPool } from "./activation-pool.js";
import type { CallFields } from "./call-fields.js";
import type { CallTracer } from "./call-tracer.js";

/** Told when a request root completes or fails. */
export interface RequestObserver {
  requestCompleted(requestType: number, intendedStartMs: number, tag: number): void;
  /** `reason` indexes FAILURE_REASONS. */
  requestFailed(requestType: number, intendedStartMs: number, tag: number, reason: number): void;
}

/** What the tree asks of the flow: a call started (routed and sent), a call answered. */
export interface CallSteps {
  startCall(act: number): void;
  respond(act: number): void;
}

/** The call trees of one RequestFlow's activations. */
export class CallTree {
  readonly #pool: ActivationPool;
  readonly #acts: CallFields;
  readonly #program: CallProgram;
  /** Draws of probabilistic and fractional repeated calls. */
  readonly #repeats: Rng;
  readonly #observer: RequestObserver;
  readonly #tracer: CallTracer | undefined;
  readonly #steps: CallSteps;

  constructor(pool: ActivationPool, acts: CallFields, program: CallProgram, repeats: Rng, observer: RequestObserver, tracer: CallTracer | undefined, steps: CallSteps) {
    this.#pool = pool;
    this.#acts = acts;
    this.#program = program;
    this.#repeats = repeats;
    this.#observer = observer;
    this.#tracer = tracer;
    this.#steps = steps;
  }

  /** Starts `node` as a child of `from` (which waits for it unless `parent` is -1). */
  #spawn(node: number, from: number, parent: number, repeats: number, callerPod: number): void {
    const act = this.#pool.allocate();
    // Apps pass the request's headers on to their own calls, so header routes see the type.
    this.#acts.start(act, node, parent, this.#acts.requestType[from], repeats, callerPod);
    if (this.#tracer !== undefined) this.#tracer.spawned(act, from);
    this.#startIteration(act);
  }

  #startIteration(act: number): void {
    const program = this.#program;
    const kind = program.kind[this.#acts.node[act]];
    if (kind === NODE_CALL) this.#steps.startCall(act);
    else if (kind === NODE_PARALLEL) this.#startParallel(act);
    else {
      this.#acts.cursor[act] = 0;
      this.advance(act);
    }
  }

  /**
   * Starts the next child of a call or sequence that actually runs (probability and repeat
   * drawn here); when none is left the call responds or the sequence's iteration ends.
   */
  advance(act: number): void {
    const acts = this.#acts;
    const program = this.#program;
    const node = acts.node[act];
    const first = program.childStart[node];
    const count = program.childCount[node];
    const here = this.#childCallerPod(act);
    // A failed child ends its parent's work: the rest of a sequence is not attempted.
    if (acts.failure[act] !== FAILURE_NONE) acts.cursor[act] = count;
    while (acts.cursor[act] < count) {
      const child = program.children[first + acts.cursor[act]];
      acts.cursor[act]++;
      const repeats = drawRepeats(program, child, this.#repeats);
      if (repeats === 0) continue;
      if (program.async[child] === 1) {
        this.#spawn(child, act, -1, repeats, here);
        continue;
      }
      // The spawned child may complete synchronously (an empty group) and re-enter #advance
      // for this activation; returning right after keeps that safe.
      this.#spawn(child, act, act, repeats, here);
      return;
    }
    if (program.kind[node] === NODE_CALL) this.#steps.respond(act);
    else this.iterationDone(act);
  }

  #startParallel(act: number): void {
    const acts = this.#acts;
    const program = this.#program;
    const node = acts.node[act];
    const first = program.childStart[node];
    const count = program.childCount[node];
    const here = this.#childCallerPod(act);
    // One extra count held while spawning, so a child that completes at once cannot finish
    // the group before its siblings have started.
    acts.cursor[act] = 1;
    for (let i = 0; i < count; i++) {
      const child = program.children[first + i];
      const repeats = drawRepeats(program, child, this.#repeats);
      if (repeats === 0) continue;
      if (program.async[child] === 1) {
        this.#spawn(child, act, -1, repeats, here);
      } else {
        acts.cursor[act]++;
        this.#spawn(child, act, act, repeats, here);
      }
    }
    this.#childDone(act);
  }

  #childDone(parent: number): void {
    const acts = this.#acts;
    if (this.#program.kind[acts.node[parent]] === NODE_PARALLEL) {
      if (--acts.cursor[parent] === 0) this.iterationDone(parent);
    } else {
      this.advance(parent);
    }
  }

  /** An iteration of `act` ended: the next repeat, or its end handed to its parent (the observer at a root). */
  iterationDone(act: number): void {
    const acts = this.#acts;
    const failure = acts.failure[act];
    if (this.#tracer !== undefined) this.#tracer.iterationEnded(act);
    if (failure === FAILURE_NONE && --acts.repeatsLeft[act] > 0) {
      this.#startIteration(act);
      return;
    }
    const parent = acts.parent[act];
    if (acts.isRoot[act] === 1) {
      const type = acts.requestType[act];
      const start = acts.startTime[act];
      const tag = acts.tag[act];
      this.#pool.free(act);
      if (failure === FAILURE_NONE) this.#observer.requestCompleted(type, start, tag);
      else this.#observer.requestFailed(type, start, tag, failure);
      return;
    }
    this.#pool.free(act);
    if (parent < 0) return;
    if (failure !== FAILURE_NONE && acts.failure[parent] === FAILURE_NONE) {
      acts.failure[parent] = failure;
      acts.inherited[parent] = 1;
    }
    this.#childDone(parent);
  }

  /** Children of a call are issued from the callee's pod; a group's from its own caller. */
  #childCallerPod(act: number): number {
    const acts = this.#acts;
    return this.#program.kind[acts.node[act]] === NODE_CALL ? acts.calleePod[act] : acts.callerPod[act];
  }
}
