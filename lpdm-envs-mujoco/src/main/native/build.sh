#!/bin/sh
# Compiles the JNI binding (lpdm_mujoco.c) into OUT_DIR/liblpdm_mujoco.so during the Maven build.
# Without MuJoCo's headers (Debian package libmujoco-dev) or a C compiler it compiles nothing,
# says so, writes SKIPPED_MARKER and succeeds: the rest of lpdm builds and works without MuJoCo.
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
if [ -n "$why" ]; then
  echo "lpdm-envs-mujoco: MuJoCo binding NOT compiled: $why; the MuJoCo envs will not run" >&2
  echo "$why" > "$marker"
  exit 0
fi
"$cc" -O2 -fPIC -shared -Wall -Werror -I"$jdk/include" -I"$jdk/include/linux" -I"$include" -o "$out/liblpdm_mujoco.so" "$src" -lmujoco
