#!/usr/bin/env python3
"""Issue 18 (docs/claims.md): the claims' figures from a reported study's results.json (lpdm compare).

Prints (1) per variant: mean +- sd, IQM [95% bootstrap CI] and seeds reaching the threshold, as
the report has them; (2) C1: each variant's IQM as a fraction of the `bp` variant's, with a 95%
paired bootstrap interval (seeds resampled with replacement, the same seeds for both variants,
2000 resamples, seed 0); negative-return envs are shifted by the worst possible episode return
first (Acrobot-v1 +500 as in docs/lpdm-study.md, Pendulum-v1 +16.2736044 * 200), so the fraction
is of the distance above the worst case; (3) C2: Chan et al.'s DT, SRT, LRT, DR, RR per variant
with their intervals and ranks, copied from results.json (lower is better for DT, LRT, DR).
--with OTHER/results.json (repeatable) adds the variants of another study on the same env and seeds
(e.g. an ablation run after the reported study) to the tables, so that their ratios are to the same
baseline runs; their C2 ranks are those of their own study.
--by-suffix compares a variant named GROUP-SUFFIX with BASELINE-SUFFIX where that variant exists (C4:
lpdm-d8 with bp-d8, readout-d16 with bp-d16), else with the baseline itself.
Variants with no completed run (a study gathered before it finished: lpdm gather --allow-missing)
are listed as such and left out of the ratios.
--digits N prints the ratios and their intervals with N decimals (default 2), for rules that ask
whether an interval near 1 contains it (docs/claims.md, the decay-* rule).
Usage: scripts/claims-table.py STUDY_DIR/results.json [--baseline bp] [--by-suffix] [--with OTHER/results.json ...] [--digits N]"""
import json
import math
import random
import sys

SHIFT = {"Acrobot-v1": 500.0, "Pendulum-v1": 16.2736044 * 200}


def trim_mean(xs):
    s = sorted(xs)
    g = int(math.floor(0.25 * len(s)))
    core = s[g:len(s) - g]
    return sum(core) / len(core)


def fmt(x, nd=1):
    if x is None:
        return "n/a"
    return f"{x:.{nd}f}" if abs(x) < 1000 else f"{x:.0f}"


def main():
    d = json.load(open(sys.argv[1]))
    base = sys.argv[sys.argv.index("--baseline") + 1] if "--baseline" in sys.argv else "bp"
    vs = d["variants"]
    for i, a in enumerate(sys.argv):
        if a == "--with":
            for name, v in json.load(open(sys.argv[i + 1]))["variants"].items():
                vs.setdefault(name, v)
    print("| variant | env | seeds | mean +- sd | IQM [95% CI] | seeds >= threshold |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, v in vs.items():
        for env, e in v["envs"].items():
            if "iqm" not in e:
                print(f"| {name} | {env} | none completed | n/a | n/a | 0/{e.get('planned_runs', 0)} |")
                continue
            iqm = e["iqm"]
            print(f"| {name} | {env} | {', '.join(str(s) for s in e['seeds'])} | {fmt(e['mean']['estimate'])} +- {fmt(e['sd'])} | "
                  f"{fmt(iqm['estimate'])} [{fmt(iqm['lower'])}, {fmt(iqm['upper'])}] | {e['threshold_reached']}/{e['runs']} |")
    print()
    by_suffix = "--by-suffix" in sys.argv
    nd = int(sys.argv[sys.argv.index("--digits") + 1]) if "--digits" in sys.argv else 2
    print(f"| variant | env | IQM / {base + '[-SUFFIX]' if by_suffix else base} IQM (shift) [95% paired bootstrap CI] | >= 0.9? |")
    print("| --- | --- | --- | --- |")
    rng = random.Random(0)
    for name, v in vs.items():
        ref = base
        if by_suffix and "-" in name and base + "-" + name.split("-", 1)[1] in vs:
            ref = base + "-" + name.split("-", 1)[1]
        if name == ref or ref not in vs:
            continue
        for env, e in v["envs"].items():
            b = vs[ref]["envs"].get(env)
            if b is None or not e["seeds"] or not b["seeds"]:
                continue
            sh = SHIFT.get(env, 0.0)
            xs = dict(zip(e["seeds"], e["final_returns"]))
            ys = dict(zip(b["seeds"], b["final_returns"]))
            seeds = sorted(set(xs) & set(ys))
            if not seeds:
                continue
            def ratio(ss):
                den = trim_mean([ys[s] + sh for s in ss])
                return trim_mean([xs[s] + sh for s in ss]) / den if den > 0 else float("nan")
            est = ratio(seeds)
            reps = sorted(ratio([rng.choice(seeds) for _ in seeds]) for _ in range(2000))
            lo, hi = reps[int(0.025 * 2000)], reps[int(0.975 * 2000) - 1]
            verdict = ("yes" if est >= 0.9 else "no") + (" (interval spans 0.9)" if lo < 0.9 <= hi else "")
            label = name if ref == base else f"{name} (over {ref})"
            print(f"| {label} | {env} | {est:.{nd}f} (+{sh:g}) [{lo:.{nd}f}, {hi:.{nd}f}] | {verdict} |")
    print()
    print("| variant | env | DT (lower better) | SRT (higher) | LRT (lower) | DR (lower) | RR (higher) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, v in vs.items():
        for env, e in v["envs"].items():
            cells = []
            for m in ("DT", "SRT", "LRT", "DR", "RR"):
                r = (e.get("reliability") or {}).get(m)
                if not r or r.get("estimate") is None:
                    cells.append("n/a")
                    continue
                g = lambda x: "n/a" if x is None else f"{x:.3g}"
                cells.append(f"{g(r['estimate'])} [{g(r['lower'])}, {g(r['upper'])}] r{r['rank']:g}")
            print(f"| {name} | {env} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
