#!/usr/bin/env bash
# Builds ArchNest (Release, Ninja, ccache when present) and launches it with your arguments.
# Embedded SQLite store, agent receiver off until you enable it in Settings.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${ARCHNEST_BUILD_DIR:-$root/build-release}
"$root/scripts/deps.sh" build
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DARCHNEST_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target archnest archnest-cli
exec "$build/app/archnest" "$@"
