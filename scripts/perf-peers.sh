#!/usr/bin/env bash
# docs/performance.md, "Session 5" and "Session 6": end-to-end PPO CartPole-v1 100k of this checkout's learners next
# to the PyTorch peers, interleaved round by round so that the machine's load affects all alike:
# CleanRL's ppo.py as docs/performance.md, "How the peers were measured" runs it (back-propagation), and the same unmodified
# script with its hidden layers learning by LPDM (all pairs, sampled:16) or frozen
# (scripts/peer_lpdm_torch.py). Ours run with --repeat 3: runs[0] is the cold run (a fresh JVM),
# runs[2] a warm one. Since session 6 run.threads defaults to auto (LPDM: the critic on a second
# thread on this 2-core machine; bp and frozen: one thread); the -threads1 / -threads2 variants
# set it explicitly (PyTorch gains nothing from a second thread here, docs/performance.md, "How the peers were measured"). Before those rounds,
# the update step of every rule, ours (lpdm.bench.UpdateStepCpuTime) and PyTorch's
# (scripts/peer_lpdm_step.py), alternating process by process. Raw output is kept in OUT_DIR; the
# end-to-end table is printed at the end.
#
#   PEERS=scripts/peers [PARTS=e2e,step] scripts/perf-peers.sh [OUT_DIR] [ROUNDS]     (ROUNDS default 2)
#
# Needs the peer set up under /tmp/peer (docs/performance.md, "How the peers were measured") and a built checkout.
set -euo pipefail
PERF_NAME=perf-peers
PEERS="${PEERS:-$(dirname "${BASH_SOURCE[0]}")/peers}"   # the peer runner (docs/performance.md)
PEERS="$(cd "$PEERS" && pwd)"
source "$(dirname "${BASH_SOURCE[0]}")/perf-common.sh" "" "${1:-}"
ROUNDS="${2:-2}"
peer() { # name, then peer_lpdm_torch.py options
  local name=$1 r=$2
  shift 2
  ( cd /tmp/peer/work && PYTHONPATH=/tmp/peer/gymsrc:/tmp/peer/stubs CLEANRL_DIR=/tmp/peer/cleanrl \
      LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
      /usr/bin/python3 "$ROOT/scripts/peer_lpdm_torch.py" --peers "$PEERS" "$@" --scalars none \
      --summary-json "$OUT/$name-r$r.json" ppo.py --seed 1 --env-id CartPole-v1 --total-timesteps 100000 --no-cuda \
      > "$OUT/$name-r$r.log" 2>&1 ) || log "peer $name failed (see $OUT/$name-r$r.log)"
}
ours() { # name, round, then lpdm options
  local name=$1 r=$2
  shift 2
  echo "$name r$r $(after bench throughput --env CartPole-v1 --algo ppo --steps 100000 --repeat 3 --json "$@")" >> "$OUT/ours.txt"
}
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
PARTS="${PARTS:-e2e,step}"
TORCH_ENV=(env PYTHONPATH=/tmp/peer/gymsrc:/tmp/peer/stubs LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp)
if [[ ",$PARTS," == *,step,* ]]; then
  log "update step, thread CPU time: ours and PyTorch's, $ROUNDS rounds"
  for r in $(seq 1 "$ROUNDS"); do
    echo "== round $r ours" >> "$OUT/step.txt"
    java "${VEC[@]}" -cp lpdm-bench/target/benchmarks.jar lpdm.bench.UpdateStepCpuTime A,B bp,lpdm,lpdm-matrix,lpdm-sampled16,frozen 15 2>/dev/null >> "$OUT/step.txt"
    echo "== round $r torch" >> "$OUT/step.txt"
    "${TORCH_ENV[@]}" /usr/bin/python3 scripts/peer_lpdm_step.py --shapes A,B --rules bp,lpdm,lpdm-sampled16,frozen --repeats 15 \
        2>&1 | grep -v '^RESULT' >> "$OUT/step.txt"
  done
  cat "$OUT/step.txt" | tee -a "$OUT/log.txt"
fi
[[ ",$PARTS," == *,e2e,* ]] || { log "done: $OUT"; exit 0; }
for r in $(seq 1 "$ROUNDS"); do
  log "round $r"
  peer torch-bp "$r" --rule bp
  ours bp "$r" --learner bp
  ours bp-threads2 "$r" --learner bp --set run.threads=2
  peer torch-lpdm "$r" --rule lpdm
  ours lpdm "$r" --learner lpdm
  ours lpdm-threads1 "$r" --learner lpdm --set run.threads=1
  ours lpdm-plain "$r" --learner lpdm --set lpdm.preset=plain
  ours lpdm-matrix "$r" --learner lpdm --set lpdm.gradient_form=matrix
  ours lpdm-matrix-threads1 "$r" --learner lpdm --set lpdm.gradient_form=matrix --set run.threads=1
  peer torch-lpdm-sampled16 "$r" --rule lpdm --pairs sampled:16
  ours lpdm-sampled16 "$r" --learner lpdm --set lpdm.pairs=sampled:16
  ours lpdm-sampled16-threads1 "$r" --learner lpdm --set lpdm.pairs=sampled:16 --set run.threads=1
  peer torch-frozen "$r" --rule frozen
  ours frozen "$r" --learner frozen
done
log "table: steps per second (peers: 100k / wall of the script; ours: runs[0] cold, runs[2] warm)"
python3 - "$OUT" <<'PY' | tee -a "$OUT/log.txt"
import glob, json, os, sys
out = sys.argv[1]
rows = {}
for f in sorted(glob.glob(os.path.join(out, "torch-*-r*.json"))):
    name, r = os.path.basename(f)[:-5].rsplit("-r", 1)
    s = json.load(open(f))["summary"]
    rows.setdefault(name, []).append(f"{s['sps_total_timesteps_over_wall']:.0f}")
for line in open(os.path.join(out, "ours.txt")):
    name, r, js = line.split(" ", 2)
    d = json.loads(js)
    runs = d["runs"]
    rows.setdefault(name, []).append(f"{runs[0]['steps_per_second']:.0f}/{runs[-1]['steps_per_second']:.0f}")
for name, v in rows.items():
    print(f"{name:24s} " + "  ".join(v))
PY
log "done: $OUT"
