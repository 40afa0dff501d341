#!/usr/bin/env bash
# Quick start, step 1 of 2: install what is missing, build into build/, run vrmall.
# Arguments pass through to vrmall (try --help).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/setup.sh"
exec "$root/build/bin/vrmall" "$@"
