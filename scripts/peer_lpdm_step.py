#!/usr/bin/env python3
"""PyTorch peer of lpdm's update-step benchmark (lpdm.bench.UpdateStepCpuTime) for every rule.

One step = the per-minibatch work of a training update of an MLP with tanh hidden layers and an
MSE loss on the output, in the protocol of scripts/peers/torch_mlp_step.py (inputs and targets
drawn up front from a cycled pool, Adam lr 3e-4 eps 1e-5):

  bp      zero_grad + forward + MSE + backward + Adam step (what torch_mlp_step.py times)
  lpdm    forward through LocalBlocks (scripts/peer_lpdm_torch.py: each hidden layer takes its
          own Adam step on the pairwise-distance loss, all pairs or sampled:K, and passes its
          output on detached), then the head's MSE step
  frozen  forward with detached hidden outputs, then the head's MSE step

Shapes: A = 4 -> 64 -> 64 -> 2, minibatch 128; B = 8 -> 256 -> 256 -> 256 -> 256 -> 4, minibatch 256.
Prints, per shape and rule, the best and the median over the repeats of the mean wall and thread
CPU time per step (torch runs on the calling thread with --threads 1, the default here), rules
interleaved repeat by repeat as UpdateStepCpuTime does.

  /usr/bin/python3 scripts/peer_lpdm_step.py [--shapes A,B] [--rules bp,lpdm,lpdm-sampled16,frozen]
      [--repeats 15] [--threads 1]
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
from torch import nn  # noqa: E402

from peer_lpdm_torch import local_block_class, parse_pairs  # noqa: E402

SHAPES = {"A": ([4, 64, 64, 2], 128, 400), "B": ([8, 256, 256, 256, 256, 4], 256, 20)}


def build(rule, sizes, seed):
    torch.manual_seed(seed)
    layers = [nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1)]
    if rule == "bp":
        mods = []
        for i, lin in enumerate(layers):
            mods.append(lin)
            if i < len(layers) - 1:
                mods.append(nn.Tanh())
        return nn.Sequential(*mods), None
    if rule == "frozen":
        block = local_block_class("frozen", 0, 0.0)
    else:  # lpdm (all pairs) or lpdm-sampledK
        partners = parse_pairs("sampled:" + rule[len("lpdm-sampled"):]) if rule != "lpdm" else 0
        block = local_block_class("lpdm", partners, 3e-4)
    hidden = [block(lin, nn.Tanh()) for lin in layers[:-1]]
    return nn.Sequential(*hidden, layers[-1]), layers[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shapes", default="A,B")
    ap.add_argument("--rules", default="bp,lpdm,lpdm-sampled16,frozen")
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--pool", type=int, default=64)
    opts = ap.parse_args()
    if opts.threads > 0:
        torch.set_num_threads(opts.threads)
    rules = opts.rules.split(",")
    for r in rules:
        if r not in ("bp", "lpdm", "frozen") and not r.startswith("lpdm-sampled"):
            raise SystemExit(f"unknown rule {r!r}: expected bp, lpdm, lpdm-sampledK or frozen")
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    print(f"{'shape':6s} {'rule':16s} {'best us':>10s} {'median us':>10s} {'cpu best':>10s} {'cpu med':>10s}")
    for shape in opts.shapes.split(","):
        sizes, batch, per_round = SHAPES[shape]
        xs = [torch.randn(batch, sizes[0]) for _ in range(opts.pool)]
        ys = [torch.randn(batch, sizes[-1]) for _ in range(opts.pool)]
        loss_fn = nn.MSELoss()
        steps = {}
        for rule in rules:
            model, head = build(rule, sizes, 42)
            opt = torch.optim.Adam((model if head is None else head).parameters(), lr=3e-4, eps=1e-5)

            def one(i, model=model, opt=opt):
                opt.zero_grad()
                loss = loss_fn(model(xs[i % opts.pool]), ys[i % opts.pool])
                loss.backward()
                opt.step()

            steps[rule] = one
        for rule in rules:
            for i in range(10 * per_round):
                steps[rule](i)
        wall = {r: [] for r in rules}
        cpu = {r: [] for r in rules}
        for _ in range(opts.repeats):
            for rule in rules:
                t0, c0 = time.perf_counter(), time.thread_time()
                for i in range(per_round):
                    steps[rule](i)
                wall[rule].append((time.perf_counter() - t0) / per_round * 1e6)
                cpu[rule].append((time.thread_time() - c0) / per_round * 1e6)
        for rule in rules:
            print(f"{shape:6s} {rule:16s} {min(wall[rule]):10.1f} {statistics.median(wall[rule]):10.1f}"
                  f" {min(cpu[rule]):10.1f} {statistics.median(cpu[rule]):10.1f}", flush=True)
            print("RESULT " + json.dumps({"shape": shape, "rule": rule, "wall_best_us": round(min(wall[rule]), 1),
                  "wall_median_us": round(statistics.median(wall[rule]), 1), "cpu_best_us": round(min(cpu[rule]), 1),
                  "cpu_median_us": round(statistics.median(cpu[rule]), 1)}))


if __name__ == "__main__":
    main()
