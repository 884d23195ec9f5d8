# Shared start of the before/after measurement scripts (perf-compare.sh, perf-session4.sh); sourced,
# not run. Expects: BEFORE_DIR as $1 (may be empty when a script compares no older build), OUT_DIR as
# $2 (optional), PERF_NAME (default output name).
# Defines ROOT, BEFORE, OUT (created), log, VEC (the Vector API flag), after (this checkout's CLI)
# and leaves the shell in ROOT. Each script defines its own `before` (older builds differ).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEFORE="${1:+$(cd "$1" && pwd)}"
OUT="${2:-/tmp/lpdm-${PERF_NAME}-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
cd "$ROOT"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/log.txt"; }
VEC=(--add-modules jdk.incubator.vector)
after() { java "${VEC[@]}" -Dlpdm.home="$ROOT" -Djava.awt.headless=true -jar lpdm-cli/target/lpdm-cli.jar "$@" 2>/dev/null; }
