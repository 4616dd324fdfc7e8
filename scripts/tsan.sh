#!/usr/bin/env bash
# The threaded core tests (SSH worker, cancellation, store service) under ThreadSanitizer, GUI off,
# in build-tsan/. Not part of scripts/test.sh: Debian's Qt is not instrumented, so hand-offs
# through Qt's event queue are reported as races (see docs/development.md, "Sanitizers");
# tests/sanitizers/tsan.supp hides the known ones. Any other report is worth a look.
# Usage: scripts/tsan.sh [ctest -R regex]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tsan=${ARCHNEST_TSAN_BUILD_DIR:-$root/build-tsan}
tests=(test_ssh_session_integration test_ssh_resilience_integration test_cancel_sources test_store_service)
"$root/scripts/deps.sh" test
cmake -S "$root" -B "$tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARCHNEST_GUI=OFF \
  -DARCHNEST_BUILD_BENCH=OFF -DARCHNEST_SANITIZE=thread >/dev/null
cmake --build "$tsan" -j "${ARCHNEST_JOBS:-$(nproc)}" --target "${tests[@]}"
regex=${1:-"^($(IFS='|'; echo "${tests[*]}"))\$"}
cd "$tsan"
TSAN_OPTIONS="suppressions=$root/tests/sanitizers/tsan.supp:halt_on_error=0:second_deadlock_stack=1:die_after_fork=0" \
  ctest --output-on-failure --timeout 900 -R "$regex"
