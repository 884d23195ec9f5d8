#!/usr/bin/env python3
"""A study's per-run results as a small table to commit (studies/results/NAME.tsv), so that what a
study found outlives the machine its run directories were on.

Usage: scripts/study-summaries.py STUDY.yaml RUN_DIR [--out FILE]
  Reads RUN_DIR/runs/ENV/VARIANT/seedS/summary.json for every run the study file defines and prints
  (or writes to FILE) one tab-separated line per run found: env, variant, seed, completed,
  final_mean_return, best_mean_return_100, total_steps, episodes, wall_seconds, then one column
  deterministic_N per number of evaluation episodes N found in any run (the mean deterministic return
  of `lpdm eval RUN --episodes N`, from the run's eval-N.json that scripts/study-eval.sh keeps, or
  from eval.json for its own N), plus a header line and a comment line naming the study file. Runs not started are left out; a run that stopped
  early has completed = false. With --out, the rows of FILE that RUN_DIR does not have (runs done on
  another machine, e.g. an earlier session's) are kept, so the file only grows; a run present in
  both is taken from RUN_DIR; the file's first (comment) line is kept, so a remainder study
  (scripts/study-remainder.py) adds its runs to its study's file.
  scripts/claims-pick.py reads these files where a tuning study's run directory lacks a run.
Exit 2 (one line) when the study file names no variants or RUN_DIR has no runs/ directory."""
import argparse
import json
import os
import re
import sys

import yaml

COLUMNS = ["env", "variant", "seed", "completed", "final_mean_return", "best_mean_return_100",
           "total_steps", "episodes", "wall_seconds"]


def seeds_of(spec):
    s = spec["seeds"]
    return s if isinstance(s, list) else list(range(1, s + 1))


def read_table(path):
    """Rows of a summaries file keyed by (env, variant, seed); {} when the file does not exist.
    Columns are named by the file's header line (files written before the deterministic_N columns
    have the nine of COLUMNS)."""
    rows = {}
    if not os.path.exists(path):
        return rows
    names = COLUMNS
    with open(path) as f:
        for line in f:
            if line.startswith("env\t"):
                names = line.rstrip("\n").split("\t")
                continue
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            row = dict(zip(names, cells))
            rows[(row["env"], row["variant"], int(row["seed"]))] = row
    return rows


def evaluations(run):
    """{"deterministic_N": mean} for every evaluation of the run: eval-N.json files, and eval.json."""
    out = {}
    files = [os.path.join(run, "eval.json")]
    files += sorted(os.path.join(run, f) for f in os.listdir(run) if re.fullmatch(r"eval-\d+\.json", f))
    for f in files:
        if not os.path.exists(f):
            continue
        det = json.load(open(f)).get("deterministic") or {}
        if det.get("returns"):
            out[f"deterministic_{len(det['returns'])}"] = repr(float(det["mean"]))
    return out


def eval_columns(rows):
    ns = {int(k.split("_")[1]) for r in rows.values() for k in r if k.startswith("deterministic_")}
    return [f"deterministic_{n}" for n in sorted(ns)]


def from_run_dir(spec, run_dir):
    rows = {}
    for env in spec["envs"]:
        for variant in spec["variants"]:
            for seed in seeds_of(spec):
                f = os.path.join(run_dir, "runs", env, variant, f"seed{seed}", "summary.json")
                if not os.path.exists(f):
                    continue
                d = json.load(open(f))
                row = {"env": env, "variant": variant, "seed": str(seed),
                       "completed": "true" if d.get("completed") else "false"}
                for k in COLUMNS[4:]:
                    v = d.get(k)
                    row[k] = "" if v is None else repr(v) if isinstance(v, float) else str(v)
                row.update(evaluations(os.path.dirname(f)))
                rows[(env, variant, seed)] = row
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("study")
    ap.add_argument("run_dir")
    ap.add_argument("--out")
    a = ap.parse_args()
    spec = yaml.safe_load(open(a.study))
    if not spec or not spec.get("variants"):
        print(f"study-summaries: {a.study} defines no variants", file=sys.stderr)
        sys.exit(2)
    if not os.path.isdir(os.path.join(a.run_dir, "runs")):
        print(f"study-summaries: {a.run_dir} has no runs/ directory (not a study's run directory)", file=sys.stderr)
        sys.exit(2)
    rows = read_table(a.out) if a.out else {}
    rows.update(from_run_dir(spec, a.run_dir))
    keys = sorted(rows)  # env, variant, seed: the same order whichever study file wrote the rows
    header = f"# per-run results of {a.study} (scripts/study-summaries.py; final_mean_return as in summary.json)\n"
    if a.out and os.path.exists(a.out):  # keep the file's own header (a remainder study adds to its study's file)
        with open(a.out) as f:
            first = f.readline()
        header = first if first.startswith("#") else header
    columns = COLUMNS + eval_columns(rows)
    lines = [header, "\t".join(columns) + "\n"]
    lines += ["\t".join(rows[k].get(c, "") for c in columns) + "\n" for k in keys]
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        tmp = a.out + ".tmp"
        with open(tmp, "w") as f:
            f.writelines(lines)
        os.replace(tmp, a.out)
    else:
        sys.stdout.writelines(lines)


if __name__ == "__main__":
    main()
