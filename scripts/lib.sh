# Shared by scripts/run-*.sh: installing the Debian packages danvan needs,
# configuring and building into ./build. Source it; do not run it.

# Packages, and why (README.md, "Dependencies").
DANVAN_PACKAGES=(
  build-essential cmake pkg-config             # compiler and build
  nlohmann-json3-dev libsimdjson-dev           # the JSON file format (simdjson: the fast load path)
  libboost-graph-dev                           # network metrics (Boost.Graph)
  libcli11-dev                                 # the command line
  libutf8proc-dev                              # Unicode normalization in the text layer
  libssl-dev                                   # SHA-256 of the texts evidence cites (extraction)
  libgtest-dev libgmock-dev googletest         # C++ tests
  doxygen                                      # the API reference, checked by the tests
  pybind11-dev python3-dev python3-pybind11    # the Python bindings
  python3-numpy python3-pandas python3-scipy   # the Python layer's tables and matrices
  python3-networkx                             # to_networkx() and the peer in tests and benchmarks
  python3-pytest python3-jsonschema            # Python tests, schema test
  python3-matplotlib fonts-dejavu-core          # plots, with Vietnamese glyphs
  graphviz                                     # `danvan report`: the coordination graph; DOT exports are drawn in tests
  libxlsxwriter-dev                            # the xlsx export
  libcsv-dev                                   # reading CSV tables back (danvan import)
  python3-igraph python3-openpyxl              # exports' tests: igraph reads the GraphML, openpyxl the workbook
  chromium fonts-noto-core                     # the report's browser test (headless Chromium), Vietnamese glyphs
  python3-nbclient python3-nbformat python3-nbconvert jupyter-nbconvert python3-ipykernel python3-jupyter-client  # notebooks
  python3-venv python3-pip python3-setuptools python3-wheel  # the pip install test
)

PYTHON=${PYTHON:-/usr/bin/python3}
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
SCRIPT_NAME=$(basename "$0")

say() { printf '%s: %s\n' "$SCRIPT_NAME" "$*"; }
fail() {
  printf '%s: FAILED: %s\n' "$SCRIPT_NAME" "$*" >&2
  exit 1
}

# Runs "$@" as the step named $1's description; on failure says which step failed.
step() {
  local what=$1
  shift
  say "$what"
  "$@" || fail "$what (exit status $?; command: $*)"
}

install_packages() {
  local missing=() p
  for p in "${DANVAN_PACKAGES[@]}"; do
    [[ $p == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    say "all ${#DANVAN_PACKAGES[@]} Debian packages are installed"
    return 0
  fi
  say "installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || fail "installing ${missing[*]} needs root (or sudo)"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q || fail "apt-get update (needed to install ${missing[*]})"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    fail "apt-get install ${missing[*]}"
}

configure_and_build() {
  [[ -x $PYTHON ]] || fail "no Python interpreter at PYTHON=$PYTHON"
  step "configuring into ./$BUILD_DIR (Python: $PYTHON)" \
    cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE="$PYTHON" "$@"
  step "building with $JOBS jobs" cmake --build "$BUILD_DIR" -j "$JOBS"
}
