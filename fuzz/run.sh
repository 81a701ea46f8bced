#!/bin/sh
# Builds danvan's libFuzzer targets with clang in a build directory of their own
# and runs each for a bounded time over fuzz/corpus/<target>/, with the
# dictionary fuzz/<target>.dict when there is one.
#
#   fuzz/run.sh [seconds per target, default 300] [targets..., default: all nine]
#
# Targets: normalize reference periods (text layer), json rules gazetteer (file
# readers), extract (the extractor), as_of (the network as of a day), csv (the CSV
# tables reader); fuzz/README.md says what each checks. New inputs go to <build>/corpus/<target>/ (the seed corpus
# in the source tree is only read); crashes to <build>/artifacts/<target>/. Exit
# status 1 when a target found a crash. Environment: DANVAN_FUZZ_BUILD (default
# build-fuzz), CXX_FUZZ (default clang++-14), FUZZ_JOBS (build jobs, default 2).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:-300}
[ $# -gt 0 ] && shift
targets=${*:-normalize reference periods json rules gazetteer extract as_of csv}
build=${DANVAN_FUZZ_BUILD:-$root/build-fuzz}
cxx=${CXX_FUZZ:-clang++-14}

mkdir -p "$build"
cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDANVAN_FUZZ=ON -DDANVAN_BUILD_TESTS=OFF -DDANVAN_BUILD_PYTHON=OFF -DDANVAN_BUILD_APPS=OFF \
  -DDANVAN_BUILD_BENCH=OFF -DDANVAN_INSTALL=OFF >"$build/configure.log" 2>&1 ||
  { cat "$build/configure.log"; exit 2; }
for t in $targets; do
  cmake --build "$build" -j "${FUZZ_JOBS:-2}" --target "${t}_fuzz"
done

status=0
for t in $targets; do
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
  # Whole network, rules and gazetteer files are longer than the texts the other
  # targets read; a seed longer than -max_len would be cut into invalid JSON.
  case $t in
    json | as_of | rules | gazetteer | csv) max_len=16384 ;;
    *) max_len=4096 ;;
  esac
  dict=
  [ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
  echo "== $t: ${seconds}s"
  # shellcheck disable=SC2086 # $dict is one argument or none
  if "$build/fuzz/${t}_fuzz" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" $dict \
       "$build/corpus/$t" "$here/corpus/$t" >"$build/$t.log" 2>&1; then
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$build/$t.log" || true
  else
    status=1
    echo "$t: FAILED; see $build/$t.log and $build/artifacts/$t/"
    tail -n 30 "$build/$t.log"
  fi
  echo "   corpus: $(ls "$build/corpus/$t" | wc -l) inputs"
done
exit $status
