// What changed between two networks: the time of danvan::diff next to loading them.
// One JSON line per figure:
//
//   diff_bench A.json B.json [--repeat N]
//
// `load` is the load of each file, `diff` the fastest of N diffs of the two (entities,
// roles, responsibility, overlap pairs sharing 2 tasks or more, and the default
// coverage rules), `diff_without_coverage` the same without the coverage part.
// bench/move_roles.py makes B from A with a share of its roles moved.
#include <danvan/danvan.hpp>

#include "timing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

using danvan::bench::fastest;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: diff_bench A.json B.json [--repeat N]\n";
    return 2;
  }
  int runs = 3;
  for (int i = 3; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--repeat") runs = std::max(1, std::atoi(argv[i + 1]));
  try {
    danvan::network a, b;
    std::cout << R"({"op": "load", "seconds": )" << fastest(1, [&] { a = danvan::load(argv[1]); }) << "}\n";
    std::cout << R"({"op": "load", "seconds": )" << fastest(1, [&] { b = danvan::load(argv[2]); }) << "}\n";
    danvan::network_diff d;
    const double full = fastest(runs, [&] { d = danvan::diff(a, b); });
    std::cout << R"({"op": "diff", "seconds": )" << full << R"(, "entities": )" << d.entities.size()
              << R"(, "roles": )" << d.roles.size() << R"(, "responsibility": )" << d.responsibility.size()
              << R"(, "pairs": )" << d.pairs.size() << R"(, "findings": )" << d.findings.size() << "}\n";
    danvan::diff_options o;
    o.coverage = false;
    std::cout << R"({"op": "diff_without_coverage", "seconds": )" << fastest(runs, [&] { d = danvan::diff(a, b, o); })
              << "}\n";
  } catch (const danvan::error& e) {
    std::cerr << "diff_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
