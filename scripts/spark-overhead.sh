#!/usr/bin/env bash
# Spark's cost per task (docs/lab.md, "Throughput"), measured two ways on one study of SEEDS runs of
# PPO CartPole-v1 (bp, 100k steps), in ROUNDS rounds of the order compare, Spark, Spark, compare
# (so that a drift in the machine's load affects both alike):
#   - lpdm compare --jobs 2 (one warm JVM, two worker threads) against the Spark job on local[2]
#     (one warm executor, two task slots): elapsed time and the runs' mean wall_seconds;
#   - the Spark job's own line "lpdm-spark: overhead per task ...": the slot time between runs,
#     from the clock times every task records around its run (lpdm.spark.TaskOverhead).
# Every phase logs the load average at its start and end.
# Usage: scripts/spark-overhead.sh [SEEDS] [ROUNDS] [WORK_DIR]   (needs: mvn -Pspark -pl lpdm-spark -am package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-40}"
ROUNDS="${2:-2}"
WORK="${3:-/tmp/lpdm-spark-overhead}"
source "$ROOT/scripts/throughput-common.sh" # WORK/study.yaml, the build, log
phase() { # name dir: runs one way into WORK/dir, appends "name dir seconds" to WORK/times
  local name=$1 dir=$2 t0 t1
  log "$name $dir start"
  t0=$(date +%s.%N)
  if [[ $name == compare ]]; then
    "$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/$dir" --jobs 2 --quiet >"$WORK/$dir.log" 2>&1
  else
    java --add-modules jdk.incubator.vector -Dlpdm.home="$ROOT" -jar "$ROOT/lpdm-spark/target/lpdm-spark.jar" \
      --study "$WORK/study.yaml" --out "$WORK/$dir" --master 'local[2]' >"$WORK/$dir.log" 2>&1
  fi
  t1=$(date +%s.%N)
  echo "$name $dir $(echo "$t1 - $t0" | bc)" >> "$WORK/times"
  log "$name $dir end"
}
for r in $(seq 1 "$ROUNDS"); do
  phase compare "c$r-a"; phase spark "s$r-a"; phase spark "s$r-b"; phase compare "c$r-b"
done
python3 - "$WORK" <<'PY'
import json, pathlib, re, statistics, sys
w = pathlib.Path(sys.argv[1])
rows = {"compare": [], "spark": []}
print(f"{'phase':<10} {'elapsed s':>9} {'mean run wall s':>15}  Spark's own figures")
for line in (w / "times").read_text().split("\n"):
    if not line:
        continue
    name, d, secs = line.split()
    walls = [json.loads(p.read_text())["wall_seconds"] for p in (w / d / "runs").glob("*/*/seed*/summary.json")]
    own = ""
    if name == "spark":
        m = re.search(r"^lpdm-spark: overhead per task .*$", (w / f"{d}.log").read_text(), re.M)
        own = m.group(0).replace("lpdm-spark: ", "") if m else "(no overhead line)"
    rows[name].append((float(secs), statistics.mean(walls)))
    print(f"{d:<10} {float(secs):9.1f} {statistics.mean(walls):15.3f}  {own}")
for name, r in rows.items():
    print(f"{name:<8} mean elapsed {statistics.mean(x[0] for x in r):7.1f} s, mean run wall {statistics.mean(x[1] for x in r):.3f} s")
c, s = rows["compare"], rows["spark"]
de = statistics.mean(x[0] for x in s) - statistics.mean(x[0] for x in c)
dw = statistics.mean(x[1] for x in s) / statistics.mean(x[1] for x in c) - 1
print(f"Spark minus compare: elapsed {de:+.1f} s per study; mean run wall {100 * dw:+.1f}%")
PY
