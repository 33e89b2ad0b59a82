#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_packaging_deb.sh CPACK BUILD_DIR APP_ID WITH_GUI(0|1)
# Builds the Debian package of BUILD_DIR with cpack into a temporary folder, unpacks it with
# `dpkg -x` into a temporary root and checks what a user gets: the control fields, the installed
# bindery-cli running from that root (--version, --help, and `test` on the installed example
# workspace when this build has that subcommand), the man pages, and, with the GUI, the desktop
# file, the AppStream metainfo, the MIME types and the icons, validated with the distribution's
# tools, and lintian's verdict on the package. Exit 0 pass, 1 fail, 77 skipped (a tool is missing).
set -uo pipefail

cpack=$1 build=$2 appid=$3 gui=$4
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

for tool in dpkg-deb dpkg-shlibdeps gzip lintian; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing (run scripts/setup.sh)" >&2; exit 77; }
done
if [ "$gui" = 1 ]; then
  for tool in desktop-file-validate appstreamcli update-mime-database file; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing (run scripts/setup.sh)" >&2; exit 77; }
  done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bindery-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- build the package ----------------------------------------------------------------------------
if ! "$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  echo "FAIL: cpack -G DEB failed" >&2
  exit 1
fi
debs=("$tmp"/out/*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  echo "FAIL: expected one .deb in $tmp/out, found: ${debs[*]}" >&2
  exit 1
fi
deb=${debs[0]}
ok "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- Debian's own checks: no error or warning tags (information tags are printed, not failed) ----
if lintian --fail-on error,warning --tag-display-limit 0 "$deb" >"$tmp/lintian.log" 2>&1; then
  ok "lintian: no errors or warnings"
else
  grep -v 'running with root privileges' "$tmp/lintian.log" >&2
  fail "lintian reports errors or warnings"
fi

# --- control fields -------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = bindery ] || fail "Package is '$(field Package)', not bindery"
[ "$(field Section)" = devel ] || fail "Section is '$(field Section)', not devel"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
version=$(field Version)
depends=$(field Depends)
echo "Depends: $depends"
if [ "$gui" = 1 ]; then
  # What the scan cannot see: plugins Qt loads at run time.
  for dep in qt6-qpa-plugins libqt6svg6 libqt6widgets6; do
    [[ ",$depends" == *", $dep"* || "$depends" == "$dep"* ]] || fail "Depends lacks $dep"
  done
fi

# --- unpack into a temporary root -----------------------------------------------------------------
root=$tmp/root
dpkg -x "$deb" "$root" || { echo "FAIL: dpkg -x failed" >&2; exit 1; }
usr=$root/usr
cli=$usr/bin/bindery-cli
[ -x "$cli" ] || { echo "FAIL: $cli is missing" >&2; exit 1; }

# The binaries link system libraries only: nothing may be resolved from the build tree, and the
# package that ships each library they need must be in Depends (the shared-library scan ran).
depends_names=" $(sed 's/([^)]*)//g; s/[,|]/ /g' <<<"$depends" | xargs) "
for bin in "$usr"/bin/*; do
  name=$(basename "$bin")
  if ldd "$bin" | grep -q 'not found'; then fail "$name has unresolved libraries"; fi
  if readelf -d "$bin" | grep -Eq 'R(UN)?PATH'; then fail "$name keeps an RPATH"; fi
  # Only the direct NEEDED entries: their packages carry the transitive dependencies.
  for soname in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    # The dynamic loader (NEEDED by code with thread-local storage) belongs to libc6, which shlibdeps
    # always adds; ldd lists it without "=>".
    [[ "$soname" == ld-linux* ]] && continue
    lib=$(ldd "$bin" | awk -v so="$soname" '$1 == so && $2 == "=>" {print $3}')
    [ -n "$lib" ] || { fail "$name needs $soname, which does not resolve"; continue; }
    pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$pkg" ] || pkg=$(dpkg -S "$lib" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$pkg" ] || { fail "$name needs $lib, which no Debian package ships"; continue; }
    [[ "$depends_names" == *" $pkg "* ]] || fail "$name needs $lib from $pkg, which Depends lacks"
  done
done

out=$("$cli" --version) || fail "bindery-cli --version exited $?"
[ "$out" = "bindery-cli $version" ] || fail "bindery-cli --version printed '$out', expected 'bindery-cli $version'"
ok "installed bindery-cli --version: $out"
"$cli" --help >"$tmp/help.txt" || fail "bindery-cli --help exited $?"
ok "installed bindery-cli --help"

example=$usr/share/bindery/example-workspace
[ -f "$example/bindery-workspace.yaml" ] || fail "the example workspace is not installed at $example"
if "$cli" test --help >/dev/null 2>&1; then
  # Run from a copy: the installed tree is read-only on a real system.
  cp -r "$example" "$tmp/example"
  if "$cli" test "$tmp/example" >"$tmp/test.log" 2>&1; then
    ok "installed bindery-cli test on the installed example workspace"
  else
    cat "$tmp/test.log" >&2
    fail "bindery-cli test on the installed example workspace exited non-zero"
  fi
else
  echo "note: this build has no 'test' subcommand yet; only --version and --help were run"
fi

# --- man pages ------------------------------------------------------------------------------------
pages=(bindery-cli)
[ "$gui" = 1 ] && pages+=(bindery)
for page in "${pages[@]}"; do
  man=$usr/share/man/man1/$page.1.gz
  if [ ! -f "$man" ]; then fail "man page $page.1.gz is missing"; continue; fi
  if command -v groff >/dev/null; then
    warnings=$(gzip -dc "$man" | groff -man -Tutf8 -ww -z 2>&1)
    [ -z "$warnings" ] || fail "man page $page.1 has groff warnings: $warnings"
  fi
done
for doc in copyright changelog.gz; do
  [ -f "$usr/share/doc/bindery/$doc" ] || fail "share/doc/bindery/$doc is missing"
done

# --- desktop integration --------------------------------------------------------------------------
if [ "$gui" = 1 ]; then
  [ -x "$usr/bin/bindery" ] || fail "bin/bindery is missing"
  gui_version=$(QT_QPA_PLATFORM=offscreen "$usr/bin/bindery" --version 2>/dev/null) \
    || fail "installed bindery --version exited $?"
  [[ "$gui_version" == *"$version"* ]] || fail "bindery --version printed '$gui_version'"
  ok "installed bindery --version: $gui_version"

  desktop=$usr/share/applications/$appid.desktop
  metainfo=$usr/share/metainfo/$appid.metainfo.xml
  mime=$usr/share/mime/packages/$appid.xml
  for f in "$desktop" "$metainfo" "$mime"; do [ -f "$f" ] || fail "$f is missing"; done

  if desktop-file-validate "$desktop"; then ok "desktop-file-validate $appid.desktop"
  else fail "desktop-file-validate rejected $appid.desktop"; fi
  if appstreamcli validate --no-net "$metainfo"; then ok "appstreamcli validate --no-net $appid.metainfo.xml"
  else fail "appstreamcli validate rejected $appid.metainfo.xml"; fi
  # The installed tree as a whole: the launchable desktop file and the icon are where they belong.
  if appstreamcli validate-tree --no-net "$root" >"$tmp/tree.log" 2>&1; then ok "appstreamcli validate-tree --no-net"
  else cat "$tmp/tree.log" >&2; fail "appstreamcli validate-tree rejected the installed tree"; fi

  # One application id everywhere.
  grep -qx "Icon=$appid" "$desktop" || fail "the desktop file's Icon is not $appid"
  grep -q "<id>$appid</id>" "$metainfo" || fail "the metainfo id is not $appid"
  grep -q "<launchable type=\"desktop-id\">$appid.desktop</launchable>" "$metainfo" \
    || fail "the metainfo launchable is not $appid.desktop"
  for bin in bindery bindery-cli; do
    grep -q "<binary>$bin</binary>" "$metainfo" || fail "the metainfo does not provide $bin"
    [ -x "$usr/bin/$bin" ] || fail "the metainfo provides $bin, which is not installed"
  done

  # The MIME types compile, and each one the desktop file claims is defined, with its glob.
  mkdir -p "$tmp/mime/packages" && cp "$mime" "$tmp/mime/packages/"
  # (XDG_DATA_DIRS names the temporary folder only to silence the "not in the search path" note.)
  if ! XDG_DATA_DIRS="$tmp:/usr/share" update-mime-database "$tmp/mime" 2>"$tmp/mime.log" || [ -s "$tmp/mime.log" ]; then
    cat "$tmp/mime.log" >&2; fail "update-mime-database rejected $appid.xml"
  fi
  mimetypes=$(sed -n 's/^MimeType=//p' "$desktop" | tr ';' ' ')
  [ -n "$mimetypes" ] || fail "the desktop file declares no MimeType"
  for type in $mimetypes; do
    grep -q "^[0-9]*:$type:" "$tmp/mime/globs2" || fail "MIME type $type has no glob"
    grep -q "<mediatype>$type</mediatype>" "$metainfo" || fail "the metainfo does not provide $type"
  done
  grep -q ':application/x-bindery-workspace:bindery-workspace.yaml$' "$tmp/mime/globs2" \
    || fail "bindery-workspace.yaml is not mapped to application/x-bindery-workspace"
  grep -q ':application/x-bindery-capture:\*.bindery-capture.ndjson$' "$tmp/mime/globs2" \
    || fail "*.bindery-capture.ndjson is not mapped to application/x-bindery-capture"
  ok "MIME types: $mimetypes"

  # Icons: the SVG and every fixed size, each a PNG of that size.
  icons=$usr/share/icons/hicolor
  [ -f "$icons/scalable/apps/$appid.svg" ] || fail "the scalable icon is missing"
  for size in 16 22 24 32 48 64 128 256; do
    png=$icons/${size}x${size}/apps/$appid.png
    if [ ! -f "$png" ]; then fail "icon ${size}x${size} is missing"; continue; fi
    file -b "$png" | grep -q "PNG image data, $size x $size," || fail "$png is not a ${size}x${size} PNG"
  done
  ok "icons: scalable + 16..256"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all packaging checks passed"
