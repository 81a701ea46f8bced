#!/usr/bin/env bash
# Makes this machine ready to run the benchmarks: installs what they compare against and
# build with (Google Benchmark; NetworkX, igraph, graph-tool and SciPy from Debian), then
# builds danvan with the benchmarks (DANVAN_BUILD_BENCH=ON) into ./build.
#   bench/setup.sh            then e.g.  /usr/bin/python3 bench/compare.py --scale M
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

DANVAN_PACKAGES+=(
  libbenchmark-dev                                          # the C++ micro-benchmarks
  python3-networkx python3-igraph python3-graph-tool python3-scipy  # the peers bench/compare.py measures
)
install_packages
configure_and_build -DDANVAN_BUILD_BENCH=ON
say "benchmarks built under ./$BUILD_DIR/bench; bench/README.md says what to run"
