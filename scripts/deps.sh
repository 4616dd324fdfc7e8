#!/usr/bin/env bash
# Installs the Debian 12 packages ArchNest needs, only those missing.
# Usage: scripts/deps.sh build|test|bench   (test and bench include build)
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-svg-dev libqt6svg6
  libqt6sql6-sqlite libqt6sql6-psql libgl-dev
  libssh-dev libvterm-dev node-llhttp libsimdjson-dev qtkeychain-qt6-dev libsecret-1-0
  qt6-l10n-tools dpkg-dev
)
test_pkgs=(
  docker.io podman openssh-server openssh-client netcat-openbsd busybox-static openssl
  postgresql xvfb xauth imagemagick fonts-dejavu-core
  jq curl shellcheck iproute2 iptables procps clang libclang-rt-14-dev tmux sqlite3 haproxy
  dbus-daemon gnome-keyring libsecret-1-0 libsecret-tools
  lintian desktop-file-utils appstream man-db python3 bash-completion systemd
  hicolor-icon-theme qt6-qpa-plugins
)
bench_pkgs=(hyperfine)

want=("${build_pkgs[@]}")
case ${1:-build} in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: scripts/deps.sh build|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0

sudo=()
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null || { echo "deps: missing ${missing[*]}; run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
