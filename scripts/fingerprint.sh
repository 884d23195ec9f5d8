#!/usr/bin/env bash
# Behaviour fingerprint: trains short runs for every algorithm x learner (and the LPDM variants)
# with fixed seeds and prints one sha256 per run over the files that must not change when code is
# restructured: checkpoint/state.bin, episodes.csv and progress.csv without its timing columns.
# Every run passes --set hparams=defaults: the algorithms' plain defaults, as before train started from
# the tuned sets (lpdm/hparams/*.yaml), so the fingerprint keeps measuring the same runs.
# Usage: scripts/fingerprint.sh [OUT_DIR]  (compare two outputs with diff)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-/tmp/lpdm-fingerprint}"
rm -rf "$OUT"; mkdir -p "$OUT"
run() { # name, then train arguments
  local name="$1"; shift
  "$ROOT/lpdm" train --quiet --set hparams=defaults --out "$OUT/$name" "$@" >/dev/null 2>&1 || { echo "$name FAILED"; return; }
  local d="$OUT/$name"
  local prog
  prog=$(python3 - "$d/progress.csv" <<'PY'
import csv, sys, hashlib
rows = list(csv.reader(open(sys.argv[1])))
drop = {i for i, h in enumerate(rows[0]) if h in ("wall_seconds", "steps_per_second")}
print(hashlib.sha256("\n".join(",".join(c for i, c in enumerate(r) if i not in drop) for r in rows).encode()).hexdigest())
PY
)
  printf '%-28s %s %s %s\n' "$name" \
    "$(sha256sum < "$d/checkpoint/state.bin" | cut -c1-16)" \
    "$(sha256sum < "$d/episodes.csv" | cut -c1-16)" "${prog:0:16}"
}
for algo in reinforce a2c ppo; do
  for learner in bp frozen lpdm; do
    run "cartpole-$algo-$learner" --env CartPole-v1 --algo "$algo" --learner "$learner" --steps 6000 --seed 7
  done
done
for learner in bp frozen lpdm; do
  run "pendulum-ppo-$learner" --env Pendulum-v1 --algo ppo --learner "$learner" --steps 6000 --seed 5
done
run lunar-ppo-bp          --env LunarLander-v3 --algo ppo --learner bp --steps 6000 --seed 2
run acrobot-a2c-lpdm      --env Acrobot-v1 --algo a2c --learner lpdm --steps 6000 --seed 4
run cartpole-ppo-plain    --env CartPole-v1 --algo ppo --learner lpdm --steps 6000 --seed 7 --set lpdm.preset=plain
run cartpole-ppo-sampled4 --env CartPole-v1 --algo ppo --learner lpdm --steps 6000 --seed 7 --set lpdm.pairs=sampled:4
run cartpole-ppo-matrix   --env CartPole-v1 --algo ppo --learner lpdm --steps 6000 --seed 7 --set lpdm.gradient_form=matrix
run cartpole-ppo-guided   --env CartPole-v1 --algo ppo --learner lpdm --steps 6000 --seed 7 --guidance 0.5
run cartpole-ppo-lpdm-t1  --env CartPole-v1 --algo ppo --learner lpdm --steps 6000 --seed 7 --set run.threads=1
run cartpole-ppo-bp-t2    --env CartPole-v1 --algo ppo --learner bp --steps 6000 --seed 7 --set run.threads=2
