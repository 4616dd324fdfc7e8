#!/usr/bin/env bash
# The Debian packages, end to end, from an already-built GUI-on tree (nothing is rebuilt):
# scripts/package.sh -> control fields (archnest-cli without Qt Widgets) -> lintian (errors fail;
# every warning must be listed in docs/packaging.md) -> desktop-file-validate, appstreamcli ->
# apt install -> /usr/bin/archnest-cli --version/--help, man -w, bash completion, the GUI
# offscreen for 5 s from /usr/bin, stopped by pid with SIGTERM and exiting 0 -> apt purge ->
# nothing named archnest left in /usr, /etc, /var/lib, /opt.
# Needs root (apt). Usage: package_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
start=$SECONDS
status=0
fail() { echo "FAIL: $*" >&2; status=1; }
step() { echo "== $* ($((SECONDS - start)) s)"; }

[[ $(id -u) == 0 ]] || { echo "FAIL: the package test installs packages with apt and needs root" >&2; exit 1; }
for tool in lintian desktop-file-validate appstreamcli apt-get man systemd-analyze; do
  command -v "$tool" >/dev/null ||
    { echo "FAIL: $tool is missing (scripts/deps.sh test installs lintian, desktop-file-utils, appstream, man-db, systemd)" >&2; exit 1; }
done
if dpkg-query -W -f='${Status}\n' archnest archnest-cli 2>/dev/null | grep -q 'installed'; then
  echo "FAIL: archnest or archnest-cli is already installed here; this test installs and purges them: remove them first" >&2
  exit 1
fi
if grep -rqs 'path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/; then
  echo "FAIL: dpkg is set to drop man pages (/etc/dpkg/dpkg.cfg.d path-exclude): man -w cannot work here" >&2
  exit 1
fi

work=$build/package-test
rm -rf "$work"
mkdir -p "$work/home"
gui_pid=
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  if [[ -n $gui_pid ]] && kill -0 "$gui_pid" 2>/dev/null; then
    kill -KILL "$gui_pid" 2>/dev/null || true
  fi
  if dpkg-query -W -f='${Status}\n' archnest archnest-cli 2>/dev/null | grep -q installed; then
    apt-get purge -y -qq -o DPkg::Lock::Timeout=300 archnest archnest-cli >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

step "package.sh (from $build)"
pkg_start=$SECONDS
ARCHNEST_PACKAGE_BUILD_DIR=$build ARCHNEST_PACKAGE_OUT=$work/dist "$src/scripts/package.sh" >"$work/package.log" ||
  { cat "$work/package.log" >&2; echo "FAIL: scripts/package.sh failed" >&2; exit 1; }
echo "package.sh took $((SECONDS - pkg_start)) s"
gui_deb=$(ls "$work"/dist/archnest_*.deb)
cli_deb=$(ls "$work"/dist/archnest-cli_*.deb)

step "control fields"
version=$(dpkg-deb -f "$cli_deb" Version)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(\+git[0-9]+\.g[0-9a-f]+(\.dirty)?)?$ ]] ||
  fail "version '$version' is not <project version>+git<N>.g<hash>"
[[ $(dpkg-deb -f "$gui_deb" Version) == "$version" ]] || fail "the two packages have different versions"
cli_depends=$(dpkg-deb -f "$cli_deb" Depends)
gui_depends=$(dpkg-deb -f "$gui_deb" Depends)
echo "archnest-cli Depends: $cli_depends"
echo "archnest Depends: $gui_depends"
for forbidden in libqt6widgets6 libqt6gui6 libvterm0 qt6-qpa-plugins; do
  grep -qw -- "$forbidden" <<<"$cli_depends" && fail "archnest-cli depends on $forbidden (it must need no display)"
done
for dep in libsecret-1-0 libqt6sql6-sqlite libqt6sql6-psql libqt6core6 libssh-4 libqt6keychain1; do
  grep -qw -- "$dep" <<<"$cli_depends" || fail "archnest-cli does not depend on $dep"
done
for dep in libqt6widgets6 qt6-qpa-plugins libqt6svg6 libsecret-1-0 libqt6sql6-sqlite libvterm0; do
  grep -qw -- "$dep" <<<"$gui_depends" || fail "archnest does not depend on $dep"
done
ldd "$build/app/archnest-cli" | grep -q libQt6Widgets && fail "the archnest-cli binary links Qt Widgets"

