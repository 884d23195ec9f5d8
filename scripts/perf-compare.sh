#!/usr/bin/env bash
# Before/after measurements of docs/performance.md ("Session 3"), interleaved so that a change in
# the machine's load affects every configuration alike. Raw output is kept in OUT_DIR.
#
#   scripts/perf-compare.sh BEFORE_DIR [OUT_DIR]
#
# BEFORE_DIR: a checkout of an older commit, built (mvn -o -q package -DskipTests), e.g.
#   git worktree add /tmp/before 56b292a && (cd /tmp/before && mvn -B -o -q package -DskipTests)
# Optional: PEERS=DIR (scripts/peers) runs CleanRL's ppo.py once, as its README describes.
set -euo pipefail
PERF_NAME=perf-compare
source "$(dirname "${BASH_SOURCE[0]}")/perf-common.sh"
before() { java -Dlpdm.home="$ROOT" -Djava.awt.headless=true -jar "$BEFORE/lpdm-cli/target/lpdm-cli.jar" "$@" 2>/dev/null; }

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "end-to-end PPO CartPole-v1 100k: before / after with the exact tanh / after (defaults)"
for r in 1 2; do
  for L in bp lpdm frozen; do
    echo "before $L $(before bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 100000 --json)" >> "$OUT/throughput.txt"
    echo "after-tanh $L $(after bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 100000 --set net.activation=tanh --json)" >> "$OUT/throughput.txt"
    echo "after $L $(after bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 100000 --json)" >> "$OUT/throughput.txt"
  done
done
log "end-to-end 500k, 1 and 2 threads (after, defaults)"
for L in bp lpdm; do
  for T in 1 2; do
    echo "after-t$T $L $(after bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 500000 --set run.threads=$T --json)" >> "$OUT/throughput-500k.txt"
  done
done
log "update step, thread CPU time: before (exact tanh, plain kernels) / after tanh / after tanh_fast"
java -cp "$BEFORE/lpdm-bench/target/benchmarks.jar" lpdm.bench.UpdateStepCpuTime A,B bp,lpdm,lpdm-sampled16,frozen 15 > "$OUT/update-before.txt" 2>&1
java "${VEC[@]}" -cp lpdm-bench/target/benchmarks.jar lpdm.bench.UpdateStepCpuTime A,B bp,lpdm,lpdm-sampled16,frozen 15 tanh > "$OUT/update-after-tanh.txt" 2>&1
java "${VEC[@]}" -cp lpdm-bench/target/benchmarks.jar lpdm.bench.UpdateStepCpuTime A,B bp,lpdm,lpdm-sampled16,frozen 15 > "$OUT/update-after.txt" 2>&1
if [ -n "${PEERS:-}" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  log "CleanRL ppo.py CartPole-v1 100k (peer)"
  ( cd /tmp/peer/work && PYTHONPATH=/tmp/peer/gymsrc:/tmp/peer/stubs CLEANRL_DIR=/tmp/peer/cleanrl \
      LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/time -v -o "$OUT/cleanrl.time" \
      /usr/bin/python3 "$PEERS/run_cleanrl_ppo.py" --summary-json "$OUT/cleanrl.json" ppo.py \
      --seed 1 --env-id CartPole-v1 --total-timesteps 100000 --no-cuda > "$OUT/cleanrl.log" 2>&1 ) || log "peer failed"
fi
log "done: $OUT"
