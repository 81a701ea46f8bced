// The seed article that data/haiduong-2023.json cites (shared/seeds/ beside the
// repository). A checkout outside that layout has no seed: tests that read it
// skip with the reason instead of failing, and run wherever the article is.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace danvan_test {

inline constexpr const char* kSeedFile = "000_ab8e73818bcbd1b6.txt";

/// The folder of seed articles: $DANVAN_SEEDS_DIR when set, else the one the build was
/// configured with.
inline std::filesystem::path seeds_dir() {
  if (const char* env = std::getenv("DANVAN_SEEDS_DIR"); env && *env) return env;
  return DANVAN_SEEDS_DIR;
}

/// The seed article's bytes, or nothing when the file is not there.
inline std::optional<std::string> seed_article() {
  std::ifstream in(seeds_dir() / kSeedFile, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace danvan_test

/// Declares `const std::string name` holding the seed article, or skips the test.
#define DANVAN_SEED_ARTICLE(name)                                                                  \
  const auto name##_or_none = ::danvan_test::seed_article();                                       \
  if (!name##_or_none)                                                                             \
    GTEST_SKIP() << "seed article not found under " << ::danvan_test::seeds_dir().string()         \
                 << "; set DANVAN_SEEDS_DIR";                                                      \
  const std::string& name = *name##_or_none
