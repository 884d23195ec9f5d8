#!/usr/bin/env python3
"""PyTorch CPU microbenchmark: cost of one Adam training step of a small MLP.

One timed "step" = optimizer.zero_grad() + forward + MSE loss + backward + optimizer.step(),
exactly the per-minibatch work of a PPO update (cleanrl calls zero_grad() the same way).
Input minibatches and targets are generated up front (a pool that is cycled), so data
generation is not timed.

Configurations:
  small : 4 -> 64 -> 64 -> 2   (tanh hidden), minibatch 128   (CartPole-sized PPO net)
  wide  : 8 -> 256 -> 256 -> 256 -> 256 -> 4 (tanh hidden), minibatch 256

Usage (Debian's python, see docs/performance.md, "How the peers were measured"):
  /usr/bin/python3 torch_mlp_step.py --config all --threads 1
  /usr/bin/python3 torch_mlp_step.py --config all --threads 0     # 0 = leave torch's default
  /usr/bin/python3 torch_mlp_step.py --config small --threads 2 --steps 2000 --warmup 300 --repeats 3

Prints one human-readable line per (config, repeat) and, at the end, one JSON line per config
(prefix "RESULT ") with the per-step mean of each repeat and their median, in microseconds.
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn

CONFIGS = {
    "small": {"sizes": [4, 64, 64, 2], "batch": 128},
    "wide": {"sizes": [8, 256, 256, 256, 256, 4], "batch": 256},
}


def make_mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.Tanh())
    return nn.Sequential(*layers)


def blas_library():
    """Which libblas / libopenblas / mkl this process has mapped (Debian's torch uses the generic libblas.so.3)."""
    libs = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.strip().split()[-1]
                base = os.path.basename(path)
                if any(k in base for k in ("blas", "mkl", "blis", "lapack")):
                    libs.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(libs)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def bench(name, steps, warmup, repeats, pool, seed):
    cfg = CONFIGS[name]
    sizes, batch = cfg["sizes"], cfg["batch"]
    torch.manual_seed(seed)
    model = make_mlp(sizes)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4, eps=1e-5)
    xs = [torch.randn(batch, sizes[0]) for _ in range(pool)]
    ys = [torch.randn(batch, sizes[-1]) for _ in range(pool)]
    loss_fn = nn.MSELoss()

    def one_step(i):
        x, y = xs[i % pool], ys[i % pool]
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    for i in range(warmup):
        one_step(i)

    means_us, medians_us = [], []
    for r in range(repeats):
        per_step = []
        t_start = time.perf_counter()
        for i in range(steps):
            t0 = time.perf_counter()
            one_step(i)
            per_step.append(time.perf_counter() - t0)
        total = time.perf_counter() - t_start
        mean_us = total / steps * 1e6
        med_us = statistics.median(per_step) * 1e6
        p90_us = sorted(per_step)[int(0.9 * steps)] * 1e6
        means_us.append(mean_us)
        medians_us.append(med_us)
        print(
            f"{name:5s} repeat {r + 1}/{repeats}: mean {mean_us:9.1f} us/step  median {med_us:9.1f}  p90 {p90_us:9.1f}"
            f"  ({steps / total:8.0f} steps/s)",
            flush=True,
        )
    n_params = sum(p.numel() for p in model.parameters())
    return {
        "config": name,
        "layers": sizes,
        "minibatch": batch,
        "params": n_params,
        "steps": steps,
        "warmup": warmup,
        "repeats": repeats,
        "mean_us_per_repeat": [round(v, 2) for v in means_us],
        "mean_us_median_of_repeats": round(statistics.median(means_us), 2),
        "median_us_median_of_repeats": round(statistics.median(medians_us), 2),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", choices=["small", "wide", "all"], default="all")
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads(N); 0 keeps torch's default")
    ap.add_argument("--steps", type=int, default=2000, help="timed optimizer steps per repeat")
    ap.add_argument("--warmup", type=int, default=300, help="untimed optimizer steps before timing")
    ap.add_argument("--repeats", type=int, default=3, help="timed repeats (the median of their means is reported)")
    ap.add_argument("--pool", type=int, default=16, help="distinct pre-generated minibatches, cycled")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    default_threads = torch.get_num_threads()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    info = {
        "python": sys.version.split()[0],
        "torch": torch.__version__,
        "torch_threads_default": default_threads,
        "torch_threads": torch.get_num_threads(),
        "cpu": cpu_model(),
        "os_cpus": os.cpu_count(),
        "blas_mapped": blas_library(),
        "env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "LD_LIBRARY_PATH") if k in os.environ},
    }
    print("INFO " + json.dumps(info), flush=True)

    names = ["small", "wide"] if args.config == "all" else [args.config]
    results = [bench(n, args.steps, args.warmup, args.repeats, args.pool, args.seed) for n in names]
    for res in results:
        res.update({"torch": info["torch"], "torch_threads": info["torch_threads"], "blas_mapped": info["blas_mapped"]})
        print("RESULT " + json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
