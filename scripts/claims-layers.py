#!/usr/bin/env python3
"""Issue 18, claim C4 (docs/claims.md): per-layer diagnostics of a study's runs, per variant.

For every variant of a study directory: back-propagation's per-layer gradient norms
(progress.csv `layer{i}/grad_norm`, actor, and `critic/layer{i}/grad_norm`) and the local
learners' per-layer local losses (`layer{i}/local_loss`, `critic/layer{i}/local_loss`). Each run's
logged values (one per PPO iteration: the layer's value at the iteration's last minibatch update)
are averaged over the first and over the last 10% of its iterations; the table shows the mean of
that over the variant's completed runs, layer 0 (next to the input) first. grad_norm is the
Frobenius norm of the layer's weight gradient at the last backward pass, before clipping
(BackpropRule). For gradient norms the last column is the ratio of layer 1 to the last hidden
layer: the first layer whose weight matrix has the same 64 x 64 shape as the last one (layer 0's
has the env's input size as fan-in, so its norm is not comparable); below 1 the gradient shrinks
on its way back towards the input (vanishing), above 1 it grows (exploding). At depth 2 layer 1
is the last layer and the ratio is 1 by definition.

Usage: scripts/claims-layers.py STUDY_DIR [STUDY_DIR...] [--window early|late|both]"""
import csv
import json
import math
import os
import re
import sys

COL = re.compile(r"^(critic/)?layer(\d+)/(grad_norm|local_loss)$")


def fmt(x):
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{x:.2e}" if (abs(x) < 0.01 or abs(x) >= 1000) and x != 0 else f"{x:.3f}"


def run_values(path):
    """{(net, kind, layer): (early mean, late mean)} for one progress.csv."""
    with open(path) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return {}
    k = max(1, len(rows) // 10)
    out = {}
    for col in rows[0].keys():
        m = COL.match(col)
        if not m:
            continue
        vals = []
        for r in rows:
            try:
                v = float(r[col])
            except (TypeError, ValueError):
                v = float("nan")
            vals.append(v)
        def mean(xs):
            xs = [x for x in xs if math.isfinite(x)]
            return sum(xs) / len(xs) if xs else float("nan")
        out[("critic" if m.group(1) else "actor", m.group(3), int(m.group(2)))] = (mean(vals[:k]), mean(vals[-k:]))
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    window = "both"
    if "--window" in sys.argv:
        window = sys.argv[sys.argv.index("--window") + 1]
        args.remove(window)
    if not args:
        sys.exit(__doc__)
    print("| variant | env | runs | network | kind | window | per layer, layer 0 first | layer 1 / last |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for study in args:
        runs_root = os.path.join(study, "runs")
        for env in sorted(os.listdir(runs_root)):
            for variant in sorted(os.listdir(os.path.join(runs_root, env)), key=variant_key):
                per = {}
                n = 0
                vdir = os.path.join(runs_root, env, variant)
                for seed in sorted(os.listdir(vdir)):
                    sdir = os.path.join(vdir, seed)
                    try:
                        if not json.load(open(os.path.join(sdir, "summary.json"))).get("completed"):
                            continue
                    except (OSError, ValueError):
                        continue
                    n += 1
                    for key, v in run_values(os.path.join(sdir, "progress.csv")).items():
                        per.setdefault(key, []).append(v)
                if n == 0:
                    continue
                for net in ("actor", "critic"):
                    for kind in ("grad_norm", "local_loss"):
                        layers = sorted(l for (nn, kk, l) in per if nn == net and kk == kind)
                        if not layers:
                            continue
                        for wi, wname in ((0, "early"), (1, "late")):
                            if window not in ("both", wname):
                                continue
                            means = []
                            for l in layers:
                                xs = [v[wi] for v in per[(net, kind, l)] if math.isfinite(v[wi])]
                                means.append(sum(xs) / len(xs) if xs else float("nan"))
                            ratio = means[1] / means[-1] if kind == "grad_norm" and len(means) > 1 and means[-1] else None
                            print(f"| {variant} | {env} | {n} | {net} | {kind} | {wname} | "
                                  f"{' / '.join(fmt(x) for x in means)} | {fmt(ratio) if ratio is not None else ''} |")


def variant_key(name):
    m = re.search(r"-d(\d+)", name)
    return (re.sub(r"-d\d+", "", name), int(m.group(1)) if m else 2)


if __name__ == "__main__":
    main()
