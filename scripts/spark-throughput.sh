#!/usr/bin/env bash
# Study throughput (docs/lab.md, "Throughput"): one study of SEEDS runs of PPO CartPole-v1 with
# back-propagation, 100k steps each, run three ways on this machine, one after the other:
#   1. lpdm compare --jobs 2              (one JVM, two worker threads)
#   2. two shards side by side            (two JVMs, --shard 1/2 and 2/2, --jobs 1 each, then gather)
#   3. the Spark job on local[2]          (one JVM, two task slots)
# and prints each one's wall time and runs per hour. The three studies must be equal (checked).
#
# With CLEANRL_RUNS=N (a multiple of 4) it also runs N processes of CleanRL's ppo.py (CartPole-v1,
# 100k steps, seeds 1..N) two at a time, in four blocks of N/4 interleaved with the three ways
# (CleanRL, compare, CleanRL, shards, CleanRL, Spark, CleanRL), so that all see the same machine,
# and prints CleanRL's runs per hour and each way's ratio to it. It needs the peer set up under
# /tmp/peer (docs/performance.md, "How the peers were measured"); PEERS is the directory of
# run_cleanrl_ppo.py (default scripts/peers). CLEANRL_DEADLINE=HH:MM (UTC): no CleanRL run starts
# after it (the count is printed). Every phase logs the load average at its start and end.
#
# Usage: [CLEANRL_RUNS=100] [CLEANRL_DEADLINE=22:00] scripts/spark-throughput.sh [SEEDS] [WORK_DIR]
#   (needs: mvn -Pspark -pl lpdm-spark -am package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-100}"
WORK="${2:-/tmp/lpdm-throughput}"
CLEANRL_RUNS="${CLEANRL_RUNS:-0}"
PEERS="$(cd "${PEERS:-$ROOT/scripts/peers}" && pwd)"
DEADLINE=$(date -u -d "${CLEANRL_DEADLINE:-23:59}" +%s)
if (( CLEANRL_RUNS % 4 != 0 )); then echo "spark-throughput.sh: CLEANRL_RUNS must be a multiple of 4, got $CLEANRL_RUNS" >&2; exit 2; fi
source "$ROOT/scripts/throughput-common.sh" # WORK/study.yaml, the build, log
mkdir -p "$WORK/cleanrl"
now() { date +%s.%N; }
# One CleanRL run (seed $1): the process's wall time goes to seedS.time, its summary to seedS.json.
cleanrl_one() {
  local s=$1
  (( $(date +%s) < DEADLINE )) || { echo "$s" >> "$WORK/cleanrl/skipped"; return 0; }
  ( cd "$WORK/cleanrl" && PYTHONPATH=/tmp/peer/gymsrc:/tmp/peer/stubs CLEANRL_DIR=/tmp/peer/cleanrl \
      LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
      /usr/bin/time -f %e -o "seed$s.time" /usr/bin/python3 "$PEERS/run_cleanrl_ppo.py" --scalars none \
      --summary-json "seed$s.json" ppo.py --seed "$s" --env-id CartPole-v1 --total-timesteps 100000 --no-cuda >"seed$s.log" 2>&1 )
}
export -f cleanrl_one; export WORK PEERS DEADLINE
CLEANRL_SECONDS=0
cleanrl_block() { # block number 1..4: seeds of that quarter, two processes at a time
  (( CLEANRL_RUNS > 0 )) || return 0
  local q=$((CLEANRL_RUNS / 4)) b=$1 t
  log "CleanRL block $b start"
  t=$(now)
  seq $(( (b - 1) * q + 1 )) $(( b * q )) | xargs -P 2 -I{} bash -c 'cleanrl_one {}' || log "CleanRL block $b: a run failed (see $WORK/cleanrl/seed*.log)"
  CLEANRL_SECONDS=$(echo "$CLEANRL_SECONDS + $(now) - $t" | bc)
  log "CleanRL block $b end"
}
rate() { python3 -c "import sys; s=float(sys.argv[2]); print(f'{sys.argv[1]:<28} {s:8.1f} s  {int(sys.argv[3])*3600/s:8.0f} runs/hour')" "$@"; }

