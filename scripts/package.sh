#!/usr/bin/env bash
# Builds the Debian packages archnest (desktop) and archnest-cli (CLI + receiver, no Qt Widgets)
# with CPack into $ARCHNEST_PACKAGE_OUT (default dist/).
#   ARCHNEST_PACKAGE_BUILD_DIR=DIR  package that already-built tree (GUI on; e.g. CI's build-test)
#                                   instead of configuring and building a tree of its own in
#                                   build-package/ (ARCHNEST_PACKAGE_BUILD_TYPE, default Release)
# The version is the project's plus git: 0.1.0+git<commits>.g<hash> (".dirty" when the work tree
# has changes). Prints the paths of the packages it wrote. docs/packaging.md has the details.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${ARCHNEST_PACKAGE_OUT:-$root/dist}
build=${ARCHNEST_PACKAGE_BUILD_DIR:-}
jobs=${ARCHNEST_JOBS:-$(nproc)}

die() { echo "package.sh: $*" >&2; exit 1; }

if [[ -z $build ]]; then
  "$root/scripts/deps.sh" build
  build=$root/build-package
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${ARCHNEST_PACKAGE_BUILD_TYPE:-Release}" -DARCHNEST_GUI=ON \
    -DARCHNEST_BUILD_TESTS=OFF -DARCHNEST_BUILD_BENCH=OFF >/dev/null
  cmake --build "$build" -j "$jobs" --target archnest archnest-cli
fi
build=$(cd "$build" 2>/dev/null && pwd) || die "no build directory '$ARCHNEST_PACKAGE_BUILD_DIR'"
[[ -f $build/CPackConfig.cmake ]] || die "$build is not a configured ArchNest build tree (no CPackConfig.cmake)"
for bin in archnest archnest-cli; do
  [[ -x $build/app/$bin ]] || die "$build/app/$bin is missing: build it first (the desktop package needs -DARCHNEST_GUI=ON)"
done
for tool in dpkg-shlibdeps cpack gzip; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian dpkg-dev, cmake: scripts/deps.sh build)"
done

base=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[[ -n $base ]] || die "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake"
version=$base
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  version+="+git$(git -C "$root" rev-list --count HEAD).g$(git -C "$root" rev-parse --short=9 HEAD)"
  [[ -z $(git -C "$root" status --porcelain --untracked-files=no) ]] || version+=".dirty"
  SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct)
  export SOURCE_DATE_EPOCH
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/archnest-package.XXXXXX")
trap 'rm -rf "$stage"' EXIT
# (CPack writes the files as owned by root whoever runs it.)
if ! ARCHNEST_PACKAGE_VERSION=$version cpack --config "$build/CPackConfig.cmake" -B "$stage" \
    -D CPACK_PACKAGE_VERSION="$version" >"$stage/cpack.log" 2>&1; then
  cat "$stage/cpack.log" >&2
  die "cpack failed"
fi
mkdir -p "$out"
shopt -s nullglob
debs=("$stage"/*.deb)
((${#debs[@]} == 2)) || { cat "$stage/cpack.log" >&2; die "expected 2 packages, cpack wrote ${#debs[@]}"; }
for deb in "${debs[@]}"; do
  mv -f "$deb" "$out/"
  echo "$out/${deb##*/}"
done
