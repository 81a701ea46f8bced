#!/usr/bin/env bash
# Builds danvan twice more, with sanitizers, and runs tests on each build:
#   1. AddressSanitizer + UndefinedBehaviorSanitizer (./build-asan, DANVAN_SANITIZE=ON):
#      the C++ (GoogleTest) and command-line tests;
#   2. ThreadSanitizer (./build-tsan, DANVAN_TSAN=ON): tests/cpp/concurrency_test.cpp,
#      eight threads querying one network.
# Python, benchmarks and the consumer projects are left out: they test packaging,
# not memory or threads, and the interpreter is not built with the sanitizers.
#   ./scripts/run-sanitizers.sh [extra ctest arguments for step 1, e.g. -R cli]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

# The project's packages are all it needs: GCC's sanitizer runtimes (libasan8, libubsan1,
# libtsan2) come with build-essential.
install_packages

# Release: the tests include large inputs, which run too slowly unoptimized under
# the sanitizers; the reports still name the functions.
common=(-DCMAKE_BUILD_TYPE=Release -DDANVAN_BUILD_PYTHON=OFF -DDANVAN_BUILD_BENCH=OFF -DDANVAN_INSTALL=OFF)

# configure_and_build_in <dir> <what> <cmake option> [targets...]
configure_and_build_in() {
  local dir=$1 what=$2 option=$3
  shift 3
  local targets=()
  (($# == 0)) || targets=(--target "$@")
  step "configuring ./$dir ($what)" cmake -S . -B "$dir" "${common[@]}" "$option"
  step "building ./$dir with $JOBS jobs" cmake --build "$dir" -j "$JOBS" "${targets[@]}"
}

# Every report fails the test it happens in, with a stack trace.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

started=$SECONDS
configure_and_build_in build-asan "AddressSanitizer and UndefinedBehaviorSanitizer" -DDANVAN_SANITIZE=ON
say "running the C++ and command-line tests under AddressSanitizer and UndefinedBehaviorSanitizer"
status=0
ctest --test-dir build-asan --output-on-failure -j "$JOBS" --no-tests=error --label-exclude consumer "$@" || status=$?
((status == 0)) || fail "AddressSanitizer/UndefinedBehaviorSanitizer: some C++ or command-line tests failed (ctest exit status $status); the sanitizer's report is in the output above"
say "AddressSanitizer and UndefinedBehaviorSanitizer: passed ($((SECONDS - started)) s so far)"

configure_and_build_in build-tsan ThreadSanitizer -DDANVAN_TSAN=ON concurrency_test
say "running the concurrency test under ThreadSanitizer"
ctest --test-dir build-tsan --output-on-failure --no-tests=error --tests-regex '^Concurrency\.' || status=$?
((status == 0)) || fail "ThreadSanitizer: the concurrency test failed (ctest exit status $status); the data race report is in the output above"
say "all sanitizer tests passed in $((SECONDS - started)) s"
