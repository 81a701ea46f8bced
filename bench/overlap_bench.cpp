// The organization × organization projection against its own bound, the pair
// increments (Σ over tasks of C(d, 2)), and the top pairs against a full projection.
// Prints one JSON line per figure:
//
//   {"op": ..., "seconds": ..., "runs": ..., ...}
//
//   overlap_bench FILE [--repeat 10] [--threads 0] [--method automatic|full_rows|upper_triangle]
//
// `first` is the first call on the freshly loaded network (it pays for whatever the
// network builds on first use), `second` the second (CPU time; it builds the layout the
// later calls start from); the other lines are the fastest of N calls after it,
// wall clock, with `cpu_seconds` the least CPU time of the process (all threads) in
// one of them (the figure to read on a busy machine), `ns_per_increment` = seconds /
// pair increments for the projections (`cpu_ns_per_increment` from cpu_seconds) and
// `projection_over_top` = the projection's time / the top pairs' time (same weight).
#include <danvan/danvan.hpp>

#include "timing.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>

namespace {

using danvan::bench::fastest;

/// Sink for results, so that the optimizer keeps the work.
volatile std::size_t sink = 0;

/// The least CPU time of the process (every thread) over `runs` calls of f.
template <class F> double least_cpu(int runs, F&& f) {
  double best = 1e300;
  for (int r = 0; r < runs; ++r) {
    const std::clock_t c0 = std::clock();
    f();
    best = std::min(best, static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: overlap_bench FILE [--repeat N] [--threads N] [--method automatic|full_rows|upper_triangle]\n";
    return 2;
  }
  int runs = 10;
  unsigned threads = 0;
  danvan::projection_method method = danvan::projection_method::automatic;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--method") {
      const std::string m = argv[i + 1];
      method = m == "full_rows"        ? danvan::projection_method::full_rows
               : m == "upper_triangle" ? danvan::projection_method::upper_triangle
                                       : danvan::projection_method::automatic;
    }
    if (std::string(argv[i]) == "--repeat") runs = std::max(1, std::atoi(argv[i + 1]));
    if (std::string(argv[i]) == "--threads") threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
  }
  try {
    danvan::network net;
    const double load = fastest(1, [&] { net = danvan::load(argv[1]); });
    std::cout << R"({"op": "load", "seconds": )" << load << "}\n" << std::flush;
    const auto increments = danvan::estimate_projection(net).pair_increments;

    auto options = [&](danvan::overlap_weight w) {
      danvan::projection_options o;
      o.weight = w;
      o.threads = threads;
      o.method = method;
      return o;
    };
    auto project = [&](const danvan::projection_options& o) { sink = sink + danvan::project(net, {}, o).nnz(); };
    auto top = [&](const danvan::projection_options& o) { sink = sink + danvan::top_pairs(net, {}, 10, o).size(); };
    const auto count = options(danvan::overlap_weight::count), jaccard = options(danvan::overlap_weight::jaccard);

    std::cout << R"({"op": "first_project_count", "seconds": )" << fastest(1, [&] { project(count); }) << "}\n";
    // The second call on the network lays out the incidence for the kernel and keeps it.
    const double second_cpu = least_cpu(1, [&] { project(count); });
    std::cout << R"({"op": "second_project_count", "cpu_seconds": )" << second_cpu << "}\n";
    double by_weight[2] = {0, 0};
    for (int j = 0; j < 2; ++j) {
      const auto& o = j == 0 ? count : jaccard;
      const double s = fastest(runs, [&] { project(o); });
      const double cpu = least_cpu(runs, [&] { project(o); });
      by_weight[j] = s;
      std::cout << R"({"op": "project_)" << (j == 0 ? "count" : "jaccard") << R"(", "seconds": )" << s
                << R"(, "cpu_seconds": )" << cpu << R"(, "runs": )" << runs << R"(, "pair_increments": )" << increments << R"(, "ns_per_increment": )"
                << s * 1e9 / static_cast<double>(std::max<std::uint64_t>(1, increments))
                << R"(, "cpu_ns_per_increment": )"
                << cpu * 1e9 / static_cast<double>(std::max<std::uint64_t>(1, increments)) << "}\n"
                << std::flush;
    }
    for (int j = 0; j < 2; ++j) {
      const auto& o = j == 0 ? count : jaccard;
      const double s = fastest(runs, [&] { top(o); });
      const double cpu = least_cpu(runs, [&] { top(o); });
      std::cout << R"({"op": "top_pairs_10_)" << (j == 0 ? "count" : "jaccard") << R"(", "seconds": )" << s
                << R"(, "cpu_seconds": )" << cpu << R"(, "runs": )" << runs << R"(, "projection_over_top": )" << by_weight[j] / s << "}\n"
                << std::flush;
    }
  } catch (const danvan::error& e) {
    std::cerr << "overlap_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
