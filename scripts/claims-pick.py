#!/usr/bin/env python3
"""Issue 18 (docs/claims.md): the tuning stage's choice, from a tuning study's run directories.

Variants named GROUP-lrX or GROUP-headX (e.g. bp-lr1e-3, lpdm-d8-head3e-3) are the grid points of
GROUP. Per group the chosen point is the one with the highest mean final return (summary.json
final_mean_return) over the study's seeds; ties go to the point listed first. A group is chosen
only when every run of every one of its points has completed; partial studies print what exists.

Usage: scripts/claims-pick.py TUNING.yaml RUN_DIR [TUNING2.yaml RUN_DIR2 ...] [--write REPORTED.yaml --seeds 11-20]
                              [--groups G1,G2 | --skip-groups G1,G2] [--allow-edge G1,G2]
                              [--chosen-from REPORTED0.yaml] [--write-envs E1,E2] [--write-steps N]
  Several tuning studies (same envs, algo, steps, seeds and top-level settings) are one grid: a
  grid extended after its first points ran lives in a second study file. Points are ordered by
  their learning rate.
  prints a Markdown table of the grid (one row per point; the chosen point in bold, "edge" when it
  lies at an end of the grid); --write also writes the reported study: the tuning study's envs,
  algo, steps and top-level settings, the given seeds, and one variant per group (named GROUP)
  with the chosen point's learner and settings. --write refuses while any group is incomplete.
  --groups keeps only the named groups (in that order), e.g. a comparison of two learners whose
  choice is made on the same grid as the others; with --chosen-from it also keeps only the named
  groups of that study; --skip-groups leaves the named groups out.
  --write refuses while a chosen point lies at an end of its grid (the protocol extends the grid
  first), unless the group is named in --allow-edge G1,G2 (e.g. a learner at the maximum return).
  --chosen-from takes the groups of an earlier reported study as chosen there (its variants, named
  GROUP, with their settings; same envs, algo, steps and top-level settings as the tuning studies),
  e.g. C4's depth-2 learners from C1 CartPole's reported study; --write lists them first.
  --write-envs E1,E2 gives the reported study these envs instead of the tuning study's one env (the
  choices made on that env carried to the others, e.g. MinAtar tuned on Breakout alone);
  --write-steps N gives it a budget other than the tuning runs' (e.g. tuning at half the budget).
Works on interrupted studies: it reads runs/ENV/VARIANT/seedS/summary.json, not results.json. Where
a run directory lacks a run (or does not exist: run directories stay on the machine that ran them),
the run's line in studies/results/NAME.tsv (scripts/study-summaries.py; NAME the tuning study's
file name, next to the study file) is used."""
import argparse
import json
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
study_summaries = __import__("study-summaries")

POINT = re.compile(r"^(.*)-(lr|head)([0-9.e+-]+)$")


