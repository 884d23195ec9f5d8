#!/bin/sh
# Compiles the JNI binding (lpdm_mujoco.c) into OUT_DIR/liblpdm_mujoco.so during the Maven build.
# Without MuJoCo's headers (Debian package libmujoco-dev) or a C compiler, or when compiling fails,
# it says so, writes SKIPPED_MARKER with the reason and succeeds: the rest of lpdm builds and works
# without MuJoCo (the MuJoCo envs then name the reason; the MuJoCo tests fail under CI).
# Usage: build.sh SOURCE OUT_DIR JAVA_HOME SKIPPED_MARKER
set -eu
src=$1
out=$2
jdk=$3
marker=$4
# LPDM_MUJOCO_INCLUDE (default /usr/include) lets one try the build without MuJoCo's headers.
include=${LPDM_MUJOCO_INCLUDE:-/usr/include}
header=$include/mujoco/mujoco.h
mkdir -p "$out" "$(dirname "$marker")"
rm -f "$out/liblpdm_mujoco.so" "$marker"
cc=$(command -v cc || command -v gcc || true)
why=
if [ ! -f "$header" ]; then
  why="MuJoCo's headers ($header) were missing"
elif [ -z "$cc" ]; then
  why="no C compiler (cc or gcc) was found"
elif [ ! -f "$jdk/include/jni.h" ]; then
  why="the JDK's JNI header ($jdk/include/jni.h) was missing (build with a full JDK)"
fi
# The marker's text starts with "missing" when a prerequisite was missing (the launcher rebuilds
# once it is installed) and with "compiling failed" when the compiler refused the binding.
if [ -n "$why" ]; then
  echo "lpdm-envs-mujoco: MuJoCo binding NOT compiled: $why; the MuJoCo envs will not run" >&2
  echo "missing: $why" > "$marker"
  exit 0
fi
if ! errors=$("$cc" -O2 -fPIC -shared -Wall -Werror -I"$jdk/include" -I"$jdk/include/linux" -I"$include" \
    -o "$out/liblpdm_mujoco.so" "$src" -lmujoco 2>&1); then
  echo "$errors" >&2
  first=$(printf '%s\n' "$errors" | grep -m1 -i 'error' || printf '%s\n' "$errors" | head -n 1)
  echo "lpdm-envs-mujoco: MuJoCo binding NOT compiled: compiling failed: $first; the MuJoCo envs will not run" >&2
  echo "compiling failed ($cc): $first" > "$marker"
  rm -f "$out/liblpdm_mujoco.so"
fi
exit 0
