#!/usr/bin/env bash
# Quick start, step 2 of 2: install what is missing, build into build/, run the whole release
# suite with ctest; then the same suite (less the `quality` figures) built with AddressSanitizer,
# UndefinedBehaviorSanitizer and LeakSanitizer into build-asan/ (the `asan` presets). Any
# sanitizer report fails. Extra arguments go to both ctest runs (e.g. -R Csv, -L quality).
# VRMALL_SKIP_ASAN=1 runs the release suite alone (a quicker local loop; CI runs both). Then the
# libFuzzer targets (the `fuzz` presets, clang): each parser of outside input for a fixed number
# of inputs (VRMALL_FUZZ_RUNS, default 20000); VRMALL_SKIP_FUZZ=1 leaves them out.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
phase_start=$SECONDS
source "$here/setup.sh"
timings=("install + release build: $((SECONDS - phase_start)) s")

status=0
phase_start=$SECONDS
(cd "$root/build" && ctest --output-on-failure --parallel 2 "$@") || status=1
timings+=("release tests: $((SECONDS - phase_start)) s")

if [[ "${VRMALL_SKIP_ASAN:-0}" != 1 ]]; then
  phase_start=$SECONDS
  (cd "$root" && cmake --preset asan >&2 && cmake --build --preset asan >&2)
  timings+=("asan build: $((SECONDS - phase_start)) s")
  phase_start=$SECONDS
  (cd "$root" && ctest --preset asan "$@") || status=1
  timings+=("asan tests: $((SECONDS - phase_start)) s")
fi

if [[ "${VRMALL_SKIP_FUZZ:-0}" != 1 ]]; then
  phase_start=$SECONDS
  (cd "$root" && cmake --preset fuzz -DVRMALL_FUZZ_RUNS="${VRMALL_FUZZ_RUNS:-20000}" >&2 &&
    cmake --build --preset fuzz >&2)
  timings+=("fuzz build: $((SECONDS - phase_start)) s")
  phase_start=$SECONDS
  (cd "$root" && ctest --preset fuzz) || status=1
  timings+=("fuzz runs: $((SECONDS - phase_start)) s")
fi

echo "vrmall test.sh: where the time went"
printf '  %s\n' "${timings[@]}"
if ((status != 0)); then
  echo "vrmall test.sh: FAILED (see the ctest output above)"
fi
exit $status
