"""M/M/1 in SimPy, the same queue as meshsim's mm1 bench case: Poisson arrivals at 800/s, one
exponential server with a 1 ms mean (utilisation 0.8), times in ms. Prints one JSON line:
{"simpy": version, "requests": completed, "wallSeconds": timed run, "requestsPerSec": ...}.
Runs on SimPy 3 or 4 (`import simpy`) and on SimPy 2 (`SimPy.Simulation`, Debian's python3-simpy).
Usage: python3 mm1.py REQUESTS"""

import json
import random
import sys
import time

ARRIVAL_MEAN_MS = 1.25
SERVICE_MEAN_MS = 1.0


def run_simpy3(simpy, requests):
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    rng = random.Random(1)
    done = [0]

    def customer():
        with server.request() as turn:
            yield turn
            yield env.timeout(rng.expovariate(1 / SERVICE_MEAN_MS))
        done[0] += 1

    def arrivals():
        for _ in range(requests):
            env.process(customer())
            yield env.timeout(rng.expovariate(1 / ARRIVAL_MEAN_MS))

    env.process(arrivals())
    env.run()
    return done[0]


def run_simpy2(sim, requests):
    rng = random.Random(1)
    done = [0]
    sim.initialize()
    server = sim.Resource(capacity=1)

    class Customer(sim.Process):
        def visit(self):
            yield sim.request, self, server
            yield sim.hold, self, rng.expovariate(1 / SERVICE_MEAN_MS)
            yield sim.release, self, server
            done[0] += 1

    class Arrivals(sim.Process):
        def generate(self):
            for _ in range(requests):
                customer = Customer()
                sim.activate(customer, customer.visit())
                yield sim.hold, self, rng.expovariate(1 / ARRIVAL_MEAN_MS)

    source = Arrivals()
    sim.activate(source, source.generate())
    sim.simulate(until=1e18)
    return done[0]


def main():
    requests = int(float(sys.argv[1]))
    try:
        import simpy

        version, run = simpy.__version__, lambda: run_simpy3(simpy, requests)
    except ImportError:
        import SimPy
        import SimPy.Simulation as sim

        version, run = getattr(SimPy, "__version__", "2"), lambda: run_simpy2(sim, requests)
    started = time.perf_counter()
    completed = run()
    seconds = time.perf_counter() - started
    print(json.dumps({"simpy": version, "requests": completed, "wallSeconds": round(seconds, 3), "requestsPerSec": round(completed / seconds)}))


main()
