#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# test_packaging_manpages.sh BINDERY_CLI MAN_DIR
# Keeps bindery-cli.1 honest against the binary: every subcommand that `bindery-cli --help` lists
# has a section (.SS) in the man page, every option its `--help` prints is documented in that
# section, and every option the section documents is one the subcommand accepts. The pages must
# also format without groff warnings.
set -uo pipefail

cli=$1 mandir=$2
page=$mandir/bindery-cli.1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if command -v groff >/dev/null; then
  for p in "$mandir"/*.1; do
    warnings=$(groff -man -Tutf8 -ww -z "$p" 2>&1)
    [ -z "$warnings" ] || fail "$(basename "$p") has groff warnings: $warnings"
  done
fi

help=$("$cli" --help) || { echo "FAIL: bindery-cli --help exited $?" >&2; exit 1; }
# The command table: the lines between "Commands:" and the next blank line, first word of each.
commands=$(printf '%s\n' "$help" | awk '/^Commands:/{on=1; next} on && /^$/{exit} on {print $1}' \
           | grep -v '^(none' || true)

# The options written in a man page section, as plain text: troff's \- becomes -.
section_options() {
  awk -v name="$1" '$0 == ".SS " name {on=1; next} on && /^\.S[SH]/ {exit} on {print}' "$page" \
    | sed 's/\\-/-/g' | grep -oE '(^|[^A-Za-z0-9-])--?[a-z][a-z0-9-]*' | sed 's/^[^-]*//' | sort -u
}
# The options a subcommand's --help prints.
help_options() {
  "$cli" "$1" --help 2>&1 | grep -oE '(^|[^A-Za-z0-9-])--?[a-z][a-z0-9-]*' | sed 's/^[^-]*//' | sort -u
}

checked=0
for cmd in $commands; do
  if ! grep -qx ".SS $cmd" "$page"; then
    fail "subcommand '$cmd' has no section in bindery-cli.1"
    continue
  fi
  if ! "$cli" "$cmd" --help >/dev/null 2>&1; then
    fail "bindery-cli $cmd --help exited non-zero"
    continue
  fi
  documented=$(section_options "$cmd")
  offered=$(help_options "$cmd")
  for opt in $offered; do
    [ "$opt" = --help ] || [ "$opt" = -h ] && continue
    grep -qx -- "$opt" <<<"$documented" || fail "bindery-cli $cmd: $opt is in --help but not in the man page"
  done
  for opt in $documented; do
    grep -qx -- "$opt" <<<"$offered" || fail "bindery-cli $cmd: the man page documents $opt, which --help does not list"
  done
  checked=$((checked + 1))
done

# Top level: the synopsis and the options the program itself answers.
for opt in --help --version; do
  grep -qF -- "$(sed 's/-/\\-/g' <<<"$opt")" "$page" || fail "the man page does not document $opt"
done

echo "checked $checked subcommand(s) against bindery-cli.1"
[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
