#!/usr/bin/env bash
# Builds everything and runs every test: unit, integration (real dockerd, sshd, PostgreSQL and
# the real agent, started by CTest fixtures and stopped by pid), ui (offscreen) and terminal.
# Then builds the core, receiver and CLI with the GUI off and runs their tests, which proves
# archnest_core never needs Qt Widgets. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${ARCHNEST_TEST_BUILD_DIR:-$root/build-test}
nogui=${ARCHNEST_NOGUI_BUILD_DIR:-$root/build-nogui}
jobs=${ARCHNEST_JOBS:-$(nproc)}
start=$SECONDS

"$root/scripts/deps.sh" test
if [[ $(id -u) != 0 ]]; then
  echo "test.sh: the integration fixtures start a private dockerd and sshd and need root;" \
       "run as root (e.g. sudo scripts/test.sh)" >&2
  exit 1
fi

echo "== build (GUI on) =="
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARCHNEST_GUI=ON >/dev/null
cmake --build "$build" -j "$jobs"

status=0
echo "== ctest (GUI on): unit, integration, ui, terminal =="
(cd "$build" && ctest --output-on-failure --timeout 600 -j "$jobs") || status=1

echo "== build (GUI off: core, receiver, CLI) =="
cmake -S "$root" -B "$nogui" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARCHNEST_GUI=OFF \
  -DARCHNEST_BUILD_BENCH=OFF >/dev/null
cmake --build "$nogui" -j "$jobs"
if grep -q 'Qt6::Widgets\|libQt6Widgets' "$nogui/build.ninja"; then
  echo "test.sh: the GUI-off build links Qt Widgets: a layering bug" >&2
  status=1
fi
echo "== ctest (GUI off) =="
(cd "$nogui" && ctest --output-on-failure --timeout 600 -j "$jobs" -LE ui) || status=1

echo "test.sh: finished in $((SECONDS - start)) s with status $status"
exit $status
