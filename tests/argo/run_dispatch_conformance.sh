#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_dispatch_conformance.sh BINDERY_CLI SHARED_DIR OUT_DIR: runs `bindery-cli dispatch --jsonl`
# over conformance/dispatch/public.jsonl and compares with dispatch-diff (exact bytes included).
# Fails, listing the differing case ids, unless every case matches.
set -euo pipefail
cli="$1"; shared="$2"; out="$3/dispatch-conformance.jsonl"
golden="$shared/conformance/dispatch/public.jsonl"
"$cli" dispatch --jsonl < "$golden" > "$out"
python3 "$shared/tools/dispatch-diff" "$golden" "$out" --raw --verbose
