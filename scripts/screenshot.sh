#!/usr/bin/env bash
# Starts the app under a private Xvfb display, waits for its window, saves a screenshot.
# Usage: scripts/screenshot.sh OUT.png [--app PATH] [--theme system|light|dark] [--demo FIXTURE_DIR]
#                              [-- app args...]
#   --theme  ARCHNEST_THEME for this run (not saved in the user's settings).
#   --demo   the populated main window of docs/images/main-window*.png from running fixtures
#            (tests/fixtures/dockerd.sh and sshd.sh started with FIXTURE_DIR): a throw-away config
#            with "web-prod-1" (Docker over SSH) and "build-api" (Engine API) on the fixture
#            engine, a few extra demo containers on it, and "nas-agent" reported by the real agent
#            script into the app's own receiver. Needs python3 (a free port) and the docker CLI.
#   --open HOST/NAME  with --demo: the detail tab of that container open and current.
#
#        scripts/screenshot.sh --shot NAME OUT_DIR FIXTURE_DIR [BUILD_DIR]
#   runs a screenshot generator built from a widget test (tests/shots/shot_NAME, see
#   add_archnest_shot: exec_terminal, agent_settings, host_errors, import_ssh_config) against running fixtures and saves its
#   pictures into OUT_DIR. They are not tests, so the suite never runs (or skips) them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ${1:-} == --shot ]]; then
  name=${2:?usage: screenshot.sh --shot NAME OUT_DIR FIXTURE_DIR [BUILD_DIR]}
  outdir=${3:?usage: screenshot.sh --shot NAME OUT_DIR FIXTURE_DIR [BUILD_DIR]}
  fixtures=${4:?usage: screenshot.sh --shot NAME OUT_DIR FIXTURE_DIR [BUILD_DIR]}
  shot=${5:-$root/build-test}/tests/shots/shot_$name
  [[ -x $shot ]] || { echo "screenshot: $shot not built (cmake --build BUILD_DIR --target shot_$name)" >&2; exit 1; }
  # Only the picture-taking functions (the binary also holds the test's checks).
  case $name in
    exec_terminal) shot_functions=(screenshot) ;;
    agent_settings) shot_functions=(settingsDialogScreenshot) ;;
    host_errors) shot_functions=(screenshots) ;;
    import_ssh_config) shot_functions=(importScreenshot) ;;
    *) echo "screenshot: unknown shot '$name' (exec_terminal, agent_settings, host_errors, import_ssh_config)" >&2; exit 2 ;;
  esac
  mkdir -p "$outdir"
  ARCHNEST_SHOT_DIR=$(cd "$outdir" && pwd) ARCHNEST_FIXTURE_DIR=$fixtures QT_QPA_PLATFORM=offscreen \
    ARCHNEST_SOURCE_DIR=$root "$shot" "${shot_functions[@]}"
  echo "screenshots: $outdir"
  exit 0
fi
out=${1:?usage: screenshot.sh OUT.png [--app PATH] [--theme T] [--demo FIXTURE_DIR] [-- app args]}; shift
app=${ARCHNEST_APP:-$root/build-release/app/archnest}
demo=
open_tab=
while [[ $# -gt 0 ]]; do
  case $1 in
    --app) app=$2; shift 2 ;;
    --theme) export ARCHNEST_THEME=$2; shift 2 ;;
    --demo) demo=$2; shift 2 ;;
    --open) open_tab=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[[ -x $app ]] || { echo "screenshot: $app not built (run scripts/run.sh once, or pass --app)" >&2; exit 1; }
display=:$((90 + RANDOM % 50))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app_pid=
agent_pid=
tmp=
cleanup() {
  [[ -n $agent_pid ]] && kill "$agent_pid" 2>/dev/null
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null
  kill "$xvfb" 2>/dev/null
  wait 2>/dev/null || true
  [[ -n $tmp ]] && rm -rf "$tmp"
}
trap cleanup EXIT

app_args=("$@")
if [[ -n $demo ]]; then
  # shellcheck disable=SC1091
  source "$demo/docker.env"; source "$demo/sshd.env"
  docker_cli=(docker -H "unix://$ARCHNEST_FX_DOCKER_SOCK")
  for name in metrics-exporter shop-cache shop-web shop-worker backup-job; do
    "${docker_cli[@]}" inspect "$name" >/dev/null 2>&1 \
      || "${docker_cli[@]}" run -d --name "$name" "$ARCHNEST_FX_IMAGE" sleep 86400 >/dev/null
  done
  "${docker_cli[@]}" kill backup-job >/dev/null 2>&1 || true # shown as "Exited (137)"
  tmp=$(mktemp -d /tmp/archnest-shot.XXXXXX)
  mkdir -p "$tmp/config" "$tmp/data"
  cp "$ARCHNEST_FX_SSH_KNOWN_HOSTS" "$tmp/known_hosts"
  cat >"$tmp/config/hosts.json" <<JSON
{
  "version": 1,
  "hosts": [
    { "name": "web-prod-1", "kind": "ssh", "host": "$ARCHNEST_FX_SSH_HOST", "port": $ARCHNEST_FX_SSH_TARGET_PORT,
      "user": "$ARCHNEST_FX_SSH_USER", "auth": { "methods": ["publickey"], "identityFile": "$ARCHNEST_FX_SSH_KEY" },
      "knownHostsFile": "$tmp/known_hosts" },
    { "name": "build-api", "kind": "docker-api", "url": "$ARCHNEST_FX_DOCKER_TCP" }
  ]
}
JSON
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  (umask 077; printf '%s\n' "$token" >"$tmp/config/receiver.token")
  cat >"$tmp/config/settings.ini" <<INI
[receiver]
enabled=true
address=127.0.0.1:$port
[refresh]
intervalSec=5
INI
  if [[ -n $open_tab ]]; then
    # As MainWindow::saveState writes it: "host\nref\nname" per tab; tab 0 is Containers.
    printf '[MainWindow]\nopenTabs=%s\\n%s\\n%s\ncurrentTab=1\n' \
      "${open_tab%%/*}" "${open_tab#*/}" "${open_tab#*/}" >>"$tmp/config/settings.ini"
  fi
  app_args=(--config-dir "$tmp/config" --data-dir "$tmp/data" "${app_args[@]}")
  # No keychain in this throw-away session: the app takes the token file (read-only).
  export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/archnest-no-bus
fi

for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
DISPLAY=$display QT_QPA_PLATFORM=xcb "$app" "${app_args[@]}" &
app_pid=$!
if [[ -n $demo ]]; then
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  env -i PATH="$PATH" HOME="$tmp" ARCHNEST_AGENT_CONFIG="$tmp/absent.env" \
    DOCKER_HOST="unix://$ARCHNEST_FX_DOCKER_SOCK" ARCHNEST_URL="http://127.0.0.1:$port" \
    ARCHNEST_AGENT_TOKEN="$token" ARCHNEST_HOST_ID=nas-agent \
    bash "$root/resources/agent/archnest-docker-agent.sh" >"$tmp/agent.log" 2>&1 &
  agent_pid=$!
fi
sleep "${ARCHNEST_SCREENSHOT_DELAY:-3}"
# The window by its title (no window manager runs, so no decorations); the root as fallback.
DISPLAY=$display import -window "${ARCHNEST_SCREENSHOT_WINDOW:-ArchNest}" "$out" 2>/dev/null \
  || DISPLAY=$display import -window root "$out"
echo "screenshot: $out"
