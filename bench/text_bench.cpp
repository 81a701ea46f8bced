// Throughput of the text layer (issue: normalization and search keys at least
// 100 MB/s, scan_references at least 30 MB/s over 100 MB of report text, a
// fuzzy look-up among 100,000 organization names under 2 ms). The report text
// is the seed article repeated to 100 MB (read at run time from
// DANVAN_SEEDS_DIR, default ../shared/seeds next to the source tree).
// Figures and the command are in bench/README.md, section "Text layer".
#include <danvan/text/normalize.hpp>
#include <danvan/text/periods.hpp>
#include <danvan/text/reference.hpp>
#include <danvan/text/search.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace dt = danvan::text;

std::string seed_path() {
  if (const char* dir = std::getenv("DANVAN_SEEDS_DIR")) return std::string(dir) + "/000_ab8e73818bcbd1b6.txt";
  return (std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "shared" / "seeds" / "000_ab8e73818bcbd1b6.txt")
      .string();
}

// 100 MB of report text: the seed article over and over.
const std::string& report_text() {
  static const std::string text = [] {
    std::ifstream in(seed_path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string seed = ss.str();
    if (seed.empty()) {
      std::fprintf(stderr, "seed article not found at %s; set DANVAN_SEEDS_DIR\n", seed_path().c_str());
      std::exit(2);
    }
    std::string big;
    big.reserve(100u << 20);
    while (big.size() + seed.size() <= (100u << 20)) big += seed;
    return big;
  }();
  return text;
}

void run_over_report(benchmark::State& state, auto&& f) {
  const std::string& text = report_text();
  for (auto _ : state) benchmark::DoNotOptimize(f(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

void BM_normalize_100MB(benchmark::State& state) {
  run_over_report(state, [](const std::string& t) { return dt::normalize(t).size(); });
}
void BM_search_key_100MB(benchmark::State& state) {
  run_over_report(state, [](const std::string& t) { return dt::search_key(t).size(); });
}
void BM_scan_references_100MB(benchmark::State& state) {
  std::size_t found = 0;
  run_over_report(state, [&](const std::string& t) { return found = dt::scan_references(t).size(); });
  state.counters["references"] = static_cast<double>(found);
}
void BM_scan_periods_100MB(benchmark::State& state) {
  std::size_t found = 0;
  run_over_report(state, [&](const std::string& t) { return found = dt::scan_periods(t).size(); });
  state.counters["periods"] = static_cast<double>(found);
}

// ---- names ------------------------------------------------------------------

const char* const kSyllables[] = {"An",   "Bình", "Cẩm",  "Chí",  "Đại",  "Đông", "Gia",  "Hà",   "Hải", "Hòa",
                                  "Hưng", "Kim",  "Kinh", "Lạc",  "Lâm",  "Long", "Minh", "Nam",  "Ninh", "Phú",
                                  "Phúc", "Quang", "Sơn", "Tân",  "Thanh", "Thái", "Thành", "Thịnh", "Tiên", "Trung",
                                  "Tứ",   "Văn",  "Việt", "Vĩnh", "Xuân", "Yên",  "Hồng", "Lương", "Đức", "Mỹ"};

const char* const kTemplates[] = {
    "Ban Dân vận Huyện ủy %D",        "Ủy ban nhân dân xã %C huyện %D", "Hội Nông dân xã %C",
    "Hội Liên hiệp Phụ nữ xã %C huyện %D", "Đoàn Thanh niên xã %C",   "Hội Cựu chiến binh phường %C thành phố %D",
    "Công an xã %C",                  "Ban Chỉ huy Quân sự xã %C",      "Đảng ủy xã %C",
    "Ủy ban Mặt trận Tổ quốc xã %C huyện %D", "Phòng Nội vụ huyện %D", "Trường Tiểu học %C",
    "Trạm Y tế xã %C",                "Hội Người cao tuổi xã %C",       "Ban Tuyên giáo Huyện ủy %D",
};

std::string place(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> s(0, std::size(kSyllables) - 1);
  return std::string(kSyllables[s(rng)]) + " " + kSyllables[s(rng)];
}

std::string fill(std::string t, const std::string& commune, const std::string& district) {
  for (std::size_t p; (p = t.find("%C")) != std::string::npos;) t.replace(p, 2, commune);
  for (std::size_t p; (p = t.find("%D")) != std::string::npos;) t.replace(p, 2, district);
  return t;
}

const std::vector<std::string>& names_100k() {
  static const std::vector<std::string> names = [] {
    std::mt19937 rng(2023);
    std::uniform_int_distribution<std::size_t> t(0, std::size(kTemplates) - 1);
    std::vector<std::string> out;
    out.reserve(100000);
    while (out.size() < 100000) out.push_back(fill(kTemplates[t(rng)], place(rng), place(rng)));
    return out;
  }();
  return names;
}

const dt::fuzzy_index& index_100k() {
  static const dt::fuzzy_index index(names_100k());
  return index;
}

void BM_fuzzy_build_100k(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(dt::fuzzy_index(names_100k()).size());
}

// One look-up per iteration, cycling through queries of each kind.
void BM_fuzzy_find_100k(benchmark::State& state) {
  const auto& index = index_100k();
  const auto& names = names_100k();
  std::vector<std::string> queries;
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < 200; ++i) {
    const std::string& n = names[(i * 7919) % names.size()];
    const std::string key = dt::search_key(n);
    switch (state.range(0)) {
      case 0: queries.push_back(n); break;                                // exact name
      case 1: queries.push_back(key.substr(0, key.size() * 2 / 3)); break;  // typed prefix
      case 2: {                                                            // one typo (transposition)
        std::string q = key;
        const std::size_t p = 2 + (i % (q.size() - 4));
        std::swap(q[p], q[p + 1]);
        queries.push_back(q);
        break;
      }
      case 3: queries.push_back("hoi phu nu " + dt::search_key(place(rng))); break;  // some words
      default: queries.push_back("zzqx wvvy"); break;                             // nothing to find
    }
  }
  std::size_t q = 0, hits = 0;
  for (auto _ : state) {
    const auto found = index.find(queries[q++ % queries.size()], 10);
    hits += !found.empty();
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["found_ratio"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}

void BM_search_key_name(benchmark::State& state) {
  const auto& names = names_100k();
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& n = names[i++ % names.size()];
    bytes += n.size();
    benchmark::DoNotOptimize(dt::search_key(n));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

}  // namespace

BENCHMARK(BM_normalize_100MB)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_search_key_100MB)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_scan_references_100MB)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_scan_periods_100MB)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_search_key_name);
BENCHMARK(BM_fuzzy_build_100k)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_fuzzy_find_100k)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Arg(4)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