step lintian
lintian_out=$(lintian --pedantic "$gui_deb" "$cli_deb" 2>&1 | grep -v 'running with root privileges' || true)
[[ -z $lintian_out ]] || printf '%s\n' "$lintian_out"
grep -q '^E: ' <<<"$lintian_out" && fail "lintian reports errors"
while read -r tag; do
  [[ -n $tag ]] || continue
  grep -q -- "\`$tag\`" "$src/docs/packaging.md" ||
    fail "lintian warning '$tag' is not listed (with its reason) in docs/packaging.md"
done < <(sed -n 's/^[WP]: [^ ]*: \([a-z0-9-]*\).*/\1/p' <<<"$lintian_out" | sort -u)

step "apt install"
inventory() { find /usr /etc /var/lib /opt -iname '*archnest*' -not -path '/var/lib/dpkg/*' -not -path '/var/lib/apt/*' \
  -not -path '/var/cache/*' 2>/dev/null | sort; }
before=$(inventory)
apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "$gui_deb" "$cli_deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; echo "FAIL: apt-get install of the packages failed" >&2; exit 1; }
mapfile -t installed_files < <(dpkg -L archnest archnest-cli | while read -r f; do [[ -f $f || -L $f ]] && echo "$f"; done)
echo "installed ${#installed_files[@]} files"

step "installed CLI"
out=$(/usr/bin/archnest-cli --version) || fail "/usr/bin/archnest-cli --version exited non-zero"
[[ $out == "archnest-cli ${version%%+*}" ]] || fail "archnest-cli --version printed '$out', want 'archnest-cli ${version%%+*}'"
out=$(cd / && archnest-cli --help) || fail "archnest-cli --help exited non-zero"
grep -q '^Commands:' <<<"$out" || fail "archnest-cli --help printed no command list"
page=$(man -w archnest-cli) || fail "man -w archnest-cli found no page"
[[ $page == /usr/share/man/man1/archnest-cli.1.gz ]] || fail "man -w archnest-cli gave '$page'"
man -w archnest >/dev/null || fail "man -w archnest found no page"
# shellcheck disable=SC2016
bash -c 'source /usr/share/bash-completion/completions/archnest-cli && complete -p archnest-cli' >/dev/null ||
  fail "the installed bash completion does not register for archnest-cli"
units=()
for unit in archnest-receiver.service archnest-docker-agent.service archnest-docker-agent.timer; do
  f=/lib/systemd/system/$unit
  [[ -f $f ]] || f=/usr/lib/systemd/system/$unit
  [[ -f $f ]] || { fail "systemd unit $unit is not installed"; continue; }
  grep -q '@[A-Z_]*@\|/usr/local' "$f" && fail "$f has an unexpanded path or /usr/local: $(grep '@[A-Z_]*@\|/usr/local' "$f")"
  grep -q '^ExecStart=.*TOKEN\b' "$f" && fail "$f puts a token on the command line"
  exec_path=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$f")
  [[ -z $exec_path || -x $exec_path ]] || fail "$unit runs $exec_path, which is not installed"
  units+=("$f")
