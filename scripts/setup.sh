#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs every Debian 12 package that Bindery's build, tests and tools need.
# Idempotent: quiet and fast (one dpkg query) when everything is already present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev-tools qt6-charts-dev qt6-svg-dev
  libqt6svg6 qt6-qpa-plugins libgl-dev libqt6opengl6-dev libvulkan-dev
  libqscintilla2-qt6-dev qtkeychain-qt6-dev
  libyaml-cpp-dev libsimdjson-dev libre2-dev libhttp-parser-dev libssl-dev
  libbenchmark-dev
  tzdata
  clang libclang-rt-14-dev
  xvfb xauth imagemagick wrk openssl curl
  desktop-file-utils appstream dpkg-dev file
  dbus gnome-keyring
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [ "${status:0:2}" = "ii" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
