#!/usr/bin/env bash
# Evaluates every completed run of a study directory the way rl-baselines3-zoo scores a policy
# (the last checkpoint's policy, deterministic, `lpdm eval RUN --episodes N`), then prints a
# Markdown table: per env and variant the deterministic mean return of each seed and their mean.
# Each evaluation is also kept as RUN/eval-N.json, so that evaluations with different N live side by
# side (eval.json is lpdm eval's own file: the last evaluation); scripts/study-summaries.py puts
# them in the committed per-run table as deterministic_N. Runs that already have an eval-N.json,
# or an eval.json with N episodes, are not evaluated again.
# Usage: scripts/study-eval.sh STUDY_DIR [EPISODES]   (EPISODES default 20)
# Env: LPDM: the command to run (default ./lpdm of this checkout).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR=${1:?usage: scripts/study-eval.sh STUDY_DIR [EPISODES]}
N=${2:-20}
LPDM=${LPDM:-$ROOT/lpdm}
[ -d "$DIR/runs" ] || { echo "study-eval: $DIR has no runs/ directory (not a study's run directory)" >&2; exit 2; }
for r in "$DIR"/runs/*/*/seed* "$DIR"/runs/*/*/*/seed*; do
  [ -f "$r/summary.json" ] || continue
  grep -q '"completed" *: *true' "$r/summary.json" || continue
  [ -f "$r/eval-$N.json" ] && continue
  if [ -f "$r/eval.json" ]; then  # the last evaluation (M episodes), perhaps from before eval-M.json files: keep it
    M=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["deterministic"]["returns"]))' "$r/eval.json")
    [ -f "$r/eval-$M.json" ] || cp "$r/eval.json" "$r/eval-$M.json"
    [ "$M" = "$N" ] && continue
  fi
  if $LPDM eval "$r" --episodes "$N" > /dev/null 2>&1; then
    cp "$r/eval.json" "$r/eval-$N.json"
  else
    echo "study-eval: lpdm eval $r failed" >&2
  fi
done
python3 - "$DIR" "$N" <<'PY'
import glob, json, os, sys
d, n = sys.argv[1], sys.argv[2]
rows = {}
for f in sorted(glob.glob(os.path.join(d, "runs", "**", f"eval-{n}.json"), recursive=True)):
    run = os.path.dirname(f)
    rel = os.path.relpath(run, os.path.join(d, "runs")).split(os.sep)
    env, variant, seed = "/".join(rel[:-2]), rel[-2], rel[-1]
    s = json.load(open(os.path.join(run, "summary.json")))
    e = json.load(open(f))
    rows.setdefault((env, variant), []).append((int(seed[4:]), e["deterministic"]["mean"], s["final_mean_return"]))
print("| env | variant | deterministic, per seed | mean | training (summary.json), per seed | mean |")
print("| --- | --- | --- | ---: | --- | ---: |")
for (env, v), xs in rows.items():
    xs.sort()
    det = [x[1] for x in xs]
    tr = [x[2] for x in xs]
    print(f"| {env} | {v} | {' / '.join(f'{x:.1f}' for x in det)} | {sum(det) / len(det):.1f} | "
          f"{' / '.join(f'{x:.1f}' for x in tr)} | {sum(tr) / len(tr):.1f} |")
PY
