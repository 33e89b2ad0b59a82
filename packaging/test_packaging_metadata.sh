#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_packaging_metadata.sh SOURCE_DIR APP_ID VERSION
# The packaging files that are written by hand must agree with the build: the Flatpak manifest's
# app id and command, one Flatpak module per third-party library the build looks up, and the
# version in the metainfo release, the Debian changelog and the man pages.
set -uo pipefail
src=$1 appid=$2 version=$3
pkg=$src/packaging
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

manifest=$pkg/flatpak/$appid.yml
if [ ! -f "$manifest" ]; then
  fail "no Flatpak manifest named after the app id: $manifest"
else
  grep -qx "app-id: $appid" "$manifest" || fail "the Flatpak manifest's app-id is not $appid"
  grep -qx "command: bindery" "$manifest" || fail "the Flatpak manifest does not run bindery"
  grep -qx "runtime: org.kde.Platform" "$manifest" || fail "the Flatpak manifest is not on the KDE runtime"
  # Each library cmake/BinderyDependencies.cmake finds outside Qt needs a module.
  for module in yaml-cpp simdjson re2 http-parser qscintilla qtkeychain bindery; do
    grep -qx "  - name: $module" "$manifest" || fail "the Flatpak manifest has no module $module"
  done
  # Archives must be pinned.
  archives=$(grep -c '^ *- type: archive' "$manifest")
  hashes=$(grep -cE '^ *sha256: [0-9a-f]{64}$' "$manifest")
  [ "$archives" -eq "$hashes" ] || fail "the Flatpak manifest has $archives archives but $hashes sha256 pins"
fi

grep -q "<release version=\"$version\" date=\"[0-9-]*\"" "$pkg/metainfo.xml.in" \
  || fail "the metainfo has no release entry for $version"
head -1 "$pkg/changelog" | grep -q "^bindery ($version) " || fail "the Debian changelog does not start with $version"
for page in "$pkg"/man/*.1; do
  grep -q "^\.TH .* \"Bindery $version\"" "$page" || fail "$(basename "$page") is not marked Bindery $version"
done

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "packaging metadata agrees with $appid $version"