cleanrl_block 1
log "compare --jobs 2 start"
t0=$(now)
"$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/jobs2" --jobs 2 --quiet >"$WORK/jobs2.log" 2>&1
t1=$(now)
log "compare --jobs 2 end"
cleanrl_block 2
log "shards start"
t2=$(now)
"$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/shards" --shard 1/2 --jobs 1 --quiet >"$WORK/shard1.log" 2>&1 &
p1=$!
"$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/shards" --shard 2/2 --jobs 1 --quiet >"$WORK/shard2.log" 2>&1 &
p2=$!
wait $p1; wait $p2
"$ROOT/lpdm" gather "$WORK/shards" --out "$WORK/shards" >"$WORK/gather.log" 2>&1
t3=$(now)
log "shards end"
cleanrl_block 3
log "Spark start"
t4=$(now)
java --add-modules jdk.incubator.vector -Dlpdm.home="$ROOT" -jar "$ROOT/lpdm-spark/target/lpdm-spark.jar" --study "$WORK/study.yaml" \
  --out "$WORK/spark" --master 'local[2]' >"$WORK/spark.log" 2>&1
t5=$(now)
log "Spark end"
cleanrl_block 4
echo "$SEEDS runs of PPO CartPole-v1 (bp, 100k steps) on $(nproc) cores:"
rate "compare --jobs 2" "$(echo "$t1 - $t0" | bc)" "$SEEDS"
rate "2 shards side by side+gather" "$(echo "$t3 - $t2" | bc)" "$SEEDS"
rate "Spark local[2]" "$(echo "$t5 - $t4" | bc)" "$SEEDS"
grep -h "^lpdm-spark: .* runs in\|^lpdm-spark: overhead" "$WORK/spark.log" || true
python3 - "$WORK" "$CLEANRL_SECONDS" "$t0 $t1 $t2 $t3 $t4 $t5" <<'PY'
import hashlib, json, pathlib, statistics, sys
w = pathlib.Path(sys.argv[1])
cleanrl_s = float(sys.argv[2])
t = [float(x) for x in sys.argv[3].split()]
def digest(d):
    return {p.relative_to(d): hashlib.sha256(p.read_bytes()).hexdigest() for p in (d / "runs").glob("*/*/seed*/checkpoint/state.bin")}
a, b, c = digest(w / "jobs2"), digest(w / "shards"), digest(w / "spark")
print(f"checkpoints: {len(a)} runs; shards {'identical' if a == b else 'DIFFERENT'}, spark {'identical' if a == c else 'DIFFERENT'}")
ways = {"compare --jobs 2": ("jobs2", t[1] - t[0]), "2 shards": ("shards", t[3] - t[2]), "Spark local[2]": ("spark", t[5] - t[4])}
for name, (d, secs) in ways.items():
    walls = [json.loads(p.read_text())["wall_seconds"] for p in (w / d / "runs").glob("*/*/seed*/summary.json")]
    print(f"{name:<18} mean run wall {statistics.mean(walls):6.2f} s (median {statistics.median(walls):.2f}); "
          f"slot utilisation {sum(walls) / (2 * secs):.2f}")
times = [float(p.read_text().split()[-1]) for p in (w / "cleanrl").glob("seed*.time")]
if times:
    done = len([p for p in (w / "cleanrl").glob("seed*.json")])
    rate = done * 3600 / cleanrl_s
    print(f"CleanRL ppo.py: {done} runs completed in {cleanrl_s:.1f} s of its blocks: {rate:.0f} runs/hour; "
          f"mean process wall {statistics.mean(times):.2f} s (median {statistics.median(times):.2f}); "
          f"slot utilisation {sum(times) / (2 * cleanrl_s):.2f}")
    skipped = w / "cleanrl" / "skipped"
    if skipped.exists():
        print(f"CleanRL: {len(skipped.read_text().split())} runs not started (deadline)")
    for name, (d, secs) in ways.items():
        n = len(a)
        print(f"ratio {name:<18} {n * 3600 / secs / rate:5.2f}x CleanRL's runs/hour (both on the same 2 cores)")
PY
