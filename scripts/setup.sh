#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: install the missing Debian packages, then configure and
# build into build/ (binaries in build/bin/). Sourced, not run; honours VRMALL_BUILD_TYPE.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

vrmall_install_packages() {
  local missing=()
  while read -r pkg; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done <"$root/scripts/packages.txt"
  if ((${#missing[@]})); then
    echo "vrmall: installing missing packages: ${missing[*]}" >&2
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

vrmall_build() {
  local type="${VRMALL_BUILD_TYPE:-Release}"
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE="$type" >&2
  cmake --build "$root/build" --parallel 2 >&2
}

vrmall_install_packages
vrmall_build
