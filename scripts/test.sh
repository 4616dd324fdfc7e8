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

# The GUI-off build is also the sanitized one: core, receiver, CLI and their tests with
# AddressSanitizer + UndefinedBehaviorSanitizer (any finding fails the test that hit it).
echo "== build (GUI off, ASan + UBSan: core, receiver, CLI) =="
cmake -S "$root" -B "$nogui" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARCHNEST_GUI=OFF \
  -DARCHNEST_BUILD_BENCH=OFF -DARCHNEST_SANITIZE=address,undefined >/dev/null
stage=$SECONDS
cmake --build "$nogui" -j "$jobs"
if grep -q 'Qt6::Widgets\|libQt6Widgets' "$nogui/build.ninja"; then
  echo "test.sh: the GUI-off build links Qt Widgets: a layering bug" >&2
  status=1
fi
san=$root/tests/sanitizers
echo "== ctest (GUI off, ASan + UBSan) =="
(cd "$nogui" &&
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0 \
  LSAN_OPTIONS=suppressions=$san/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$san/ubsan.supp \
  ctest --output-on-failure --timeout 900 -j "$jobs" -LE ui) || status=1
echo "test.sh: GUI-off ASan/UBSan stage took $((SECONDS - stage)) s"

# ThreadSanitizer is not a stage: Debian's Qt is not built with TSan and Qt 6's mutexes are
# futex-based inside the library, so every hand-off through a queued call is reported as a race
# (docs/development.md, "Sanitizers"). scripts/tsan.sh runs the threaded core tests under TSan
# with the suppressions in tests/sanitizers/tsan.supp, for a look by hand.

# libFuzzer needs clang: build only the fuzz targets (GUI off) and fuzz each for its bounded
# time. Their corpus replays already ran as unit tests in both builds above.
if ! command -v clang++ >/dev/null; then
  echo "test.sh: clang++ is missing: the fuzz stage cannot run (scripts/deps.sh test installs clang)" >&2
  status=1
elif [[ ${ARCHNEST_SKIP_FUZZ:-0} == 1 ]]; then
  echo "test.sh: WARNING: ARCHNEST_SKIP_FUZZ=1: the fuzz stage was NOT run (CI never sets this)" >&2
else
  fuzz=${ARCHNEST_FUZZ_BUILD_DIR:-$root/build-fuzz}
  echo "== fuzz (clang, libFuzzer + ASan/UBSan, bounded) =="
  CC=clang CXX=clang++ cmake -S "$root" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARCHNEST_GUI=OFF \
    -DARCHNEST_BUILD_BENCH=OFF -DARCHNEST_FUZZ=ON >/dev/null
  mapfile -t fuzz_targets < <(sed -n 's/.*add_archnest_fuzzer(NAME \([A-Za-z0-9_]*\).*/fuzz_\1/p' "$root"/tests/fuzz/*.cmake)
  if cmake --build "$fuzz" -j "$jobs" --target "${fuzz_targets[@]}"; then
    (cd "$fuzz" && ctest --output-on-failure -L fuzz -j "$jobs") || status=1
  else
    status=1
  fi
fi

echo "test.sh: finished in $((SECONDS - start)) s with status $status"
exit $status
