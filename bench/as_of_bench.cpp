// The network as of a day: what building it costs next to loading the file, and
// whether queries on it run as fast as on a loaded network of the same content.
// Prints one JSON line per figure:
//
//   {"op": ..., "on": ..., "seconds": ..., "runs": ...}
//
//   as_of_bench FILE [--date 2025-09-01] [--repeat 5]
//
// `load` is one danvan::load of FILE; `as_of` the fastest of N calls of
// danvan::as_of (a new network each time, not the cached one). Each query is timed
// on the network as of the day ("as_of") and on the same network saved and loaded
// again ("loaded"): the same content, built by the loader. Times are the fastest of
// N runs, wall clock.
#include <danvan/danvan.hpp>

#include "timing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

using danvan::bench::fastest;

void line(const std::string& op, const std::string& on, double seconds, int runs, const std::string& note = {}) {
  std::cout << R"({"op": ")" << op << R"(", "on": ")" << on << R"(", "seconds": )" << seconds << R"(, "runs": )" << runs;
  if (!note.empty()) std::cout << R"(, "note": ")" << note << '"';
  std::cout << "}\n" << std::flush;
}

/// Sink for results, so that the optimizer keeps the work.
volatile std::size_t sink = 0;

void queries(const danvan::network& net, const std::string& on, int runs) {
  line("top_pairs_10", on, fastest(runs, [&] { sink = sink + danvan::top_pairs(net, {}, 10).size(); }), runs);
  line("project_count", on, fastest(runs, [&] { sink = sink + danvan::project(net).counts().size(); }), runs);
  line("check_default_rules", on,
       fastest(runs, [&] { sink = sink + danvan::find_violations(net, danvan::default_rules()).size(); }), runs);
  const auto n = static_cast<danvan::index>(net.tasks().size());
  line("lead_of_100000", on, fastest(runs, [&] {
         for (danvan::index i = 0; i < 100000 && n > 0; ++i) sink = sink + static_cast<std::size_t>(danvan::lead_of(net, (i * 7919u) % n) + 2);
       }),
       runs);
  line("portfolio_all_orgs", on, fastest(runs, [&] {
         for (danvan::index o = 0; o < net.organizations().size(); ++o) sink = sink + danvan::portfolio(net, o).size();
       }),
       runs);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: as_of_bench FILE [--date YYYY-MM-DD] [--repeat N]\n";
    return 2;
  }
  const std::string file = argv[1];
  std::string day_text = "2025-09-01";
  int runs = 5;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--date") day_text = argv[i + 1];
    if (std::string(argv[i]) == "--repeat") runs = std::max(1, std::atoi(argv[i + 1]));
  }
  const auto day = danvan::date::parse(day_text);
  if (!day) {
    std::cerr << "as_of_bench: --date " << day_text << " is not a date: " << danvan::date::why_not(day_text) << '\n';
    return 2;
  }
  try {
    danvan::network net;
    line("load", "file", fastest(1, [&] { net = danvan::load(file); }), 1);
    danvan::network dated;
    const double seconds = fastest(runs, [&] { dated = danvan::as_of(net, *day); });
    line("as_of", "network", seconds, runs,
         std::to_string(dated.roles().size()) + " roles, " + std::to_string(danvan::count_moved_roles(dated).carried) +
             " carried, " + std::to_string(danvan::count_moved_roles(dated).orphaned) + " orphaned");
    const danvan::network loaded = danvan::loads(danvan::dumps(dated), "<as-of, saved and loaded>");
    queries(dated, "as_of", runs);
    queries(loaded, "loaded", runs);
  } catch (const danvan::error& e) {
    std::cerr << "as_of_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