def fmt(x):
    return f"{x:.1f}" if abs(x) < 1000 else f"{x:.0f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs", nargs="+", metavar="TUNING.yaml RUN_DIR")
    ap.add_argument("--write")
    ap.add_argument("--seeds", default="11-20")
    ap.add_argument("--groups")
    ap.add_argument("--skip-groups")
    ap.add_argument("--allow-edge")
    ap.add_argument("--chosen-from")
    ap.add_argument("--write-envs")
    ap.add_argument("--write-steps", type=int)
    a = ap.parse_args()
    if len(a.pairs) % 2:
        sys.exit("claims-pick: give TUNING.yaml RUN_DIR pairs")
    studies = [(yaml.safe_load(open(a.pairs[i])), a.pairs[i], a.pairs[i + 1]) for i in range(0, len(a.pairs), 2)]
    spec = studies[0][0]
    for other, f, _ in studies[1:]:
        for k in ("envs", "algo", "steps", "seeds", "set"):
            if other.get(k) != spec.get(k):
                sys.exit(f"claims-pick: {f} differs from {a.pairs[0]} in '{k}'")
    seeds = spec["seeds"] if isinstance(spec["seeds"], list) else list(range(1, spec["seeds"] + 1))
    groups = {}
    variants = {}
    run_dir_of = {}
    committed = {}  # (env, variant, seed) -> row of studies/results/NAME.tsv
    for st, f, run_dir in studies:
        name0 = os.path.splitext(os.path.basename(f))[0]
        committed.update(study_summaries.read_table(os.path.join(os.path.dirname(f), "results", name0 + ".tsv")))
        for name, v in st["variants"].items():
            m = POINT.match(name)
            if not m:
                sys.exit(f"claims-pick: variant '{name}' is not named GROUP-lrX or GROUP-headX")
            groups.setdefault(m.group(1), []).append(name)
            variants[name] = v
            run_dir_of[name] = run_dir
    earlier = yaml.safe_load(open(a.chosen_from)) if a.chosen_from else {"variants": {}}
    keep = a.groups.split(",") if a.groups else None
    if keep:
        missing = [g for g in keep if g not in groups and g not in earlier["variants"]]
        if missing:
            sys.exit(f"claims-pick: --groups: no grid points of {', '.join(missing)} in the tuning studies"
                     + (f" and no variant of that name in {a.chosen_from}" if a.chosen_from else ""))
        groups = {g: groups[g] for g in keep if g in groups}
    if a.skip_groups:
        groups = {g: p for g, p in groups.items() if g not in a.skip_groups.split(",")}
    for g in groups:
        groups[g].sort(key=lambda n: float(POINT.match(n).group(3)))
    chosen = {}
    incomplete = []
    rows = []
    for env in spec["envs"]:
        for g, points in groups.items():
            means = []
            for p in points:
                rets = []
                for s in seeds:
                    f = os.path.join(run_dir_of[p], "runs", env, p, f"seed{s}", "summary.json")
                    if os.path.exists(f):
                        d = json.load(open(f))
                        if d.get("completed") and d.get("final_mean_return") is not None:
                            rets.append(d["final_mean_return"])
                    elif (env, p, s) in committed:
                        row = committed[(env, p, s)]
                        if row["completed"] == "true" and row["final_mean_return"]:
                            rets.append(float(row["final_mean_return"]))
                means.append(sum(rets) / len(rets) if len(rets) == len(seeds) else None)
                done = "" if len(rets) == len(seeds) else f" ({len(rets)}/{len(seeds)} done)"
                rows.append([env, g, p, " / ".join(fmt(r) for r in rets) + done,
                             fmt(means[-1]) if means[-1] is not None else "n/a", ""])
            if all(m is not None for m in means):
                best = max(range(len(points)), key=lambda i: (means[i], -i))
                edge = best in (0, len(points) - 1)
                chosen[(env, g)] = (points[best], edge)
                for r in rows:
                    if r[0] == env and r[2] == points[best]:
                        r[2] = f"**{r[2]}**"
                        r[5] = "yes (edge)" if edge else "yes"
            else:
                incomplete.append(f"{env}/{g}")
    fixed = {}  # group -> variant body, chosen in an earlier reported study
    if a.chosen_from:
        for k in ("envs", "algo", "steps", "set"):
            if earlier.get(k) != spec.get(k):
                sys.exit(f"claims-pick: --chosen-from {a.chosen_from} differs from {a.pairs[0]} in '{k}'")
        for g, body in earlier["variants"].items():
            if keep and g not in keep:
                continue
            if g in groups:
                sys.exit(f"claims-pick: group '{g}' is both in --chosen-from {a.chosen_from} and in the tuning studies")
            fixed[g] = body
    print("| env | learner | grid point | final return per tuning seed | mean | chosen |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    if incomplete:
        print(f"\nincomplete (no choice yet): {', '.join(incomplete)}")
    for g in fixed:
        print(f"chosen in {a.chosen_from}: {g}")
    for (env, g), (p, edge) in chosen.items():
        print(f"chosen: {env} {g} -> {p}" + (" (at the edge of the grid)" if edge else ""))
    if a.write:
        if incomplete:
            sys.exit("claims-pick: not writing " + a.write + ": tuning incomplete")
        allowed = set(a.allow_edge.split(",")) if a.allow_edge else set()
        at_edge = [f"{g} ({p})" for (env, g), (p, edge) in chosen.items() if edge and g not in allowed]
        if at_edge:
            sys.exit("claims-pick: not writing " + a.write + ": chosen at an end of the grid: " + ", ".join(at_edge)
                     + "; run the next grid point for every learner first (docs/claims.md, Protocol), or --allow-edge GROUP"
                     + " where the end is not a sign of a short grid")
        if len(spec["envs"]) != 1:
            sys.exit("claims-pick: --write needs a one-env tuning study (choices differ per env)")
        lo, hi = (int(x) for x in a.seeds.split("-"))
        env = spec["envs"][0]
        tnames = [os.path.splitext(os.path.basename(f))[0] for _, f, _ in studies]
        with open(a.write, "w") as f:
            f.write(f"# Issue 18 (docs/claims.md): reported study, seeds {lo}-{hi} (never used for tuning or for\n")
            f.write("# choosing the design study's LPDM default; the paired intervals of points 5 and 6 on these seeds\n"
                    "# decided lpdm.lr_schedule's and lpdm.pairs' defaults by rules fixed before their runs, docs/claims.md).\n"
                    "# Written by scripts/claims-pick.py from the tuning study\n")
            f.write(f"# {' + '.join('studies/' + t + '.yaml' for t in tnames)} (seeds {', '.join(map(str, seeds))});\n# every learner at its best grid point:\n")
            for g in fixed:
                f.write(f"#   {g}: as chosen in {a.chosen_from}\n")
            for g in groups:
                p, edge = chosen[(env, g)]
                f.write(f"#   {g}: {p}" + (" (at the edge of the grid)" if edge else "") + "\n")
            name = os.path.splitext(os.path.basename(a.write))[0]
            if a.write_envs:
                f.write(f"# The choices were made on {env} alone and are carried to every env of this study.\n")
            if a.write_steps:
                f.write(f"# The tuning runs were {spec['steps']} steps long; these run {a.write_steps}.\n")
            f.write(f"# Run: nice -n 19 ./lpdm compare --study studies/{name}.yaml --out /work/claims-runs/{name} --jobs 2\n")
            f.write(f"envs: [{', '.join(a.write_envs.split(',')) if a.write_envs else env}]\nalgo: {spec['algo']}\nsteps: {a.write_steps or (spec['steps'] if not isinstance(spec['steps'], dict) else spec['steps'][env])}\n")
            f.write(f"seeds: [{', '.join(str(s) for s in range(lo, hi + 1))}]\n")
            if spec.get("set"):
                f.write("set: " + yaml.safe_dump(spec["set"], default_flow_style=True, width=1000, sort_keys=False).strip() + "\n")
            f.write("variants:\n")
            for g, body in fixed.items():
                f.write(f"  {g}: " + yaml.safe_dump(body, default_flow_style=True, width=1000, sort_keys=False).strip() + "\n")
            for g in groups:
                p, _ = chosen[(env, g)]
                v = variants[p]
                body = {"learner": v["learner"]}
                if v.get("set"):
                    body["set"] = v["set"]
                f.write(f"  {g}: " + yaml.safe_dump(body, default_flow_style=True, width=1000, sort_keys=False).strip() + "\n")
        print(f"wrote {a.write}")


if __name__ == "__main__":
    main()
