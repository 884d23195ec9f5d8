#!/usr/bin/env bash
# Session 4 measurements of docs/performance.md: end-to-end throughput cold (first run in a fresh
# JVM) and warm (later runs in the same JVM, `bench throughput --repeat 3`), and the update step in
# two learner orders, interleaved with an older build so that the machine's load affects both alike.
# Raw output is kept in OUT_DIR.
#
#   scripts/perf-session4.sh BEFORE_DIR [OUT_DIR]
#
# BEFORE_DIR: a checkout of an older commit, built (mvn -B -o -q package -DskipTests), e.g.
#   git worktree add /tmp/before 31aae85 && (cd /tmp/before && mvn -B -o -q package -DskipTests)
# (an older build has no --repeat: it is run once per JVM). Optional: PEERS=DIR (scripts/peers) runs
# CleanRL's ppo.py as its README describes (needs the peer set up under /tmp/peer), two rounds
# interleaved with this checkout's bp / lpdm / lpdm sampled:16 runs.
set -euo pipefail
PERF_NAME=perf-session4
source "$(dirname "${BASH_SOURCE[0]}")/perf-common.sh"
before() { java "${VEC[@]}" -Dlpdm.home="$ROOT" -Djava.awt.headless=true -jar "$BEFORE/lpdm-cli/target/lpdm-cli.jar" "$@" 2>/dev/null; }

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
log "end-to-end PPO CartPole-v1 100k: before (one run per JVM) / after (--repeat 3)"
for r in 1 2 3; do
  for V in bp lpdm frozen lpdm-sampled16; do
    L=${V%-sampled16}
    SET=()
    [ "$V" = lpdm-sampled16 ] && SET=(--set lpdm.pairs=sampled:16)
    echo "before r$r $V $(before bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 100000 "${SET[@]}" --json)" >> "$OUT/throughput.txt"
    echo "after r$r $V $(after bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 100000 "${SET[@]}" --repeat 3 --json)" >> "$OUT/throughput.txt"
  done
done
log "end-to-end 500k (after, one run per JVM)"
for L in bp lpdm; do
  echo "after $L $(after bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 500000 --json)" >> "$OUT/throughput-500k.txt"
done
log "update step, thread CPU time, learners in the usual order and with LPDM first"
for ORDER in bp,lpdm,lpdm-sampled16,frozen lpdm,lpdm-sampled16,bp,frozen; do
  for W in before after; do
    JAR=lpdm-bench/target/benchmarks.jar
    [ "$W" = before ] && JAR="$BEFORE/lpdm-bench/target/benchmarks.jar"
    echo "== $W $ORDER" >> "$OUT/update.txt"
    java "${VEC[@]}" -cp "$JAR" lpdm.bench.UpdateStepCpuTime A,B "$ORDER" 15 2>/dev/null >> "$OUT/update.txt"
  done
done
if [ -n "${PEERS:-}" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  log "CleanRL ppo.py CartPole-v1 100k (peer), interleaved with bp / lpdm / lpdm sampled:16 (--repeat 3), two rounds"
  for r in 1 2; do
    ( cd /tmp/peer/work && PYTHONPATH=/tmp/peer/gymsrc:/tmp/peer/stubs CLEANRL_DIR=/tmp/peer/cleanrl \
        LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/time -v -o "$OUT/cleanrl-$r.time" \
        /usr/bin/python3 "$PEERS/run_cleanrl_ppo.py" --summary-json "$OUT/cleanrl-$r.json" ppo.py \
        --seed 1 --env-id CartPole-v1 --total-timesteps 100000 --no-cuda > "$OUT/cleanrl-$r.log" 2>&1 ) || log "peer failed"
    for V in bp lpdm lpdm-sampled16; do
      L=${V%-sampled16}
      SET=()
      [ "$V" = lpdm-sampled16 ] && SET=(--set lpdm.pairs=sampled:16)
      echo "peer-round r$r $V $(after bench throughput --env CartPole-v1 --algo ppo --learner $L --steps 100000 "${SET[@]}" --repeat 3 --json)" >> "$OUT/throughput-with-peer.txt"
    done
  done
fi
log "done: $OUT"
