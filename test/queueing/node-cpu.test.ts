import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/index.js";
import { NodeCpu, Station, type CpuDemand } from "../../src/queueing/index.js";
import { createRng, createSampler } from "../../src/random/index.js";

/** What a job asks of the node. */
function cpuDemand(demandMs: number, carryMs = 0): CpuDemand {
  return { demandMs, carryMs };
}

/** Open-loop Poisson arrivals into `station`, with the sojourn of every job recorded. */
function poissonInto(sim: Simulation, ratePerMs: number, jobs: number, seed: number, arrive: (job: number) => void): void {
  const gap = createSampler({ type: "exponential", meanMs: 1 / ratePerMs }, createRng(seed, "arrivals"));
  let sent = 0;
  const next = sim.on("arrival", () => {
    arrive(sent++);
    if (sent < jobs) sim.schedule(gap(), next, 0);
  });
  sim.schedule(gap(), next, 0);
}

describe("NodeCpu", () => {
  it("run(one job on an idle node) takes exactly its demand, and gives back its job, phase and carry", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const container = cpu.addContainer("c");
    const done: Array<[number, number, number, number]> = [];
    cpu.run(container, cpuDemand(3, 5), { cpuDone: (job, phase) => done.push([job, phase, sim.now, cpu.finishedStretchMs]) }, 7, 2);
    cpu.run(container, cpuDemand(6, 0.5), { cpuDone: () => done.push([-1, -1, sim.now, cpu.finishedCarryMs]) }, 8, 0);
    sim.run();
    // The job, its phase and its carry come back with it; on two idle cores nothing stretches.
    expect(done).toEqual([
      [7, 2, 3, 0],
      [-1, -1, 6, 0.5],
    ]);
  });

  it("run(three equal jobs on two cores) shares the cores: each runs at 2/3 and all end at 1.5 x demand", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const container = cpu.addContainer("c");
    const ends: number[] = [];
    for (let job = 0; job < 3; job++) cpu.run(container, cpuDemand(2), { cpuDone: () => ends.push(sim.now) }, job, 0);
    sim.run();
    expect(ends).toHaveLength(3);
    for (const end of ends) expect(end).toBeCloseTo(3, 9);
  });

  it("run(two jobs of 1 and 3 ms on one core) gives the short job half the core until it ends (processor sharing)", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const container = cpu.addContainer("c");
    const ends = new Map<number, number>();
    const client = { cpuDone: (job: number) => ends.set(job, sim.now) };
    cpu.run(container, cpuDemand(1), client, 1, 0);
    cpu.run(container, cpuDemand(3), client, 2, 0);
    sim.run();
    // Both at 1/2 until t=2 (job 1 done), then job 2 alone: 2 ms left at full speed.
    expect(ends.get(1)).toBeCloseTo(2, 9);
    expect(ends.get(2)).toBeCloseTo(4, 9);
  });

  it("M/M/1-PS: the mean sojourn on one core is (1/mu) / (1 - rho), within 4 standard errors (batch means)", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const container = cpu.addContainer("c");
    const meanDemand = 1;
    const rho = 0.5;
    const batches = 20;
    const perBatch = 10_000;
    const jobs = batches * perBatch;
    const demand = createSampler({ type: "exponential", meanMs: meanDemand }, createRng(5, "demand"));
    const start = new Float64Array(jobs);
    const batchSums = new Float64Array(batches);
    let finished = 0;
    const client = {
      cpuDone: (job: number) => {
        batchSums[Math.floor(finished++ / perBatch)] += sim.now - start[job];
      },
    };
    poissonInto(sim, rho / meanDemand, jobs, 5, (job) => {
      start[job] = sim.now;
      cpu.run(container, cpuDemand(demand()), client, job, 0);
    });
    sim.run();
    const batchMeans = Array.from(batchSums, (total) => total / perBatch);
    const mean = batchMeans.reduce((a, b) => a + b, 0) / batches;
    const variance = batchMeans.reduce((sum, m) => sum + (m - mean) ** 2, 0) / (batches - 1);
    const standardError = Math.sqrt(variance / batches);
    const expected = meanDemand / (1 - rho);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * standardError);
    // And the stated accuracy: 4 standard errors at this size are within 3% of the mean.
    expect((4 * standardError) / expected).toBeLessThan(0.03);
  });

  it("c cores shared by several stations, all saturated: throughput is cores / demand, split by runnable threads", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const served = [0, 0, 0];
    const stations = [0, 1, 2].map((index) => {
      const container = cpu.addContainer(`s${index}`);
      // Each station keeps its 2 workers busy: a job that ends comes straight back.
      const station: Station = new Station(sim, {
        name: `s${index}`,
        workers: index === 2 ? 4 : 2,
        serviceTime: () => 1,
        onServed: (job) => {
          served[index]++;
          station.arrive(job);
        },
        cpu: { node: cpu, container },
      });
      return station;
    });
    stations.forEach((station, index) => {
      for (let job = 0; job < station.workers; job++) station.arrive(index * 10 + job);
    });
    sim.run(1000);
    // 8 runnable threads on 2 cores: each thread gets 1/4 core, so 2 jobs per ms in all.
    const total = served.reduce((a, b) => a + b, 0);
    expect(total / 1000).toBeCloseTo(2, 1);
    // The 4-worker station runs 4 of the 8 threads: half the throughput.
    expect(served[2] / total).toBeCloseTo(0.5, 2);
  });

  it("a container limited to L vCPU receives L over time, throttled in every period, on an otherwise idle node", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 4 });
    const container = cpu.addContainer("limited", 0.5);
    let served = 0;
    const station: Station = new Station(sim, {
      name: "limited",
      workers: 4,
      serviceTime: () => 1,
      onServed: (job) => {
        served++;
        station.arrive(job);
      },
      cpu: { node: cpu, container },
    });
    for (let job = 0; job < 4; job++) station.arrive(job);
    sim.run(10_000);
    // 0.5 vCPU for 10 s = 5000 ms of CPU = 5000 jobs of 1 ms (one period's worth may be in flight).
    expect(Math.abs(served - 5000)).toBeLessThanOrEqual(50);
    const stats = cpu.containerStats(container);
    expect(stats.throttledPeriods).toBeGreaterThanOrEqual(99);
    expect(stats.throttledPeriods).toBeLessThanOrEqual(stats.periods + 1);
    // Four threads use the 50 ms quota in 12.5 ms, then wait 87.5 ms of every 100.
    expect(stats.throttledMs / 10_000).toBeCloseTo(0.875, 2);
  });

  it("one long job in a container limited to 0.5 vCPU gets 50 ms of CPU per 100 ms period, period after period", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const container = cpu.addContainer("limited", 0.5, 0, 1);
    let end = -1;
    cpu.run(container, cpuDemand(1000), { cpuDone: () => (end = sim.now) }, 0, 0);
    sim.run();
    // Nothing changes while it runs, so each new period alone must set where its quota ends:
    // 19 full quotas by t = 1900, the last 50 ms by 1950.
    expect(end).toBeCloseTo(1950, 6);
    expect(cpu.containerStats(container).throttledPeriods).toBe(19);
  });

  it("a job run on past its container's quota (runMore) is throttled, where its first part ended before the quota ran out", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const container = cpu.addContainer("limited", 0.5, 0, 1);
    let end = -1;
    const client = {
      cpuDone: (_job: number, phase: number) => {
        if (phase === 0) cpu.runMore(cpuDemand(100), 1);
        else end = sim.now;
      },
    };
    cpu.run(container, cpuDemand(10), client, 0, 0);
    sim.run();
    // 10 ms, then 40 more until the 50 ms quota runs out at t = 50; 50 in the next period (to
    // t = 150); the last 10 from t = 200.
    expect(end).toBeCloseTo(210, 6);
    expect(cpu.containerStats(container).throttledPeriods).toBe(2);
  });

  it("a station with cpuShare 0 uses no node CPU: its service is all waiting", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const container = cpu.addContainer("sleeper");
    const ends: number[] = [];
    const station = new Station(sim, { name: "sleeper", workers: 10, serviceTime: () => 5, cpuShare: 0, onServed: () => ends.push(sim.now), cpu: { node: cpu, container } });
    for (let job = 0; job < 10; job++) station.arrive(job);
    sim.run();
    expect(ends).toEqual(Array(10).fill(5));
    expect(cpu.containerStats(container).cpuMs).toBe(0);
    expect(station.stats().workerMs).toBe(0);
  });

  it("a proxy pass whose CPU exceeds its path forwards after the path and keeps its worker for the rest", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const container = cpu.addContainer("proxy");
    const events: string[] = [];
    const station = new Station(sim, {
      name: "proxy",
      workers: 1,
      serviceTime: () => 1,
      workerTime: () => 3,
      onServed: (job) => events.push(`served ${job} at ${sim.now}`),
      cpu: { node: cpu, container },
    });
    station.arrive(1);
    station.arrive(2);
    sim.run();
    expect(events).toEqual(["served 1 at 1", "served 2 at 4"]);
    expect(station.stats().workerMs).toBe(6);
  });

  it("idle load takes cores from everyone: two 1 ms jobs share the 0.5 core a half-core idle load leaves", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const container = cpu.addContainer("proxy", undefined, 0.5);
    const ends: number[] = [];
    cpu.run(container, cpuDemand(1), { cpuDone: () => ends.push(sim.now) }, 0, 0);
    cpu.run(container, cpuDemand(1), { cpuDone: () => ends.push(sim.now) }, 1, 0);
    sim.run();
    // Two threads on the 0.5 core left: 0.25 each, so 4 ms.
    expect(ends[0]).toBeCloseTo(4, 9);
    expect(ends[1]).toBeCloseTo(4, 9);
    expect(() => cpu.addContainer("greedy", undefined, 0.6)).toThrow(/idle CPU \(1.100 vCPU\) takes all 1 cores/);
  });

  it("setContainerRunning(false) gives a stopped container's idle cores back: a job then runs at full speed", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const app = cpu.addContainer("app");
    const sidecar = cpu.addContainer("sidecar", undefined, 0.5);
    cpu.setContainerRunning(sidecar, false);
    expect(cpu.idleVcpu).toBe(0);
    expect(cpu.isRunning(sidecar)).toBe(false);
    const ends: number[] = [];
    cpu.run(app, cpuDemand(1), { cpuDone: () => ends.push(sim.now) }, 0, 0);
    sim.run();
    expect(ends).toEqual([1]);
  });

  it("a container added stopped (its pod not created yet) burns nothing, may exceed the cores while stopped, and is checked when it starts", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const sidecars = [0, 1, 2].map((i) => cpu.addContainer(`sidecar-${i}`, undefined, 0.4, Infinity, false));
    expect(cpu.idleVcpu).toBe(0);
    expect(sidecars.map((sidecar) => cpu.isRunning(sidecar))).toEqual([false, false, false]);
    cpu.setContainerRunning(sidecars[0], true);
    cpu.setContainerRunning(sidecars[1], true);
    expect(cpu.idleVcpu).toBeCloseTo(0.8, 12);
    expect(() => cpu.setContainerRunning(sidecars[2], true)).toThrow(/idle CPU \(1.200 vCPU\) takes all 1 cores/);
    expect(cpu.isRunning(sidecars[2])).toBe(false);
    expect(cpu.idleVcpu).toBeCloseTo(0.8, 12);
  });

  it("setContainerRunning mid-job re-plans the finish: 1 ms alone, then the idle load starting at 0.5 ms halves the rate", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 1 });
    const app = cpu.addContainer("app");
    const sidecar = cpu.addContainer("sidecar", undefined, 0.5);
    cpu.setContainerRunning(sidecar, false);
    const ends: number[] = [];
    cpu.run(app, cpuDemand(1), { cpuDone: () => ends.push(sim.now) }, 0, 0);
    sim.schedule(0.5, sim.on("pod-starts", () => cpu.setContainerRunning(sidecar, true)), 0);
    sim.run();
    // 0.5 ms of work by t=0.5, then 0.5 ms more at 0.5 core: t=1.5.
    expect(ends[0]).toBeCloseTo(1.5, 9);
  });

  it("idleCpuMs counts each container's idle CPU only while it runs, from the window's start to its end", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const agent = cpu.addContainer("agent", undefined, 0.1);
    const sidecar = cpu.addContainer("sidecar", undefined, 0.4);
    cpu.setContainerRunning(sidecar, false);
    const at = (ms: number, act: () => void) => sim.schedule(ms, sim.on(`at-${ms}`, act), 0);
    at(100, () => cpu.resetStats());
    at(300, () => cpu.setContainerRunning(sidecar, true));
    at(600, () => cpu.setContainerRunning(agent, false));
    at(1100, () => cpu.freezeStats());
    at(1500, () => cpu.setContainerRunning(agent, true));
    sim.run();
    // Agent 0.1 x 500 ms (100-600), sidecar 0.4 x 800 ms (300-1100); nothing after the window's end.
    expect(cpu.idleCpuMs).toBeCloseTo(0.1 * 500 + 0.4 * 800, 9);
  });

  it("idleCpuMs with no container started or stopped is the idle load times the window, as one product", () => {
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    cpu.addContainer("sidecar", undefined, 0.037);
    sim.schedule(1000, sim.on("opens", () => cpu.resetStats()), 0);
    sim.schedule(31000, sim.on("closes", () => cpu.freezeStats()), 0);
    sim.run();
    expect(cpu.idleCpuMs).toBe(0.037 * (31000 - 1000));
  });

  it("a limit of min(threads + idle, cores) is not tracked yet counts its periods; 0.01 vCPU less is tracked and throttles", () => {
    // Four saturated threads in a container burning 0.1 vCPU idle on 2 cores get the 1.9 cores
    // left, which a 2 vCPU limit (a quota of 2 - 0.1 = 1.9 vCPU) leaves them whole.
    const run = (limitVcpu: number) => {
      const sim = new Simulation();
      const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
      const container = cpu.addContainer("sidecar", limitVcpu, 0.1, 4);
      let cpuMs = 0;
      const client = {
        cpuDone: () => {
          cpuMs += 1;
          cpu.run(container, cpuDemand(1), client, 0, 0);
        },
      };
      for (let thread = 0; thread < 4; thread++) cpu.run(container, cpuDemand(1), client, 0, 0);
      sim.run(1000);
      return { cpu, container, cpuMs };
    };
    const atCores = run(2);
    expect(atCores.cpu.isLimited(atCores.container)).toBe(true);
    expect(atCores.cpu.isTracked(atCores.container)).toBe(false);
    expect(atCores.cpu.containerStats(atCores.container)).toMatchObject({ periods: 10, throttledPeriods: 0, throttledMs: 0 });
    // 1.9 cores for 1 s, less the jobs in flight at the end.
    expect(atCores.cpuMs).toBeGreaterThanOrEqual(1900 - 4);
    const below = run(1.99);
    expect(below.cpu.isTracked(below.container)).toBe(true);
    expect(below.cpu.containerStats(below.container).throttledPeriods).toBe(10);
    // Its quota, 1.89 vCPU, a period.
    expect(below.cpuMs).toBeLessThanOrEqual(1890 + 4);
    expect(below.cpuMs).toBeGreaterThanOrEqual(1890 - 4 - 189);
  });

  it("a stopped container's quota is its whole limit: no idle load burns any of it", () => {
    // Limit 1 vCPU, idle 0.5: 50 ms a period while it runs, 100 ms once stopped. Two 100 ms jobs
    // on 2 free cores use the 100 ms in 50 ms, wait to t = 100, and end at 150 (at 50 ms a
    // period they would end at 325).
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const container = cpu.addContainer("sidecar", 1, 0.5, 2);
    cpu.setContainerRunning(container, false);
    const ends: number[] = [];
    const client = { cpuDone: () => ends.push(sim.now) };
    cpu.run(container, cpuDemand(100), client, 0, 0);
    cpu.run(container, cpuDemand(100), client, 1, 0);
    sim.run();
    expect(ends[0]).toBeCloseTo(150, 9);
    expect(ends[1]).toBeCloseTo(150, 9);
  });

  it("a container started mid-period gets its idle load taken from its quota at once, and is throttled if that is used", () => {
    // Stopped, one thread uses 70 ms of the 100 ms quota by t = 70; started, the quota is 50 ms,
    // already used, so it waits to t = 100 and runs its last 30 ms to 130 (at 50 ms a period from
    // the start it would end at 150; keeping 100 ms, at 100).
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const container = cpu.addContainer("sidecar", 1, 0.5, 2, false);
    let end = -1;
    cpu.run(container, cpuDemand(100), { cpuDone: () => (end = sim.now) }, 0, 0);
    sim.schedule(70, sim.on("starts", () => cpu.setContainerRunning(container, true)), 0);
    sim.run();
    expect(end).toBeCloseTo(130, 9);
    expect(cpu.containerStats(container)).toMatchObject({ throttledPeriods: 1 });
    expect(cpu.containerStats(container).throttledMs).toBeCloseTo(30, 9);
  });

  it("a limited container counts the periods it had work in, not those its node sat idle through", () => {
    // Work in periods 0 and 3 only: 2 periods (cAdvisor's nr_periods), not a third for the
    // idle stretch the second job ends.
    const sim = new Simulation();
    const cpu = new NodeCpu(sim, { name: "n", cores: 2 });
    const container = cpu.addContainer("app", 0.5, 0, 1);
    const start = sim.on("start", () => cpu.run(container, cpuDemand(10), { cpuDone: () => {} }, 0, 0));
    sim.schedule(0, start, 0);
    sim.schedule(350, start, 0);
    sim.run();
    expect(cpu.containerStats(container)).toMatchObject({ periods: 2, throttledPeriods: 0 });
  });
});
