#!/usr/bin/env bash
# Study throughput (docs/lab.md, "Studies on a cluster"): one study of SEEDS runs of PPO CartPole-v1
# with back-propagation, 100k steps each, run three ways on this machine, one after the other:
#   1. lpdm compare --jobs 2              (one JVM, two worker threads)
#   2. two shards side by side            (two JVMs, --shard 1/2 and 2/2, --jobs 1 each, then gather)
#   3. the Spark job on local[2]          (one JVM, two task slots)
# and prints each one's wall time and runs per hour. The three studies must be equal (checked).
# Usage: scripts/spark-throughput.sh [SEEDS] [WORK_DIR]   (needs: mvn -Pspark -pl lpdm-spark -am package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-100}"
WORK="${2:-/tmp/lpdm-throughput}"
rm -rf "$WORK"; mkdir -p "$WORK"
cat >"$WORK/study.yaml" <<YAML
envs: [CartPole-v1]
algo: ppo
steps: 100000
seeds: $SEEDS
variants:
  bp: {learner: bp}
YAML
"$ROOT/lpdm" envs >/dev/null 2>&1 # build first, outside the timings
now() { date +%s.%N; }
rate() { python3 -c "import sys; s=float(sys.argv[2]); print(f'{sys.argv[1]:<28} {s:8.1f} s  {int(sys.argv[3])*3600/s:8.0f} runs/hour')" "$@"; }

t0=$(now)
"$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/jobs2" --jobs 2 --quiet >"$WORK/jobs2.log" 2>&1
t1=$(now)
"$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/shards" --shard 1/2 --jobs 1 --quiet >"$WORK/shard1.log" 2>&1 &
p1=$!
"$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/shards" --shard 2/2 --jobs 1 --quiet >"$WORK/shard2.log" 2>&1 &
p2=$!
wait $p1; wait $p2
"$ROOT/lpdm" gather "$WORK/shards" --out "$WORK/shards" >"$WORK/gather.log" 2>&1
t2=$(now)
java --add-modules jdk.incubator.vector -Dlpdm.home="$ROOT" -jar "$ROOT/lpdm-spark/target/lpdm-spark.jar" --study "$WORK/study.yaml" \
  --out "$WORK/spark" --master 'local[2]' >"$WORK/spark.log" 2>&1
t3=$(now)
echo "$SEEDS runs of PPO CartPole-v1 (bp, 100k steps) on $(nproc) cores:"
rate "compare --jobs 2" "$(echo "$t1 - $t0" | bc)" "$SEEDS"
rate "2 shards side by side+gather" "$(echo "$t2 - $t1" | bc)" "$SEEDS"
rate "Spark local[2]" "$(echo "$t3 - $t2" | bc)" "$SEEDS"
grep -h "^lpdm-spark: .* runs in" "$WORK/spark.log" || true
python3 - "$WORK" <<'PY'
import hashlib, pathlib, sys
w = pathlib.Path(sys.argv[1])
def digest(d):
    return {p.relative_to(d): hashlib.sha256(p.read_bytes()).hexdigest() for p in (d / "runs").glob("*/*/seed*/checkpoint/state.bin")}
a, b, c = digest(w / "jobs2"), digest(w / "shards"), digest(w / "spark")
print(f"checkpoints: {len(a)} runs; shards {'identical' if a == b else 'DIFFERENT'}, spark {'identical' if a == c else 'DIFFERENT'}")
PY
