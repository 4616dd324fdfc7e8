#!/usr/bin/env bash
# Runs the suite again and again to find flaky tests, and prints the failures by test.
# Usage: scripts/soak.sh N                 - N clean clones of HEAD, each running .ci/run (what CI
#                                            runs) back to back; logs in $ARCHNEST_SOAK_DIR
#        scripts/soak.sh N --ctest [ARGS]  - in the existing build-test/: ctest --repeat
#                                            until-fail:N with ARGS (e.g. -L integration, -R ssh)
# Exits non-zero when any run failed. Bounded: N runs, each bounded by ctest's timeouts.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:?usage: soak.sh N [--ctest ctest-args...]}
[[ $n =~ ^[0-9]+$ && $n -ge 1 && $n -le 50 ]] || { echo "soak: N is a count from 1 to 50" >&2; exit 2; }
shift

if [[ ${1:-} == --ctest ]]; then
  shift
  build=${ARCHNEST_TEST_BUILD_DIR:-$root/build-test}
  [[ -f $build/CTestTestfile.cmake ]] || { echo "soak: $build is not built (run scripts/test.sh once)" >&2; exit 1; }
  cd "$build"
  exec ctest --output-on-failure --timeout 600 -j "${ARCHNEST_JOBS:-$(nproc)}" --repeat "until-fail:$n" "$@"
fi

out=${ARCHNEST_SOAK_DIR:-$root/soak-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
commit=$(git -C "$root" rev-parse HEAD)
declare -A failures=()
failed_runs=0
for i in $(seq "$n"); do
  clone=$(mktemp -d /tmp/archnest-soak.XXXXXX)
  git clone -q "$root" "$clone/src"
  git -C "$clone/src" checkout -q "$commit"
  log=$out/run-$i.log
  start=$SECONDS
  if (cd "$clone/src" && CI=true bash .ci/run </dev/null >"$log" 2>&1); then
    status=green
  else
    status=RED
    failed_runs=$((failed_runs + 1))
    # ctest's summary lists each failed test as "  NN - name (Failed)".
    while read -r name; do
      failures[$name]=$((${failures[$name]:-0} + 1))
    done < <(sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (.*)$/\1/p' "$log")
  fi
  echo "soak: run $i of $n: $status in $((SECONDS - start)) s ($log)"
  rm -rf "$clone"
done

echo "soak: $((n - failed_runs)) of $n runs green (commit $commit)"
for name in "${!failures[@]}"; do
  echo "soak: $name failed in ${failures[$name]} run(s)"
done
((failed_runs == 0))
