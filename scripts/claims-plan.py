#!/usr/bin/env python3
"""Issue 18 (docs/claims.md): the compute plan from scripts/claims-bench.sh's measurements.
CPU-seconds per part = sum over its runs of steps / (steps per CPU second of that env, learner,
depth); the plain reading costs what the lpdm default costs (same kernels), and so, as an upper
bound, does sampled4 (the LPDM default with 4 sampled partners, cheaper per update; not benched).
ReLU depths use the tanh_fast rate of the same depth times the measured ReLU/tanh_fast ratio at
depth 16. Grids as the study files have them now: CartPole-v1 and Acrobot-v1 six points (4
learners, sampled4's six in the point-6 files), C4 six, the other envs five with five learners.
Usage: scripts/claims-plan.py BENCH.tsv"""
import csv
import sys

rate = {}
for r in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    rate[(r["env"], r["learner"], int(r["depth"]), r["activation"])] = float(r["steps_per_cpu_s"])


def sps(env, learner, depth, act):
    learner = "lpdm" if learner in ("plain", "sampled4") else learner
    if (env, learner, depth, act) in rate:
        return rate[(env, learner, depth, act)]
    ratio = rate[("CartPole-v1", learner, 16, "relu")] / rate[("CartPole-v1", learner, 16, "tanh_fast")]
    return rate[(env, learner, depth, "tanh_fast")] * ratio


LEARNERS = ["bp", "frozen", "lpdm", "plain"]


def part(env, steps, depths=(2,), act="tanh_fast", tune_depths=None, grid=4, tune_seeds=3, seeds=10, learners=LEARNERS):
    tune_depths = depths if tune_depths is None else tune_depths
    t = sum(grid * tune_seeds * steps / sps(env, l, d, act) for l in learners for d in tune_depths)
    r = sum(seeds * steps / sps(env, l, d, act) for l in learners for d in depths)
    runs_t = grid * tune_seeds * len(learners) * len(tune_depths)
    runs_r = seeds * len(learners) * len(depths)
    return runs_t, t, runs_r, r


FIVE = LEARNERS + ["sampled4"]
parts = [
    ("C1/C2 CartPole-v1 500k", part("CartPole-v1", 500_000, grid=6)),
    ("point 6 CartPole-v1 500k (sampled4)", part("CartPole-v1", 500_000, grid=6, learners=["sampled4"])),
    ("C1/C2 Acrobot-v1 300k", part("Acrobot-v1", 300_000, grid=6)),
    ("point 6 Acrobot-v1 300k (sampled4)", part("Acrobot-v1", 300_000, grid=6, learners=["sampled4"])),
    ("C4 tanh, CartPole 500k, depths 4-16 (depth 2 = C1 CartPole)", part("CartPole-v1", 500_000, (4, 8, 16), grid=6)),
    ("C4 ReLU, CartPole 500k, depths 2-16", part("CartPole-v1", 500_000, (2, 4, 8, 16), "relu", grid=6)),
    ("C1-C3 LunarLander-v3 1M", part("LunarLander-v3", 1_000_000, grid=5, learners=FIVE)),
    ("C1-C3 LunarLanderContinuous-v3 1M", part("LunarLanderContinuous-v3", 1_000_000, grid=5, learners=FIVE)),
    ("C1-C3 Pendulum-v1 500k", part("Pendulum-v1", 500_000, grid=5, learners=FIVE)),
    ("C1-C3 BipedalWalker-v3 1M", part("BipedalWalker-v3", 1_000_000, grid=5, learners=FIVE)),
]
print("| part | tuning runs | tuning CPU-h | reported runs | reported CPU-h | total CPU-h |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
tot = 0
for name, (rt, t, rr, r) in parts:
    tot += t + r
    print(f"| {name} | {rt} | {t / 3600:.2f} | {rr} | {r / 3600:.2f} | {(t + r) / 3600:.2f} |")
print(f"| all | | | | | {tot / 3600:.1f} |")
