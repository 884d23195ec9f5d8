#!/usr/bin/env bash
# Spark standalone check (docs/lab.md, "Studies on a cluster"): starts a Spark standalone master and
# two workers on 127.0.0.1 from the Spark jars Maven put in lpdm-spark/target/lib (Maven Central
# only: no Spark distribution is downloaded), submits a study with Spark's own SparkSubmit, kills
# one worker and its executor (kill -9) once the study is under way, waits for the study to
# complete, and checks that it equals the same study run by `lpdm compare` (every run's
# checkpoint, episodes.csv and config.json byte for byte; results.json's numbers).
# Usage: scripts/spark-standalone-check.sh [WORK_DIR]   (exit 0: identical; 1: different or failed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-/tmp/lpdm-spark-check}"
LIB="$ROOT/lpdm-spark/target/lib"
JOB="$ROOT/lpdm-spark/target/lpdm-spark-job.jar"
if [ ! -f "$JOB" ] || [ ! -d "$LIB" ]; then
  echo "building lpdm-spark (mvn -Pspark -pl lpdm-spark -am package -DskipTests) ..."
  (cd "$ROOT" && mvn -B -q -Pspark -pl lpdm-spark -am package -DskipTests)
fi
rm -rf "$WORK"; mkdir -p "$WORK"

# A Spark "home" whose jars/ are the Maven jars (lpdm's own jars left out: the job jar carries them).
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$WORK/logs"
mkdir -p "$SPARK_HOME/jars" "$SPARK_LOG_DIR"
for j in "$LIB"/*.jar; do
  case "$(basename "$j")" in lpdm-*) ;; *) ln -s "$j" "$SPARK_HOME/jars/" ;; esac
done
# What Spark's launcher gives its JVMs on Java 17 (org.apache.spark.launcher.JavaModuleOptions).
OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
OPENS="$OPENS -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true -Djava.awt.headless=true"
CP="$SPARK_HOME/jars/*"
PORT=$(( 20000 + $$ % 20000 ))
MASTER="spark://127.0.0.1:$PORT"

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

java $OPENS -Xmx512m -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  >"$SPARK_LOG_DIR/master.log" 2>&1 &
PIDS+=($!)
for w in 1 2; do
  mkdir -p "$WORK/worker$w"
  java $OPENS -Xmx512m -cp "$CP" org.apache.spark.deploy.worker.Worker "$MASTER" --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port 0 --work-dir "$WORK/worker$w" >"$SPARK_LOG_DIR/worker$w.log" 2>&1 &
  PIDS+=($!)
done
WORKER2=${PIDS[2]}
for _ in $(seq 120); do
  [ "$(grep -c 'Successfully registered with master' "$SPARK_LOG_DIR"/worker*.log 2>/dev/null | awk -F: '{s+=$2} END {print s}')" = 2 ] && break
  sleep 1
done
echo "master $MASTER and 2 workers (1 core, 1 GB each) up"

# 8 runs of about 20 s each on one core: the kill lands while runs are in progress.
cat >"$WORK/study.yaml" <<'YAML'
envs: [CartPole-v1]
algo: ppo
steps: 30000
seeds: 4
set: {run.checkpoint_every: 1}
variants:
  bp: {learner: bp}
  lpdm: {learner: lpdm}
YAML

START=$(date +%s)
java $OPENS -Xmx1g -Dlpdm.home="$ROOT" -cp "$CP" org.apache.spark.deploy.SparkSubmit --master "$MASTER" --class lpdm.spark.SparkStudy \
  --conf spark.executor.memory=768m --conf spark.task.maxFailures=4 \
  --conf "spark.executor.extraJavaOptions=-Djava.awt.headless=true" \
  "$JOB" --study "$WORK/study.yaml" --out "$WORK/spark-out" --bootstrap 200 >"$WORK/driver.log" 2>&1 &
DRIVER=$!
PIDS+=($DRIVER)

# Kill worker 2 and its executor once two runs have a checkpoint and the study is not done.
killed=no
for _ in $(seq 600); do
  n=$( (find "$WORK/spark-out/runs" -name state.bin 2>/dev/null || true) | wc -l)
  if [ "$n" -ge 2 ]; then
    for c in $(ps -o pid= --ppid "$WORKER2" 2>/dev/null); do kill -9 "$c" 2>/dev/null || true; done
    kill -9 "$WORKER2"
    killed=yes
    echo "killed worker 2 (pid $WORKER2) and its executor at $(( $(date +%s) - START )) s, $n runs checkpointed, study not done"
    break
  fi
  kill -0 "$DRIVER" 2>/dev/null || break
  sleep 1
done
set +e
wait "$DRIVER"; rc=$?
set -e
echo "driver exit code $rc after $(( $(date +%s) - START )) s; kill happened: $killed"
grep -E "^lpdm-spark|^  CartPole" "$WORK/driver.log" || tail -30 "$WORK/driver.log"
grep -E "Lost task|Removing executor|ExecutorLost|lost worker" "$WORK/driver.log" "$SPARK_LOG_DIR/master.log" | head -5 || true
[ "$rc" = 0 ] || { echo "FAIL: the Spark study did not complete"; exit 1; }

echo "reference: lpdm compare --study study.yaml --jobs 2 ..."
"$ROOT/lpdm" compare --study "$WORK/study.yaml" --out "$WORK/compare-out" --jobs 2 --bootstrap 200 --quiet >"$WORK/compare.log" 2>&1
python3 - "$WORK/spark-out" "$WORK/compare-out" <<'PY'
import hashlib, json, pathlib, sys
a, b = map(pathlib.Path, sys.argv[1:])
TIMING = {"wall_seconds", "steps_per_second", "peak_heap_bytes", "wall_seconds_mean", "steps_per_second_mean",
          "peak_heap_bytes_max", "directory", "reproduce"}
def strip(x):
    if isinstance(x, dict): return {k: strip(v) for k, v in x.items() if k not in TIMING}
    if isinstance(x, list): return [strip(v) for v in x]
    return x
bad = 0
runs = sorted(p.relative_to(b) for p in (b / "runs").glob("*/*/seed*"))
for r in runs:
    for f in ("checkpoint/state.bin", "episodes.csv", "config.json"):
        ha = hashlib.sha256((a / r / f).read_bytes()).hexdigest()
        hb = hashlib.sha256((b / r / f).read_bytes()).hexdigest()
        if ha != hb: bad += 1; print("DIFFERENT", r, f)
same_json = strip(json.loads((a / "results.json").read_text())) == strip(json.loads((b / "results.json").read_text()))
print(f"{len(runs)} runs: checkpoint, episodes.csv and config.json {'identical' if bad == 0 else 'DIFFERENT'}; "
      f"results.json numbers {'identical' if same_json else 'DIFFERENT'}")
sys.exit(0 if bad == 0 and same_json else 1)
PY
