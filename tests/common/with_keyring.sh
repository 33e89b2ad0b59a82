#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring: the Secret Service
# that QtKeychain uses on Linux desktops. This lets the keychain path be tested headless, and never
# touches the user's own keyring (HOME and the runtime directory are temporary).
#   with_keyring.sh COMMAND [ARGS...]     exit 77 (CTest: skipped) when the tools are missing
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    echo "skipped: dbus-run-session and gnome-keyring-daemon are needed (scripts/setup.sh installs dbus and gnome-keyring)"
    exit 77
fi
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/run"
export HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_DATA_HOME="$home/share" XDG_CONFIG_HOME="$home/config"
unset DBUS_SESSION_BUS_ADDRESS
# dbus-daemon may complain that it cannot raise its fd limit in a container; that is harmless.
dbus-run-session -- sh -c 'printf "%s" "bindery-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
