// Extraction throughput: 10 MB of report text (the seed article and the two
// test reports of tests/data/gold, repeated) in under 2 s is the target.
//
//     build/bench/extract_bench                        # seeds from $DANVAN_SEEDS_DIR or ../shared/seeds
//     build/bench/extract_bench --benchmark_filter=10MB
//
// Reports wall time (real_time), CPU time of the calling thread, bytes per
// second and the number of items found.
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
namespace dt = danvan::text;

namespace {

const fs::path kRoot = fs::path(__FILE__).parent_path().parent_path();

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path seeds_dir() {
  if (const char* env = std::getenv("DANVAN_SEEDS_DIR"); env && *env) return env;
  return kRoot.parent_path() / "shared" / "seeds";
}

/// The report texts the benchmark repeats: the seed article (when found) and
/// the reports written for the tests.
const std::string& reports() {
  static const std::string text = [] {
    std::string all = read(seeds_dir() / "000_ab8e73818bcbd1b6.txt");
    if (all.empty()) std::cerr << "extract_bench: seed article not found under " << seeds_dir() << "; using the test reports only\n";
    for (const char* f : {"quangninh-2023.txt", "nghean-2024.txt"}) all += "\n\n" + read(kRoot / "tests" / "data" / "gold" / f);
    return all;
  }();
  return text;
}

std::string corpus(std::size_t bytes) {
  std::string out;
  out.reserve(bytes + reports().size());
  while (out.size() < bytes) out += reports() + "\n\n";
  return out;
}

const dt::gazetteer& gaz() {
  static const dt::gazetteer g = dt::gazetteer::load(kRoot / "data" / "gazetteer");
  return g;
}

void run(benchmark::State& state, std::size_t bytes, unsigned threads) {
  const std::string text = corpus(bytes);
  dt::extract_options o;
  o.gazetteer = &gaz();
  o.threads = threads;
  std::size_t items = 0;
  for (auto _ : state) {
    const auto d = dt::extract(text, o);
    items = d.items().size();
    benchmark::DoNotOptimize(items);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["items"] = static_cast<double>(items);
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}

void BM_Extract10MB(benchmark::State& state) { run(state, 10'000'000, 2); }
void BM_Extract10MB_OneThread(benchmark::State& state) { run(state, 10'000'000, 1); }
void BM_ExtractOneReport(benchmark::State& state) { run(state, 1, 1); }

void BM_GazetteerLoadAndIndex(benchmark::State& state) {
  for (auto _ : state) {
    const auto g = dt::gazetteer::load(kRoot / "data" / "gazetteer");
    dt::extract_options o;
    o.gazetteer = &g;
    benchmark::DoNotOptimize(dt::extract("Ban Dân vận", o));  // the first extraction compiles the gazetteer
  }
}

}  // namespace

BENCHMARK(BM_Extract10MB)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_Extract10MB_OneThread)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_ExtractOneReport)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GazetteerLoadAndIndex)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
