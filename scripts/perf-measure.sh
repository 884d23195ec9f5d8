#!/usr/bin/env bash
# Runs the measurements of docs/performance.md in one session and keeps the raw output.
#
#   scripts/perf-measure.sh [OUT_DIR]
#
# Optional environment:
#   BEFORE_LIB=DIR   a lib/ directory of an older build (lpdm-core-*.jar, lpdm-rl-*.jar): the same
#                    benchmarks are run a second time with those jars first on the class path
#                    ("before"; e.g. the lpdm-cli/target/lib of the commit before the changes).
#   PEERS=DIR        the peers folder, scripts/peers (torch_mlp_step.py, run_cleanrl_ppo.py); run only if
#                    /usr/bin/python3 can import torch (see that folder's README).
#   QUICK=1          fewer JMH iterations (a smoke run, not for the tables).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-/tmp/lpdm-perf-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
cd "$ROOT"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/log.txt"; }

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -o -q package -DskipTests
CP_NEW="lpdm-cli/target/lpdm-cli.jar:$(ls lpdm-cli/target/lib/*.jar | tr '\n' ':')"
JMH="lpdm-bench/target/benchmarks.jar"
if [ "${QUICK:-0}" = 1 ]; then ITER=(-wi 2 -i 3 -w 1 -r 1); else ITER=(); fi

before_cp() { # old core and rl first, then the current class path
  echo "$(ls "$BEFORE_LIB"/lpdm-core-*.jar):$(ls "$BEFORE_LIB"/lpdm-rl-*.jar):$1"
}

# 1. One update step, BP vs LPDM vs frozen, shapes a and b.
log "JMH UpdateStep (after)"
java -jar "$JMH" UpdateStep "${ITER[@]}" -rf json -rff "$OUT/update-after.json" > "$OUT/update-after.txt" 2>&1
if [ -n "${BEFORE_LIB:-}" ]; then
  log "JMH UpdateStep (before)"
  java -cp "$(before_cp "$JMH")" org.openjdk.jmh.Main UpdateStep "${ITER[@]}" -rf json -rff "$OUT/update-before.json" > "$OUT/update-before.txt" 2>&1
fi

# 1b. The same in thread CPU time (learners interleaved round by round).
log "UpdateStepCpuTime (after)"
java -cp "$JMH" lpdm.bench.UpdateStepCpuTime A,B > "$OUT/update-cpu-after.txt" 2>&1
if [ -n "${BEFORE_LIB:-}" ]; then
  log "UpdateStepCpuTime (before)"
  java -cp "$(before_cp "$JMH")" lpdm.bench.UpdateStepCpuTime A bp,lpdm,lpdm-sampled16,frozen 15 > "$OUT/update-cpu-before.txt" 2>&1
  java -cp "$(before_cp "$JMH")" lpdm.bench.UpdateStepCpuTime B bp,lpdm,lpdm-sampled16,frozen 3 >> "$OUT/update-cpu-before.txt" 2>&1
fi

# 2. Python peer's MLP step on this machine, same session.
if [ -n "${PEERS:-}" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  log "torch_mlp_step.py (OpenBLAS, 1 thread)"
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 "$PEERS/torch_mlp_step.py" --config all \
      --threads 1 --steps 2000 --warmup 300 --repeats 3 > "$OUT/torch-mlp.txt" 2>&1 || true
fi

# 3. End-to-end PPO throughput on CartPole-v1, 100k steps, each learner twice.
for rep in 1 2; do
  for l in bp lpdm frozen; do
    log "throughput $l (after, rep $rep)"
    java -cp "$CP_NEW" lpdm.cli.Main bench throughput --env CartPole-v1 --algo ppo --learner $l --steps 100000 --json \
        >> "$OUT/throughput-after.jsonl"
    if [ -n "${BEFORE_LIB:-}" ]; then
      log "throughput $l (before, rep $rep)"
      java -cp "$(before_cp "$CP_NEW")" lpdm.cli.Main bench throughput --env CartPole-v1 --algo ppo --learner $l \
          --steps 100000 --json >> "$OUT/throughput-before.jsonl"
    fi
  done
done
if [ -n "${PEERS:-}" ] && [ -d /tmp/peer/cleanrl ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  log "CleanRL ppo.py CartPole-v1 100k (OpenBLAS, torch default threads)"
  (cd /tmp/peer/work && PYTHONPATH=/tmp/peer/gymsrc:/tmp/peer/stubs CLEANRL_DIR=/tmp/peer/cleanrl \
      LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/time -v /usr/bin/python3 "$PEERS/run_cleanrl_ppo.py" \
      ppo.py --seed 1 --env-id CartPole-v1 --total-timesteps 100000 --no-cuda) > "$OUT/cleanrl-ppo.txt" 2>&1 || true
fi

# 4. Env steps, GAE.
log "JMH EnvStep, Gae"
java -jar "$JMH" "EnvStep|Gae" "${ITER[@]}" -rf json -rff "$OUT/env-gae.json" > "$OUT/env-gae.txt" 2>&1

# 5. Memory: the meter, and the allocation cross-check.
log "lpdm bench memory"
java -cp "$CP_NEW" lpdm.cli.Main bench memory --depth 2,4,8,16 --width 256 --batch 256 --learner bp,lpdm --json > "$OUT/memory.json"
java -cp "$CP_NEW" lpdm.cli.Main bench memory --depth 2,4,8,16 --width 256 --batch 256 --learner bp,lpdm,lpdm-sampled16 > "$OUT/memory.txt"
log "JMH FirstUpdateAllocation -prof gc"
java -jar "$JMH" FirstUpdateAllocation "${ITER[@]}" -prof gc -rf json -rff "$OUT/alloc.json" > "$OUT/alloc.txt" 2>&1
log "done: $OUT"
