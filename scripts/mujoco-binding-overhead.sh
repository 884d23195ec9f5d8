#!/usr/bin/env bash
# The MuJoCo binding's overhead (docs/mujoco.md): the same env-step loop in C (MuJoCo alone) and in
# Java through the JNI binding, on each shipped model with its task's frame_skip, alternating three
# times. Needs libmujoco-dev and gcc, and a build of lpdm (./lpdm builds it).
# Usage: scripts/mujoco-binding-overhead.sh [ENV_STEPS]   (default 20000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEPS=${1:-20000}
BIN=$(mktemp -d)
trap 'rm -rf "$BIN"' EXIT
gcc -O2 -o "$BIN/step_loop" "$ROOT/lpdm-envs-mujoco/src/test/native/step_loop.c" -lmujoco
ASSETS="$ROOT/lpdm-envs-mujoco/src/main/resources/lpdm/envs/mujoco/assets"
CP="$ROOT/lpdm-envs-mujoco/target/classes:$ROOT/lpdm-envs/target/classes:$ROOT/lpdm-base/target/classes"
[ -f "$ROOT/lpdm-envs-mujoco/target/classes/lpdm/envs/mujoco/native/liblpdm_mujoco.so" ] \
  || { echo "build lpdm first (./lpdm envs), with libmujoco-dev installed" >&2; exit 1; }
for task in inverted_pendulum:2 inverted_double_pendulum:5 half_cheetah:5 hopper:4 walker2d_v5:4; do
  model=${task%%:*}
  skip=${task##*:}
  for round in 1 2 3; do
    "$BIN/step_loop" "$ASSETS/$model.xml" "$skip" "$STEPS" | sed "s|$ASSETS/||; s|\$| [C]|"
    java -cp "$CP" lpdm.envs.mujoco.MujocoStepLoop "$model.xml" "$skip" "$STEPS"
  done
done
