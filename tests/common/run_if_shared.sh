#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_if_shared.sh REQUIRED_PATH COMMAND...: runs COMMAND when REQUIRED_PATH exists, else exits 77
# (CTest's skip code for these tests) saying why.
required="$1"; shift
if [ ! -e "$required" ]; then
  echo "SKIP: $required is absent (the shared reference folder is not beside this clone)" >&2
  exit 77
fi
exec "$@"