done
systemd-analyze verify "${units[@]}" || fail "systemd-analyze verify finds fault with the units"
exposure=$(systemd-analyze security --offline=true "${units[0]}" 2>/dev/null |
  sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
echo "archnest-receiver.service exposure (systemd-analyze security): $exposure"
awk -v e="${exposure:-99}" 'BEGIN { exit !(e < 2.0) }' ||
  fail "archnest-receiver.service is not hardened enough: exposure ${exposure:-unknown}, want < 2.0"

step "installed receiver, run as archnest-receiver.service runs it"
# The unit's ExecStart with the environment its EnvironmentFile gives; this also proves the Qt
# SQLite driver the package depends on is there (the store opens before "listening").
token=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
mkdir -p "$work/receiver"
env -i PATH=/usr/bin:/bin ARCHNEST_AGENT_TOKEN="$token" ARCHNEST_DATA_DIR="$work/receiver" \
  ARCHNEST_CONFIG_DIR="$work/receiver" /usr/bin/archnest-cli receive --listen 127.0.0.1:0 >"$work/receiver.log" 2>&1 &
receiver_pid=$!
for _ in $(seq 200); do # up to 20 s to listen
  grep -q '^listening on' "$work/receiver.log" && break
  kill -0 "$receiver_pid" 2>/dev/null || break
  sleep 0.1
done
if grep -q '^listening on http://127.0.0.1:[0-9]* (store .*archnest.sqlite)' "$work/receiver.log"; then
  kill -TERM "$receiver_pid"
fi
receiver_rc=0
for _ in $(seq 200); do # up to 20 s to stop
  kill -0 "$receiver_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$receiver_pid" 2>/dev/null; then
  kill -KILL "$receiver_pid"
  receiver_rc=killed
fi
wait "$receiver_pid" || receiver_rc=$?
if [[ $receiver_rc != 0 ]] || ! grep -q '^receiver stopped' "$work/receiver.log"; then
  cat "$work/receiver.log" >&2
  fail "the installed receiver did not listen and stop cleanly (status $receiver_rc)"
fi
grep -q "$token" "$work/receiver.log" && fail "the receiver printed its token"

step "desktop integration"
desktop-file-validate /usr/share/applications/dev.archnest.ArchNest.desktop || fail "desktop-file-validate failed"
appstreamcli validate --no-net /usr/share/metainfo/dev.archnest.ArchNest.metainfo.xml >"$work/appstream.log" 2>&1 ||
  { cat "$work/appstream.log"; fail "appstreamcli validate --no-net failed"; }
[[ -f /usr/share/icons/hicolor/scalable/apps/dev.archnest.ArchNest.svg ]] || fail "the SVG icon is not installed"
[[ -f /usr/share/icons/hicolor/48x48/apps/dev.archnest.ArchNest.png ]] || fail "the 48x48 PNG icon is not installed"
grep -qx 'Icon=dev.archnest.ArchNest' /usr/share/applications/dev.archnest.ArchNest.desktop || fail "the desktop file names another icon"
grep -qx 'StartupWMClass=ArchNest' /usr/share/applications/dev.archnest.ArchNest.desktop ||
  fail "StartupWMClass is not ArchNest (the X11 WM_CLASS class Qt sets: the application name)"

step "GUI offscreen from /usr/bin for 5 s"
home=$work/home
mkdir -p "$home/run"
chmod 700 "$home/run"
(cd "$home" && exec env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS HOME="$home" \
  XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" \
  XDG_RUNTIME_DIR="$home/run" QT_QPA_PLATFORM=offscreen /usr/bin/archnest >"$work/gui.log" 2>&1) &
gui_pid=$!
# Proving a negative (the app does not exit or crash on its own): watched for 5 s.
alive=1
for _ in $(seq 50); do
  kill -0 "$gui_pid" 2>/dev/null || { alive=0; break; }
  sleep 0.1
done
if ((alive)); then
  kill -TERM "$gui_pid"
  gui_rc=timeout
  for _ in $(seq 200); do # up to 20 s to close and exit
    if ! kill -0 "$gui_pid" 2>/dev/null; then
      gui_rc=0
      wait "$gui_pid" || gui_rc=$?
      break
    fi
    sleep 0.1
  done
  [[ $gui_rc == 0 ]] || { cat "$work/gui.log" >&2; fail "the GUI did not exit cleanly on SIGTERM (status $gui_rc)"; }
else
  gui_rc=0
  wait "$gui_pid" || gui_rc=$?
  cat "$work/gui.log" >&2
  fail "the GUI from /usr/bin exited by itself within 5 s (status $gui_rc)"
fi
gui_pid=
[[ -d $home/.config/ArchNest ]] || fail "the GUI wrote no config under the user's config dir (did it start?)"

step "apt purge"
apt-get purge -y -qq -o DPkg::Lock::Timeout=300 archnest archnest-cli >"$work/purge.log" 2>&1 ||
  { cat "$work/purge.log" >&2; fail "apt-get purge failed"; }
dpkg-query -W -f='${Status}\n' archnest archnest-cli 2>/dev/null | grep -q installed && fail "still installed after purge"
for f in "${installed_files[@]}"; do
  [[ -e $f || -L $f ]] && fail "$f is left behind after purge"
done
after=$(inventory)
[[ $after == "$before" ]] || fail "left behind after purge: $(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')"
# What the user wrote (the GUI's config in its HOME) stays: it is theirs.
[[ -d $home/.config/ArchNest ]] || fail "purge removed the user's config"

rm -rf "${work:?}/home"
echo "package test: $((SECONDS - start)) s, status $status"
exit $status
