#!/usr/bin/env bash
# The JIT check of docs/performance.md (sessions 4-6): the Vector API kernels can lose their C2
# intrinsics once other vector code has run in the same JVM (the slow path of session 4: every
# learner measured after LPDM 1.2-3.7x slower). Only a mixed-order benchmark shows it, so run this
# after any change to vector code: it measures the update steps (thread CPU time, best of ROUNDS)
# in two JVMs, BP first and LPDM first, and compares each learner's figure across the two orders.
#
#   [JAVA_OPTS=...] scripts/jit-order-check.sh [ROUNDS] [LIMIT]      (ROUNDS default 10, LIMIT default 1.5)
#
# JAVA_OPTS go to both JVMs, e.g. JAVA_OPTS=-XX:UseAVX=2 for the 256-bit vectors of an AVX2 machine.
# Exit 0 if no learner is more than LIMIT times slower in one order than in the other, 1 otherwise.
# Needs a built checkout (mvn -B -o -q package -DskipTests). Timing, so not a unit test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-10}"
LIMIT="${2:-1.5}"
JAR="$ROOT/lpdm-bench/target/benchmarks.jar"
[ -f "$JAR" ] || { echo "no $JAR: build first (mvn -B -o -q package -DskipTests)" >&2; exit 2; }
step() { java --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -cp "$JAR" lpdm.bench.UpdateStepCpuTime A,B "$1" "$ROUNDS" 2>/dev/null; }
BP_FIRST="$(step bp,lpdm,lpdm-sampled16,lpdm-matrix,frozen)"
LPDM_FIRST="$(step lpdm,lpdm-sampled16,lpdm-matrix,bp,frozen)"
python3 - "$LIMIT" "$BP_FIRST" "$LPDM_FIRST" <<'PY'
import sys
limit = float(sys.argv[1])
def table(text):
    rows = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 4 and f[0] in ("A", "B"):
            rows[(f[0], f[1])] = float(f[2])
    return rows
a, b = table(sys.argv[2]), table(sys.argv[3])
if not a or a.keys() != b.keys():
    print("could not read both tables:\n" + sys.argv[2] + "\n" + sys.argv[3])
    sys.exit(2)
worst = 1.0
print(f"{'shape':5s} {'learner':16s} {'bp first (us)':>14s} {'lpdm first (us)':>16s} {'ratio':>6s}")
for key in a:
    r = max(a[key], b[key]) / min(a[key], b[key])
    worst = max(worst, r)
    print(f"{key[0]:5s} {key[1]:16s} {a[key]:14.1f} {b[key]:16.1f} {r:6.2f}{'  <-- slower in one order' if r > limit else ''}")
print(f"worst ratio {worst:.2f} (limit {limit})")
sys.exit(1 if worst > limit else 0)
PY
