#!/usr/bin/env python3
"""Prints a markdown table of a study's results.json: per variant and env, the final returns per
seed, mean +- sd, IQM [95% bootstrap CI], mean [95% CI], seeds reaching the env's threshold.
A cell with no completed run (a study gathered before it finished: lpdm gather --allow-missing) is
listed as such.
Usage: scripts/study-table.py STUDY_DIR/results.json"""
import json
import sys


def fmt(x):
    if x is None:  # e.g. the standard deviation of a single seed
        return "n/a"
    return f"{x:.1f}" if abs(x) < 1000 else f"{x:.0f}"


d = json.load(open(sys.argv[1]))
print("| variant | env | final return per seed | mean +- sd | IQM [95% CI] | mean [95% CI] | seeds >= threshold |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for name, v in d["variants"].items():
    for env, e in v["envs"].items():
        if "iqm" not in e:
            print(f"| {name} | {env} | none completed | n/a | n/a | n/a | 0/{e.get('planned_runs', 0)} |")
            continue
        seeds = " / ".join(fmt(x) for x in e["final_returns"])
        iqm, mean = e["iqm"], e["mean"]
        print(f"| {name} | {env} | {seeds} | {fmt(mean['estimate'])} +- {fmt(e['sd'])} | "
              f"{fmt(iqm['estimate'])} [{fmt(iqm['lower'])}, {fmt(iqm['upper'])}] | "
              f"{fmt(mean['estimate'])} [{fmt(mean['lower'])}, {fmt(mean['upper'])}] | "
              f"{e['threshold_reached']}/{e['runs']} |")
