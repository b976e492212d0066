import { describe, expect, it } from "vitest";
import { Simulation, SimulationError } from "../../src/engine/index.js";

describe("Simulation", () => {
  it("run() advances the clock to each event and handles events in order", () => {
    const sim = new Simulation();
    const seen: Array<[number, number]> = [];
    const record = sim.on("record", (arg) => seen.push([sim.now, arg]));
    sim.schedule(3, record, 3);
    sim.schedule(1, record, 1);
    sim.schedule(2, record, 2);
    sim.run();
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(sim.eventsProcessed).toBe(3);
  });

  it("a handler can schedule further events relative to now", () => {
    const sim = new Simulation();
    let ticks = 0;
    const tick = sim.on("tick", () => {
      ticks++;
      if (ticks < 10) sim.schedule(0.5, tick, 0);
    });
    sim.schedule(0, tick, 0);
    sim.run();
    expect(ticks).toBe(10);
    expect(sim.now).toBe(4.5);
  });

  it("run(until) stops before later events and moves the clock to until", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const record = sim.on("record", (arg) => seen.push(arg));
    sim.schedule(1, record, 1);
    sim.schedule(5, record, 5);
    sim.run(3);
    expect(seen).toEqual([1]);
    expect(sim.now).toBe(3);
    expect(sim.pendingEvents).toBe(1);
    sim.run();
    expect(seen).toEqual([1, 5]);
  });

  it("stop() makes run() return after the current event", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const record = sim.on("record", (arg) => {
      seen.push(arg);
      if (arg === 2) sim.stop();
    });
    [1, 2, 3].forEach((t) => sim.schedule(t, record, t));
    sim.run();
    expect(seen).toEqual([1, 2]);
  });

  it("step() handles exactly one event", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const record = sim.on("record", (arg) => seen.push(arg));
    sim.schedule(1, record, 1);
    sim.schedule(2, record, 2);
    expect(sim.step()).toBe(true);
    expect(seen).toEqual([1]);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
  });

  it("schedule() rejects a negative or NaN delay", () => {
    const sim = new Simulation();
    const noop = sim.on("noop", () => {});
    expect(() => sim.schedule(-1, noop, 0)).toThrow("event delay must be a non-negative number, got -1");
    expect(() => sim.schedule(Number.NaN, noop, 0)).toThrow(RangeError);
  });

  it("a throwing handler stops run() with an error naming the sim time and the handler", () => {
    const sim = new Simulation();
    const boom = sim.on("boom", () => {
      throw new Error("kaput");
    });
    sim.schedule(2.5, boom, 0);
    let caught: unknown;
    try {
      sim.run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    expect((caught as Error).message).toBe('at t=2.500 ms in handler "boom": kaput');
    expect((caught as SimulationError).simTimeMs).toBe(2.5);
  });
});
