#!/usr/bin/env bash
# Issue 18 (docs/claims.md): the claims studies in the order of the compute plan, one at a time,
# each with 2 workers and nice 19 (the machine is shared). Every step starts its study or, when
# its directory already holds one, continues it (compare --resume: completed runs are read, broken
# runs continue from their checkpoint). Reported studies are written by scripts/claims-pick.py
# from their finished tuning stage. Run it again to continue where it stopped.
# Usage: scripts/claims-pipeline.sh [STEP...]   (default: every step below, in order)
# Env: CLAIMS_RUNS (default /work/claims-runs): where run directories go (never the repository);
#      CLAIMS_BIN: directory with lpdm-cli.jar and lib/ to run (default: CLAIMS_RUNS/bin-13fb4b2 if it
#      exists, the binary the first runs used, so that continued runs stay bit-exact; else ./lpdm).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNS="${CLAIMS_RUNS:-/work/claims-runs}"
BIN="${CLAIMS_BIN:-$RUNS/bin-13fb4b2}"
mkdir -p "$RUNS"

if [ -f "$BIN/lpdm-cli.jar" ]; then
  LPDM=(java --add-modules jdk.incubator.vector -Dlpdm.home="$ROOT" -Djava.awt.headless=true -jar "$BIN/lpdm-cli.jar")
else
  LPDM=(./lpdm)
fi

study() { # NAME: run or continue studies/NAME.yaml into $RUNS/NAME
  local name=$1 dir="$RUNS/$1"
  echo "== $(date -u +%H:%M:%S) $name" >&2
  if [ -f "$dir/study.json" ]; then
    nice -n 19 "${LPDM[@]}" compare --study "studies/$name.yaml" --out "$dir" --resume --jobs 2 --quiet
  else
    nice -n 19 "${LPDM[@]}" compare --study "studies/$name.yaml" --out "$dir" --jobs 2 --quiet
  fi
  local rc=$?
  echo "== $(date -u +%H:%M:%S) $name exit $rc" >&2
  return $rc
}

tuned() { # REPORTED TUNING...: run the tuning studies (one grid), pick, run the reported study
  local reported=$1 t pairs=()
  shift
  for t in "$@"; do
    study "$t" || return 1
    pairs+=("studies/$t.yaml" "$RUNS/$t")
  done
  if [ ! -f "studies/$reported.yaml" ]; then
    python3 scripts/claims-pick.py "${pairs[@]}" --write "studies/$reported.yaml" --seeds 11-20 \
      > "$RUNS/$reported.pick.md" || return 1
  fi
  study "$reported"
}

seed_runs() { # FROM TO: copy FROM's completed runs of every variant TO has with the same definition,
  # when both studies have the same env, steps, seeds and top-level settings (the runs would be the
  # same bytes), into TO's run directory before TO's study first starts; compare then reads them.
  local from=$1 to=$2 v d env
  [ -f "studies/$to.yaml" ] && [ ! -e "$RUNS/$to" ] && [ -d "$RUNS/$from/runs" ] || return 0
  local same
  same=$(python3 - "studies/$from.yaml" "studies/$to.yaml" <<'PY'
import sys, yaml
a, b = (yaml.safe_load(open(f)) for f in sys.argv[1:3])
if all(a.get(k) == b.get(k) for k in ("envs", "algo", "steps", "seeds", "set")):
    print(" ".join(v for v in a["variants"] if b["variants"].get(v) == a["variants"][v]))
PY
) || return 0
  env=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["envs"][0])' "studies/$to.yaml")
  for v in $same; do
    for d in "$RUNS/$from/runs/$env/$v"/seed*; do
      grep -q '"completed" *: *true' "$d/summary.json" 2>/dev/null || continue
      mkdir -p "$RUNS/$to/runs/$env/$v" && cp -r "$d" "$RUNS/$to/runs/$env/$v/"
    done
    echo "== copied $from's completed $v runs into $to" >&2
  done
}

pairs() { # ENV TUNING...: point 6, the lpdm.pairs default: sampled4 tuned on ENV's grid, then reported
  # beside the all-pairs default on the reported seeds (the default's runs copied from claims-c1-ENV)
  local e=$1 reported=claims-pairs-$1 t pairs=()
  shift
  study "claims-pairs-tune-$e" || return 1
  for t in "$@" "claims-pairs-tune-$e"; do pairs+=("studies/$t.yaml" "$RUNS/$t"); done
  if [ ! -f "studies/$reported.yaml" ]; then
    python3 scripts/claims-pick.py "${pairs[@]}" --groups lpdm,sampled4 --write "studies/$reported.yaml" --seeds 11-20 \
      > "$RUNS/$reported.pick.md" || return 1
  fi
  seed_runs "claims-c1-$e" "$reported" && study "$reported"
}

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(cartpole acrobot c4-tanh c4-relu)
for s in "${steps[@]}"; do
  case $s in
    cartpole) tuned claims-c1-cartpole claims-tune-cartpole claims-tune-cartpole-low ;;
    acrobot) tuned claims-c1-acrobot claims-tune-acrobot ;;
    c4-tanh) study claims-c1-cartpole && study claims-c4-tune-tanh \
      && { [ -f studies/claims-c4-tanh.yaml ] || python3 scripts/claims-pick.py studies/claims-tune-cartpole.yaml "$RUNS/claims-tune-cartpole" \
             studies/claims-tune-cartpole-low.yaml "$RUNS/claims-tune-cartpole-low" studies/claims-c4-tune-tanh.yaml "$RUNS/claims-c4-tune-tanh" \
             --write studies/claims-c4-tanh.yaml --seeds 11-20 > "$RUNS/claims-c4-tanh.pick.md"; } \
      && seed_runs claims-c1-cartpole claims-c4-tanh && study claims-c4-tanh ;;
    c4-relu) tuned claims-c4-relu claims-c4-tune-relu ;;
    high-cartpole) study claims-tune-cartpole-high ;;
    high-acrobot) study claims-tune-acrobot-high ;;
    pairs-cartpole) study claims-c1-cartpole && study claims-tune-cartpole-high \
      && pairs cartpole claims-tune-cartpole claims-tune-cartpole-low claims-tune-cartpole-high ;;
    pairs-acrobot) study claims-c1-acrobot && study claims-tune-acrobot-high && pairs acrobot claims-tune-acrobot claims-tune-acrobot-high ;;
    lunarlander) tuned claims-c1-lunarlander claims-tune-lunarlander ;;
    lunarlandercontinuous) tuned claims-c1-lunarlandercontinuous claims-tune-lunarlandercontinuous ;;
    pendulum) tuned claims-c1-pendulum claims-tune-pendulum ;;
    bipedalwalker) tuned claims-c1-bipedalwalker claims-tune-bipedalwalker ;;
    *) echo "claims-pipeline: unknown step '$s'" >&2; exit 2 ;;
  esac
done
