#!/usr/bin/env bash
# Builds and runs every benchmark in tests/bench on loopback fixtures, bounded in time, and
# prints one table. Each benchmark is an executable named bench_* that prints rows
#   BENCH<TAB>name<TAB>value<TAB>unit<TAB>baseline<TAB>ratio<TAB>note
# Usage: scripts/bench.sh [filter-regex]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${ARCHNEST_BENCH_BUILD_DIR:-$root/build-bench}
filter=${1:-.}
fxdir=/tmp/anfx-bench
"$root/scripts/deps.sh" bench
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DARCHNEST_BUILD_BENCH=ON >/dev/null
if ! cmake --build "$build" -j "$(nproc)" >"$build/bench-build.log" 2>&1; then
  tail -n 40 "$build/bench-build.log" >&2
  echo "bench: the build failed (full log: $build/bench-build.log)" >&2
  exit 1
fi

cleanup() {
  bash "$root/tests/fixtures/sshd.sh" stop "$fxdir" || true
  bash "$root/tests/fixtures/dockerd.sh" stop "$fxdir" || true
  bash "$root/tests/fixtures/postgres.sh" stop "$fxdir" || true
}
trap cleanup EXIT
bash "$root/tests/fixtures/dockerd.sh" start "$fxdir"
bash "$root/tests/fixtures/sshd.sh" start "$fxdir"
bash "$root/tests/fixtures/postgres.sh" start "$fxdir" # bench_receiver_team
export ARCHNEST_FIXTURE_DIR=$fxdir QT_QPA_PLATFORM=offscreen ARCHNEST_SOURCE_DIR=$root ARCHNEST_BINARY_DIR=$build

rows=$(mktemp)
for b in "$build"/tests/bench_*; do
  [[ -x $b ]] || continue
  name=$(basename "$b")
  [[ $name =~ $filter ]] || continue
  echo "== $name" >&2
  # Every benchmark bounds itself; this is the backstop.
  timeout 900 "$b" 2> >(sed "s/^/[$name] /" >&2) | grep $'^BENCH\t' >>"$rows" || echo "bench: $name failed" >&2
done
printf '\n%-44s %14s %-8s %14s %8s  %s\n' benchmark value unit baseline ratio note
cut -f2- "$rows" | while IFS=$'\t' read -r n v u base ratio note; do
  printf '%-44s %14s %-8s %14s %8s  %s\n' "$n" "$v" "$u" "$base" "$ratio" "$note"
done
rm -f "$rows"
