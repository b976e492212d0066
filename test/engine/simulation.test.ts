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

  it("scheduleAt() lands on the absolute time given, and rejects a time before now", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const record = sim.on("record", () => seen.push(sim.now));
    const chain = sim.on("chain", () => sim.scheduleAt(sim.now + 0.1 + 0.2, record, 0));
    sim.schedule(1, chain, 0);
    sim.run();
    expect(seen).toEqual([1 + 0.1 + 0.2]);
    expect(() => sim.scheduleAt(sim.now - 1, record, 0)).toThrow(/must not lie before now/);
  });

  it("a timer goes off at the last time it was set, once, and counts as an event", () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const timer = sim.timer("t", () => fired.push(sim.now));
    const move = sim.on("move", (to) => sim.setTimer(timer, to));
    sim.setTimer(timer, 5);
    sim.schedule(1, move, 8);
    sim.schedule(2, move, 3);
    sim.run();
    expect(fired).toEqual([3]);
    expect(sim.eventsProcessed).toBe(3);
  });

  it("setTimer(Infinity) turns a timer off; a timer may set itself again from its handler", () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const off = sim.timer("off", () => fired.push(-1));
    const again: number = sim.timer("again", () => {
      fired.push(sim.now);
      if (sim.now < 3) sim.setTimer(again, sim.now + 1);
    });
    sim.setTimer(off, 2);
    sim.setTimer(off, Infinity);
    sim.setTimer(again, 1);
    sim.run();
    expect(fired).toEqual([1, 2, 3]);
    expect(sim.pendingEvents).toBe(0);
  });

  it("a timer is off while its handler runs: set again for now, it goes after the timers already due", () => {
    const sim = new Simulation();
    const order: string[] = [];
    let pendingInHandler = -1;
    let runs = 0;
    const first: number = sim.timer("first", () => {
      order.push(`first@${sim.now}`);
      if (runs++ > 0) return;
      pendingInHandler = sim.pendingEvents;
      sim.setTimer(first, sim.now);
    });
    const second = sim.timer("second", () => order.push(`second@${sim.now}`));
    sim.setTimer(first, 1);
    sim.setTimer(second, 1);
    sim.run();
    expect(order).toEqual(["first@1", "second@1", "first@1"]);
    expect(pendingInHandler).toBe(1);
    expect(sim.pendingEvents).toBe(0);
  });

  it("at one time events run before timers; run(until) leaves a later timer pending", () => {
    const sim = new Simulation();
    const order: string[] = [];
    const timer = sim.timer("timer", () => order.push(`timer@${sim.now}`));
    const event = sim.on("event", () => order.push(`event@${sim.now}`));
    sim.setTimer(timer, 2);
    sim.schedule(2, event, 0);
    sim.run(1.5);
    expect(order).toEqual([]);
    expect(sim.now).toBe(1.5);
    sim.run();
    expect(order).toEqual(["event@2", "timer@2"]);
  });

  it("setTimer() rejects a time before now, and a throwing timer names itself", () => {
    const sim = new Simulation();
    const boom = sim.timer("boom", () => {
      throw new Error("kaput");
    });
    const advance = sim.on("advance", () => {});
    sim.schedule(1, advance, 0);
    sim.run();
    expect(() => sim.setTimer(boom, 0.5)).toThrow("timer boom set to 0.5, before now (1)");
    sim.setTimer(boom, 2);
    expect(() => sim.run()).toThrow('at t=2.000 ms in handler "boom": kaput');
  });
});
