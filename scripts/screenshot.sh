#!/usr/bin/env bash
# Starts the app under a private Xvfb display, waits for its window, saves a screenshot.
# Usage: scripts/screenshot.sh OUT.png [--app PATH] [-- app args...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: screenshot.sh OUT.png [--app PATH] [-- app args]}; shift
app=${ARCHNEST_APP:-$root/build-release/app/archnest}
if [[ ${1:-} == --app ]]; then app=$2; shift 2; fi
[[ ${1:-} == -- ]] && shift
[[ -x $app ]] || { echo "screenshot: $app not built (run scripts/run.sh once, or pass --app)" >&2; exit 1; }
display=:$((90 + RANDOM % 50))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app_pid=
cleanup() { [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null; kill "$xvfb" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
DISPLAY=$display QT_QPA_PLATFORM=xcb "$app" "$@" &
app_pid=$!
sleep "${ARCHNEST_SCREENSHOT_DELAY:-3}"
# The window by its title (no window manager runs, so no decorations); the root as fallback.
DISPLAY=$display import -window "${ARCHNEST_SCREENSHOT_WINDOW:-ArchNest}" "$out" 2>/dev/null \
  || DISPLAY=$display import -window root "$out"
echo "screenshot: $out"
