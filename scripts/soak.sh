#!/usr/bin/env bash
# Soak test of long runs (not part of mvn verify; docs/soak.md has its last result).
#
# For each of CartPole-v1 (CARTPOLE_STEPS, default 20M) and LunarLander-v3 (LUNAR_STEPS, default
# 5M), PPO with LEARNER (default bp):
#   A  one uninterrupted run, watched: wall and CPU seconds per 1M steps, used heap after a full GC
#      at every tenth of the budget, file sizes at the end;
#   B  the same run killed with kill -9 at KILLS (default 3) random moments and resumed each time.
# Checks: the last 1M steps take at most 10% more wall time than the first 1M (and CPU time, which
# other processes on a shared machine disturb less), the heap after GC stays within 10% (+16 MB)
# of its first sample, progress.csv has one row per update and episodes.csv one per episode, and
# B ends byte-identical to A (checkpoint, episodes.csv, progress.csv without its timing columns).
#
# Usage: scripts/soak.sh [OUT_DIR]      (default /tmp/lpdm-soak; prints a summary, exit 1 if a check fails)
# Environment: CARTPOLE_STEPS, LUNAR_STEPS, KILLS, LEARNER, SOAK_SEED (kill moments), PARALLEL=1 (run
#   A and B at the same time: faster on an idle machine, noisier timings), LPDM (command to run lpdm,
#   default ./lpdm; e.g. "java --add-modules jdk.incubator.vector -jar copy/lpdm-cli.jar" so that a
#   rebuild during the soak does not change the code under test).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-/tmp/lpdm-soak}"
CARTPOLE_STEPS="${CARTPOLE_STEPS:-20000000}"
LUNAR_STEPS="${LUNAR_STEPS:-5000000}"
KILLS="${KILLS:-3}"
LEARNER="${LEARNER:-bp}"
SOAK_SEED="${SOAK_SEED:-$RANDOM}"
PARALLEL="${PARALLEL:-0}"
read -r -a LPDM <<< "${LPDM:-$ROOT/lpdm}"
mkdir -p "$OUT"
LOG="$OUT/soak.log"
echo "soak $(date -u +%FT%TZ): CartPole-v1 $CARTPOLE_STEPS, LunarLander-v3 $LUNAR_STEPS steps, ppo/$LEARNER," \
     "$KILLS kills (SOAK_SEED=$SOAK_SEED), parallel=$PARALLEL, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$LOG"

steps_of() { # total_steps recorded in a run directory's summary.json (0 if none yet)
  python3 -c 'import json,sys
try: print(json.load(open(sys.argv[1]))["total_steps"])
except Exception: print(0)' "$1/summary.json"
}

watch_a() { # name, steps, train args...: the uninterrupted run with heap and CPU samples
  local name="$1" steps="$2"; shift 2
  local dir="$OUT/$name-A"
  rm -rf "$dir"
  "${LPDM[@]}" train --quiet --out "$dir" --steps "$steps" "$@" > "$OUT/$name-A.out" 2>&1 &
  local pid=$! next_heap=$((steps / 10)) next_cpu=1
  : > "$OUT/$name-A.heap"; : > "$OUT/$name-A.cpu"
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    local s; s=$(steps_of "$dir")
    if [ "$s" -ge "$next_cpu" ] && [ -r "/proc/$pid/stat" ]; then
      # utime + stime in clock ticks, at the first checkpoint and then at the first poll after each 1M steps
      echo "$s $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)" >> "$OUT/$name-A.cpu"
      next_cpu=$(( (s / 1000000 + 1) * 1000000 ))
    fi
    if [ "$s" -ge "$next_heap" ]; then
      if jcmd "$pid" GC.run > /dev/null 2>&1; then
        # (the run may end between the two calls: no sample then, and no failure)
        local used; used=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9 || true)
        [ -n "$used" ] && echo "$s $used" >> "$OUT/$name-A.heap"
      fi
      next_heap=$(( (s * 10 / steps + 1) * steps / 10 ))
    fi
  done
  wait "$pid"
}

