#!/usr/bin/env bash
# Compute plan for issue 18 (docs/claims.md): steps per CPU second of one short PPO run per
# env x learner x depth, niced, one run at a time. steps/CPU-s does not depend on how loaded the
# shared machine is (wall-clock steps/s does); the plan divides step budgets by it.
# Usage: scripts/claims-bench.sh [OUT.tsv]   (about 5 minutes on an idle core)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/dev/stdout}"
hidden() { local d=$1 h=64; for ((i = 1; i < d; i++)); do h="$h,64"; done; echo "$h"; }
bench() { # env learner depth activation steps
  local json
  json=$(nice -n 19 ./lpdm bench throughput --env "$1" --learner "$2" --steps "$5" --json \
         --set net.hidden="$(hidden "$3")" --set net.activation="$4" 2>/dev/null)
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("\t".join(map(str,[d["env"],sys.argv[2],sys.argv[3],sys.argv[4],d["total_steps"],round(d["steps_per_cpu_second"]),round(d["steps_per_second"]),round(d["load_average"],1)])))' \
    "$json" "$2" "$3" "$4"
}
{
  printf 'env\tlearner\tdepth\tactivation\tsteps\tsteps_per_cpu_s\tsteps_per_s\tload\n'
  for d in 2 4 8 16; do
    for l in bp frozen lpdm; do bench CartPole-v1 "$l" "$d" tanh_fast 30000; done
  done
  for l in bp frozen lpdm; do bench CartPole-v1 "$l" 16 relu 30000; done
  for e in Acrobot-v1 LunarLander-v3 LunarLanderContinuous-v3 Pendulum-v1 BipedalWalker-v3; do
    for l in bp frozen lpdm; do bench "$e" "$l" 2 tanh_fast 30000; done
  done
} > "$OUT"
