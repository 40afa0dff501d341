#!/usr/bin/env bash
# Quick start, step 2 of 2: install what is missing, build into build/, run every test with ctest.
# Extra arguments go to ctest (e.g. -R Csv, -L quality).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/setup.sh"
cd "$root/build"
ctest --output-on-failure --parallel 2 "$@"
