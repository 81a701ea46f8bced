#!/usr/bin/env bash
# Builds everything and runs every test through ctest: the GoogleTest suites,
# pytest, the notebooks, the command-line tests and the consumer projects; then the
# C++ and command-line tests again under AddressSanitizer and UndefinedBehaviorSanitizer,
# and the concurrency test under ThreadSanitizer (scripts/run-sanitizers.sh).
#   ./scripts/run-tests.sh [extra ctest arguments, e.g. -R cli]
#   DANVAN_SANITIZERS=0 ./scripts/run-tests.sh    # without the sanitizer builds
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

install_packages
configure_and_build

say "running the tests (ctest)"
status=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" "$@" || status=$?
((status == 0)) || fail "some tests failed (ctest exit status $status); see the list above"
say "all tests passed"

if [[ ${DANVAN_SANITIZERS:-1} != 0 ]]; then
  ./scripts/run-sanitizers.sh "$@" || fail "the sanitizer builds' tests failed (scripts/run-sanitizers.sh; see above)"
fi
