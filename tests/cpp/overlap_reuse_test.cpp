// Projections large enough (arrays of 4 MiB or more) that a dropped one leaves its
// arrays for the next: every projection in a sequence of drops, copies and projections
// held side by side must still match the definition, counted on a dense matrix.
#include <danvan/builder.hpp>
#include <danvan/query/overlap.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using danvan::overlap_weight;

constexpr std::size_t orgs = 1500;

/// Tasks of 8 organizations drawn uniformly: about half of the n(n − 1) pairs share a
/// task, some 1.1 million entries (4.5 MB of column numbers).
danvan::network dense_network() {
  std::mt19937 rng(7);
  danvan::network_builder b;
  for (std::size_t i = 0; i < orgs; ++i) b.add(danvan::organization{{.id = "org:o" + std::to_string(i), .name = "O"}});
  for (std::size_t t = 0; t < 30000; ++t) {
    danvan::task task;
    task.id = "task:t" + std::to_string(t);
    task.name = "T";
    for (int r = 0; r < 8; ++r)
      task.roles.push_back({.org = "org:o" + std::to_string(rng() % orgs), .role = r == 0 ? "lead" : "coordinate"});
    b.add(std::move(task));
  }
  return std::move(b).build();
}

class OverlapReuse : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    net = new danvan::network(dense_network());
    std::vector<std::set<danvan::index>> on(net->tasks().size());
    for (const auto r : net->roles()) on[r.target()].insert(r.org().position());
    shared = new std::vector<std::uint32_t>(orgs * orgs, 0);
    items = new std::vector<std::uint32_t>(orgs, 0);
    for (const auto& s : on)
      for (auto a : s) {
        ++(*items)[a];
        for (auto b : s)
          if (a != b) ++(*shared)[a * orgs + b];
      }
  }
  static void TearDownTestSuite() {
    delete net;
    delete shared;
    delete items;
  }
  static danvan::network* net;
  static std::vector<std::uint32_t>* shared;  // items each (a, b) shares, dense
  static std::vector<std::uint32_t>* items;   // items of each organization

  static danvan::projection project(overlap_weight w, double min_weight = 0, unsigned threads = 1) {
    danvan::projection_options o;
    o.weight = w;
    o.min_weight = min_weight;
    o.threads = threads;
    return danvan::project(*net, {}, o);
  }

  /// Every entry of p against the dense counts, and no pair at the threshold missing.
  static void expect_definition(const danvan::projection& p, overlap_weight w, double min_weight = 0) {
    auto weight = [w](std::uint32_t c, std::uint32_t da, std::uint32_t db) {
      return w == overlap_weight::jaccard ? static_cast<double>(c) / static_cast<double>(da + db - c)
                                          : static_cast<double>(c);
    };
    std::size_t want = 0;
    for (danvan::index a = 0; a < orgs; ++a)
      for (danvan::index b = 0; b < orgs; ++b) {
        const std::uint32_t c = (*shared)[a * orgs + b];
        want += c > 0 && weight(c, (*items)[a], (*items)[b]) >= min_weight;
      }
    if (min_weight == 0) ASSERT_GT(want, std::size_t{1} << 20);  // large enough to be kept when dropped
    ASSERT_EQ(p.nnz(), want);
    ASSERT_EQ(p.weights().empty(), w == overlap_weight::count);
    for (danvan::index a = 0; a < orgs; ++a)
      for (auto e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e) {
        const danvan::index b = p.indices()[e];
        ASSERT_TRUE(e == p.indptr()[a] || p.indices()[e - 1] < b) << a;
        const std::uint32_t c = (*shared)[a * orgs + b];
        ASSERT_EQ(p.counts()[e], c) << a << " " << b;
        ASSERT_EQ(p.weight_at(e), weight(c, (*items)[a], (*items)[b])) << a << " " << b;
      }
  }
};

danvan::network* OverlapReuse::net = nullptr;
std::vector<std::uint32_t>* OverlapReuse::shared = nullptr;
std::vector<std::uint32_t>* OverlapReuse::items = nullptr;

TEST_F(OverlapReuse, DroppedArraysServeTheNextProjections) {
  // The first call projects without the network's layout, the later ones with it; each
  // is dropped before the next, whose arrays are then the dropped ones.
  for (int round = 0; round < 2; ++round) {
    expect_definition(project(overlap_weight::count), overlap_weight::count);
    expect_definition(project(overlap_weight::jaccard), overlap_weight::jaccard);
    expect_definition(project(overlap_weight::count, 0, 2), overlap_weight::count);
    expect_definition(project(overlap_weight::count, 3), overlap_weight::count, 3);
    expect_definition(project(overlap_weight::jaccard, 0.01, 2), overlap_weight::jaccard, 0.01);
    expect_definition(project(overlap_weight::jaccard), overlap_weight::jaccard);
  }
}

TEST_F(OverlapReuse, TheNextProjectionWritesIntoTheDroppedOnesArrays) {
  std::uintptr_t dropped = 0;  // an address, not a pointer: it outlives what it pointed to
  {
    const auto p = project(overlap_weight::jaccard);
    dropped = reinterpret_cast<std::uintptr_t>(p.indices().data());
  }
  const auto q = project(overlap_weight::jaccard);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(q.indices().data()), dropped);
  expect_definition(q, overlap_weight::jaccard);
}

TEST_F(OverlapReuse, ProjectionsHeldCopiedAndMovedStayTheirOwn) {
  auto a = project(overlap_weight::jaccard);
  auto b = project(overlap_weight::jaccard);
  EXPECT_NE(a.indices().data(), b.indices().data());
  const auto copy = a;
  { const auto dropped = std::move(a); }
  auto c = project(overlap_weight::count);  // may take the dropped arrays, not those of b or the copy
  EXPECT_NE(c.indices().data(), b.indices().data());
  EXPECT_NE(c.indices().data(), copy.indices().data());
  expect_definition(b, overlap_weight::jaccard);
  expect_definition(copy, overlap_weight::jaccard);
  expect_definition(c, overlap_weight::count);
  b = project(overlap_weight::count, 2);
  expect_definition(b, overlap_weight::count, 2);
  expect_definition(copy, overlap_weight::jaccard);
}

}  // namespace
