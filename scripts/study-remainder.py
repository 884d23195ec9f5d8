#!/usr/bin/env python3
"""The runs of a study that its committed results table (studies/results/NAME.tsv) does not yet
hold as completed, written as small study files that run only those runs, so that a study a lost
machine left half done continues on another machine without running its finished runs again.

Usage: scripts/study-remainder.py STUDY.yaml TABLE.tsv OUTDIR
       scripts/study-remainder.py --check STUDY.yaml TABLE.tsv   (exit 0 when every run is complete
       in TABLE.tsv, else 1; writes nothing)
  Variants missing the same seeds go into one study file (same envs, algo, steps and top-level
  settings as STUDY.yaml; those variants; those seeds). Each file is named after a hash of its
  content, OUTDIR/rest-HASH.yaml, so the same remainder always gets the same file (and its run
  directory, OUTDIR/rest-HASH, can be continued with compare --resume). Prints the files' paths,
  one per line; nothing when every run is complete. A run is defined by its env, variant
  definition and seed alone, so a run of a remainder study is the same run as in STUDY.yaml.
For tuning studies, whose use is the per-run table (scripts/claims-pick.py); a reported study's
report needs all its runs in one study directory, so it is run whole."""
import hashlib
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
study_summaries = __import__("study-summaries")


def main():
    check = sys.argv[1:2] == ["--check"]
    args = sys.argv[2:] if check else sys.argv[1:]
    if len(args) != (2 if check else 3):
        sys.exit("usage: scripts/study-remainder.py STUDY.yaml TABLE.tsv OUTDIR | --check STUDY.yaml TABLE.tsv")
    study, table = args[:2]
    spec = yaml.safe_load(open(study))
    rows = study_summaries.read_table(table)
    seeds = study_summaries.seeds_of(spec)
    missing = {}  # variant -> tuple of seeds missing on some env
    for v in spec["variants"]:
        ms = tuple(s for s in seeds if any(
            rows.get((e, v, s), {}).get("completed") != "true" for e in spec["envs"]))
        if ms:
            missing.setdefault(ms, []).append(v)
    if check:
        sys.exit(1 if missing else 0)
    outdir = args[2]
    os.makedirs(outdir, exist_ok=True)
    for ms, variants in missing.items():
        sub = {k: spec[k] for k in spec if k not in ("variants", "seeds")}
        sub["seeds"] = list(ms)
        sub["variants"] = {v: spec["variants"][v] for v in variants}
        text = (f"# The runs of {study} not yet complete in {table} (scripts/study-remainder.py)\n"
                + yaml.safe_dump(sub, default_flow_style=None, width=1000, sort_keys=False))
        path = os.path.join(outdir, "rest-" + hashlib.sha256(text.encode()).hexdigest()[:10] + ".yaml")
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.write(text)
        print(path)


if __name__ == "__main__":
    main()
