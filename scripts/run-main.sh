#!/usr/bin/env bash
# Builds everything and runs the main job: checks the embedded default network
# (data/haiduong-2023.json, the Hải Dương 2023 network) and summarizes it.
#   ./scripts/run-main.sh [NETWORK.json]
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