killed_b() { # name, steps, train args...: the run killed KILLS times and resumed
  local name="$1" steps="$2"; shift 2
  local dir="$OUT/$name-B"
  rm -rf "$dir"
  local targets
  targets=$(python3 -c 'import random,sys
r = random.Random(int(sys.argv[1]) * 7919 + len(sys.argv[2]))
print(" ".join(str(int(x)) for x in sorted(r.uniform(0.05, 0.95) * int(sys.argv[3]) for _ in range(int(sys.argv[4])))))' \
    "$SOAK_SEED" "$name" "$steps" "$KILLS")
  echo "$name B: kill -9 after steps $targets (plus 0-2 s)" | tee -a "$LOG"
  local first=1
  for t in $targets; do
    if [ "$first" = 1 ]; then
      "${LPDM[@]}" train --quiet --out "$dir" --steps "$steps" "$@" >> "$OUT/$name-B.out" 2>&1 &
      first=0
    else
      "${LPDM[@]}" train --quiet --resume "$dir" >> "$OUT/$name-B.out" 2>&1 &
    fi
    local pid=$! s0; s0=$(steps_of "$dir")
    # the target, and at least one checkpoint of this process (a target already passed kills it then)
    while kill -0 "$pid" 2>/dev/null && { [ "$(steps_of "$dir")" -lt "$t" ] || [ "$(steps_of "$dir")" -le "$s0" ]; }; do
      sleep 0.5
    done
    sleep "$(python3 -c 'import random; print(round(random.uniform(0, 2), 2))')"
    if kill -9 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      echo "$name B: killed at step $(steps_of "$dir") (target $t)" | tee -a "$LOG"
    else
      wait "$pid" 2>/dev/null || true
      echo "$name B: finished before target $t" | tee -a "$LOG"
    fi
  done
  "${LPDM[@]}" train --quiet --resume "$dir" >> "$OUT/$name-B.out" 2>&1
}

one_env() { # name, steps, train args...
  local name="$1" steps="$2"; shift 2
  local t0; t0=$(date +%s)
  if [ "$PARALLEL" = 1 ]; then
    watch_a "$name" "$steps" "$@" & local a=$!
    killed_b "$name" "$steps" "$@"
    wait "$a"
  else
    watch_a "$name" "$steps" "$@"
    killed_b "$name" "$steps" "$@"
  fi
  echo "$name: A and B done in $(( $(date +%s) - t0 )) s" | tee -a "$LOG"
}

one_env cartpole "$CARTPOLE_STEPS" --env CartPole-v1 --algo ppo --learner "$LEARNER" --seed 11
one_env lunar "$LUNAR_STEPS" --env LunarLander-v3 --algo ppo --learner "$LEARNER" --seed 12

python3 - "$OUT" "$(getconf CLK_TCK)" <<'PY' | tee -a "$LOG"
import csv, hashlib, json, os, sys
out, tck = sys.argv[1], int(sys.argv[2])
ok = True
def check(cond, what):
    global ok
    ok &= bool(cond)
    print(("  ok    " if cond else "  FAIL  ") + what)
def progress_rows(path):
    rows = list(csv.reader(open(path)))
    drop = {i for i, h in enumerate(rows[0]) if h in ("wall_seconds", "steps_per_second")}
    return rows, [[c for i, c in enumerate(r) if i not in drop] for r in rows]
for name in ("cartpole", "lunar"):
    a, b = f"{out}/{name}-A", f"{out}/{name}-B"
    s = json.load(open(f"{a}/summary.json"))
    cfg = json.load(open(f"{a}/config.json"))["settings"]
    batch = int(cfg["ppo.num_envs"]) * int(cfg["ppo.num_steps"])
    rows, stripped = progress_rows(f"{a}/progress.csv")
    print(f"{name}: {s['total_steps']} steps, {s['episodes']} episodes, final_mean_return {s['final_mean_return']}, "
          f"{s['wall_seconds']:.0f} s wall, completed {s['completed']}")
    # wall seconds per 1M steps from progress.csv (row at which each 1M boundary is crossed)
    step_i, wall_i = rows[0].index("global_step"), rows[0].index("wall_seconds")
    marks, nxt = [(0, 0.0)], 1_000_000
    for r in rows[1:]:
        if int(r[step_i]) >= nxt:
            marks.append((int(r[step_i]), float(r[wall_i])))
            nxt = (int(r[step_i]) // 1_000_000 + 1) * 1_000_000
    per = [(marks[i][1] - marks[i - 1][1]) / (marks[i][0] - marks[i - 1][0]) * 1e6 for i in range(1, len(marks))]
    print("  wall s per 1M steps: " + " ".join(f"{p:.1f}" for p in per))
    if len(per) >= 2:
        check(per[-1] <= 1.10 * per[0], f"last 1M steps {per[-1]:.1f} s vs first {per[0]:.1f} s wall (limit +10%)")
    cpu = [c for c in (tuple(map(int, l.split())) for l in open(f"{a}/../{name}-A.cpu")) if c[1] > 0]
    cper = [(cpu[i][1] - cpu[i - 1][1]) / tck / (cpu[i][0] - cpu[i - 1][0]) * 1e6 for i in range(1, len(cpu))]
    print("  CPU s per 1M steps: " + " ".join(f"{p:.1f}" for p in cper))
    if len(cper) >= 2:
        check(cper[-1] <= 1.10 * cper[0], f"last 1M steps {cper[-1]:.1f} s vs first {cper[0]:.1f} s CPU (limit +10%)")
    heap = [tuple(map(int, l.split())) for l in open(f"{a}/../{name}-A.heap")]
    print("  heap used after full GC (MB) at step: " + " ".join(f"{st}:{kb / 1024:.0f}" for st, kb in heap))
    if len(heap) >= 2:
        check(heap[-1][1] <= 1.10 * heap[0][1] + 16 * 1024, f"heap flat: {heap[0][1] / 1024:.0f} MB -> {heap[-1][1] / 1024:.0f} MB")
    updates = -(-s["total_steps"] // batch)
    check(len(rows) - 1 == updates, f"progress.csv: {len(rows) - 1} rows for {updates} updates, "
          f"{os.path.getsize(a + '/progress.csv') / 1e6:.2f} MB")
    eps = sum(1 for _ in open(f"{a}/episodes.csv")) - 1
    check(eps == s["episodes"], f"episodes.csv: {eps} rows for {s['episodes']} episodes, "
          f"{os.path.getsize(a + '/episodes.csv') / 1e6:.2f} MB")
    print(f"  checkpoint/state.bin {os.path.getsize(a + '/checkpoint/state.bin')} bytes, curve.png "
          f"{os.path.getsize(a + '/curve.png')} bytes")
    sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
    check(sha(f"{a}/checkpoint/state.bin") == sha(f"{b}/checkpoint/state.bin"), "B's checkpoint/state.bin identical to A's")
    check(sha(f"{a}/episodes.csv") == sha(f"{b}/episodes.csv"), "B's episodes.csv identical to A's")
    check(stripped == progress_rows(f"{b}/progress.csv")[1], "B's progress.csv identical to A's (without timing columns)")
    sb = json.load(open(f"{b}/summary.json"))
    same = {k: s[k] for k in s if k not in ("wall_seconds", "steps_per_second", "peak_heap_bytes")} == \
           {k: sb[k] for k in sb if k not in ("wall_seconds", "steps_per_second", "peak_heap_bytes")}
    check(same and sb["completed"], "B's summary.json equal to A's (without timings), completed")
print("soak: " + ("all checks passed" if ok else "SOME CHECKS FAILED"))
sys.exit(0 if ok else 1)
PY
