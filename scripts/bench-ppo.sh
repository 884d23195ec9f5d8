#!/usr/bin/env bash
# PPO / A2C acceptance benchmark through the CLI: runs each selected suite for each learner and
# seed, one run at a time, then prints final_mean_return per seed with mean and sd (read from
# each run's summary.json).
#
# Usage: scripts/bench-ppo.sh [LEARNERS] [SUITES] [OUT]
#   LEARNERS  comma-separated learners (default: bp), e.g. bp,frozen,lpdm
#   SUITES    comma-separated suites (default: all):
#               cartpole      CartPole-v1 ppo 500k steps, seeds 1-5 (target for bp: >= 4 of 5 seeds >= 450)
#               acrobot       Acrobot-v1  ppo 300k steps, seeds 1-5 (target for bp: mean >= -120)
#               pendulum      Pendulum-v1 ppo 500k steps, seeds 1-3, the continuous defaults (CleanRL
#                             ppo_continuous_action.py: 1 env x 2048 steps, 32 minibatches, 10 epochs, lr 3e-4
#                             annealed, gamma 0.99, obs+reward normalisation and clipping at 10)
#               pendulum-zoo  Pendulum-v1 ppo 500k steps, seeds 1-3, rl-baselines3-zoo's PPO Pendulum-v1
#                             hyper-parameters without gSDE: 4 envs x 1024 steps, minibatch 64, 10 epochs,
#                             lr 1e-3 constant, gamma 0.9, lambda 0.95, clip 0.2, ent 0 (plus our obs+reward
#                             normalisation; measured unstable without gSDE)
#               a2c-cartpole  CartPole-v1 a2c 200k steps, seeds 1-3 (SB3 A2C defaults, 8 envs)
#   OUT       directory for the run directories (default: bench-ppo-out); existing complete runs are reused
# Environment: SEEDS overrides every suite's seed list (e.g. SEEDS="1 2"); STEPS_SCALE multiplies
# the step budgets (e.g. 0.1 for a quick look); LPDM_JAVA_OPTS is passed to the JVM
# (default -XX:ActiveProcessorCount=1: one core per run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LEARNERS="${1:-bp}"
SUITES="${2:-cartpole,acrobot,pendulum,a2c-cartpole}"
OUT="${3:-bench-ppo-out}"
export LPDM_JAVA_OPTS="${LPDM_JAVA_OPTS:--XX:ActiveProcessorCount=1}"
STEPS_SCALE="${STEPS_SCALE:-1}"
mkdir -p "$OUT"

# suite -> env algo steps seeds extra-settings
suite() {
  case "$1" in
    cartpole) echo "CartPole-v1 ppo 500000 1,2,3,4,5" ;;
    acrobot) echo "Acrobot-v1 ppo 300000 1,2,3,4,5" ;;
    pendulum) echo "Pendulum-v1 ppo 500000 1,2,3" ;;
    pendulum-zoo) echo "Pendulum-v1 ppo 500000 1,2,3 ppo.num_envs=4,ppo.num_steps=1024,ppo.num_minibatches=64,ppo.update_epochs=10,ppo.lr=1e-3,ppo.anneal_lr=false,ppo.gamma=0.9,ppo.gae_lambda=0.95" ;;
    a2c-cartpole) echo "CartPole-v1 a2c 200000 1,2,3" ;;
    *) echo "unknown suite '$1' (cartpole, acrobot, pendulum, pendulum-zoo, a2c-cartpole)" >&2; exit 2 ;;
  esac
}

RESULTS="$OUT/results.tsv"
: > "$RESULTS"
for s in ${SUITES//,/ }; do
  read -r env algo steps seeds extra <<< "$(suite "$s")"
  steps=$(python3 -c "print(max(1, int($steps * $STEPS_SCALE)))")
  seeds="${SEEDS:-${seeds//,/ }}"
  sets=(--set hparams=defaults) # the suites measure the algorithms' defaults (plus their own settings), not the tuned sets
  if [ -n "${extra:-}" ]; then
    for kv in ${extra//,/ }; do sets+=(--set "$kv"); done
  fi
  for learner in ${LEARNERS//,/ }; do
    for seed in $seeds; do
      dir="$OUT/${s}_${learner}_seed${seed}"
      if [ -f "$dir/summary.json" ] && python3 -c "import json,sys; sys.exit(0 if json.load(open('$dir/summary.json'))['completed'] else 1)"; then
        echo "reusing $dir" >&2
      elif [ -f "$dir/config.json" ]; then
        echo "resuming $dir" >&2
        "$ROOT/lpdm" train --resume "$dir" --quiet >&2
      else
        echo "running $s $learner seed $seed: lpdm train --env $env --algo $algo --learner $learner --steps $steps --seed $seed ${sets[*]:-}" >&2
        "$ROOT/lpdm" train --env "$env" --algo "$algo" --learner "$learner" --steps "$steps" --seed "$seed" \
          "${sets[@]}" --quiet --out "$dir" >&2
      fi
      printf '%s\t%s\t%s\t%s\n' "$s" "$learner" "$seed" "$dir/summary.json" >> "$RESULTS"
    done
  done
done

python3 - "$RESULTS" <<'EOF'
import json, statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
groups = {}
for suite, learner, seed, path in rows:
    s = json.load(open(path))
    groups.setdefault((suite, learner), []).append((int(seed), s["final_mean_return"], s["total_steps"], s["wall_seconds"]))
print(f"{'suite':<14} {'learner':<8} {'per-seed final_mean_return':<52} {'mean':>9} {'sd':>8} {'>=450':>6} {'min/run':>8}")
for (suite, learner), runs in groups.items():
    vals = [r[1] for r in runs]
    per = " ".join(f"s{seed}={v:.1f}" for seed, v, _, _ in runs)
    sd = statistics.stdev(vals) if len(vals) > 1 else float("nan")
    hits = sum(v >= 450 for v in vals) if suite in ("cartpole", "a2c-cartpole") else None
    minutes = statistics.mean(r[3] for r in runs) / 60
    print(f"{suite:<14} {learner:<8} {per:<52} {statistics.mean(vals):>9.2f} {sd:>8.2f} "
          f"{(str(hits) + '/' + str(len(vals))) if hits is not None else '-':>6} {minutes:>8.1f}")
EOF
