#!/usr/bin/env bash
# Builds everything and runs the main job on the embedded default network
# (data/haiduong-2023.json, the Hải Dương 2023 network): validates and summarizes it,
# runs the default coverage rules as of the end of 2023, lists the pairs of
# organizations that share most work, writes the HTML report of the network to
# build/report/haiduong-2023.html, and executes the analysts' notebook into
# build/notebooks/haiduong-2023.html.
#   ./scripts/run-main.sh [NETWORK.json]   (the notebook always reads the embedded network)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

network=${1:-data/haiduong-2023.json}
[[ -f $network ]] || fail "no network file $network"

install_packages
configure_and_build

say "danvan validate $network"
status=0
"$BUILD_DIR/danvan" validate "$network" || status=$?
((status == 0)) || fail "danvan validate $network (exit status $status: 1 invalid data, 2 usage or I/O error)"
say "danvan summary $network"
"$BUILD_DIR/danvan" summary "$network" || fail "danvan summary $network (exit status $?)"
say "danvan check $network --as-of 2023-12-31 (the default coverage rules)"
status=0
"$BUILD_DIR/danvan" check "$network" --as-of 2023-12-31 || status=$?
# Exit status 1 means violations of error severity: findings to read, not a failure.
((status <= 1)) || fail "danvan check $network (exit status $status)"
say "danvan overlap $network --top 10 (pairs of organizations sharing most tasks)"
"$BUILD_DIR/danvan" overlap "$network" --top 10 || fail "danvan overlap $network (exit status $?)"

report="$BUILD_DIR/report/$(basename "$network" .json).html"
say "danvan report $network -o $report"
mkdir -p "$(dirname "$report")"
texts=()
[[ -d ../shared/seeds ]] && texts=(--texts ../shared/seeds)  # quote the evidence spans of the seed article
"$BUILD_DIR/danvan" report "$network" -o "$report" --force "${texts[@]}" || fail "danvan report $network (exit status $?)"
say "the report: $(realpath "$report") (open it in a browser; it needs no network)"

html="$BUILD_DIR/notebooks/haiduong-2023.html"
say "executing docs/notebooks/haiduong-2023.ipynb"
mkdir -p "$(dirname "$html")"
PYTHONPATH="$BUILD_DIR/python" "$PYTHON" scripts/run-notebooks.py --html "$html" docs/notebooks/haiduong-2023.ipynb ||
  fail "executing docs/notebooks/haiduong-2023.ipynb (see the traceback above)"
say "the executed notebook: $(realpath "$html") (open it in a browser)"
