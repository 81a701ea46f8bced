#!/usr/bin/env bash
# Builds everything and runs every test through ctest: the GoogleTest suites,
# pytest, the command-line tests and the consumer projects.
#   ./scripts/run-tests.sh [extra ctest arguments, e.g. -R cli]
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
