// The organization × organization projection, its size, top pairs, shared items,
// topic overlap: a hand-checked network, bad input, and properties on random networks
// against a direct computation (duplicate candidates: duplicates_test.cpp).
#include <danvan/builder.hpp>
#include <danvan/io/json.hpp>
#include <danvan/query/overlap.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using danvan::overlap_weight;
using danvan::projection_on;

// A, B, C share t1 and t3 (A holds two roles on t3); A and B also t2; D and E t5;
// D alone on t4. A and C sign program p1. E exists from 2025.
const char* small_text = R"({
  "danvan": "1",
  "areas": [{"id": "area:tinh", "name": "Tỉnh", "level": "province"},
            {"id": "area:huyen-a", "name": "Huyện A", "level": "district", "parent": "area:tinh"},
            {"id": "area:huyen-b", "name": "Huyện B", "level": "district", "parent": "area:tinh"}],
  "topics": [{"id": "topic:root", "name": "Gốc"}, {"id": "topic:child", "name": "Con", "parent": "topic:root"},
             {"id": "topic:empty", "name": "Không dùng"}],
  "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}, {"id": "org:c", "name": "C"},
                    {"id": "org:d", "name": "D"}, {"id": "org:e", "name": "E", "valid_from": "2025"}],
  "programs": [{"id": "prog:p1", "name": "P1", "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:c", "role": "sign"}]}],
  "tasks": [
    {"id": "task:t1", "name": "T1", "topics": ["topic:child"], "areas": ["area:huyen-a"], "due": "2023",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}, {"org": "org:c", "role": "coordinate"}]},
    {"id": "task:t2", "name": "T2", "topics": ["topic:child"], "areas": ["area:tinh"], "due": "2023-06",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
    {"id": "task:t3", "name": "T3", "topics": ["topic:root"], "areas": ["area:huyen-b"],
     "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:c", "role": "advise"},
               {"org": "org:a", "role": "coordinate"}, {"org": "org:a", "role": "advise"}]},
    {"id": "task:t4", "name": "T4", "roles": [{"org": "org:d", "role": "lead"}]},
    {"id": "task:t5", "name": "T5", "roles": [{"org": "org:d", "role": "lead"}, {"org": "org:e", "role": "coordinate"}]}]
})";

enum org : danvan::index { A, B, C, D, E };

class OverlapTest : public ::testing::Test {
 protected:
  danvan::network net = danvan::loads(small_text);

  /// (a, b) → weight of every entry.
  static std::map<std::pair<danvan::index, danvan::index>, double> entries(const danvan::projection& p) {
    std::map<std::pair<danvan::index, danvan::index>, double> out;
    for (danvan::index a = 0; a < p.size; ++a)
      for (auto e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e) out[{a, p.indices()[e]}] = p.weight_at(e);
    return out;
  }
  danvan::projection project(overlap_weight w, double min_weight = 0, std::vector<std::string> left = {},
                             std::vector<std::string> right = {}) {
    danvan::projection_options o;
    o.weight = w;
    o.min_weight = min_weight;
    o.left_roles = std::move(left);
    o.right_roles = std::move(right);
    return danvan::project(net, {}, o);
  }
};

TEST_F(OverlapTest, CountsEachOrganizationOncePerTask) {
  const auto p = project(overlap_weight::count);
  EXPECT_TRUE(p.symmetric);
  EXPECT_EQ(p.size, 5u);
  using M = std::map<std::pair<danvan::index, danvan::index>, double>;
  EXPECT_EQ(entries(p), (M{{{A, B}, 3}, {{B, A}, 3}, {{A, C}, 2}, {{C, A}, 2}, {{B, C}, 2}, {{C, B}, 2},
                           {{D, E}, 1}, {{E, D}, 1}}));
  EXPECT_EQ(p.row_items, (std::vector<std::uint32_t>{3, 3, 2, 2, 1}));
  EXPECT_TRUE(p.weights().empty());
  EXPECT_EQ(p.indptr()[5], 8u);
  ASSERT_TRUE(p.find(A, C));
  EXPECT_EQ(p.counts()[*p.find(A, C)], 2u);
  EXPECT_FALSE(p.find(A, D));
  EXPECT_FALSE(p.find(A, A));
}

TEST_F(OverlapTest, JaccardOverlapAndNewmanWeights) {
  using M = std::map<std::pair<danvan::index, danvan::index>, double>;
  const auto j = entries(project(overlap_weight::jaccard));
  EXPECT_DOUBLE_EQ(j.at({A, B}), 1.0);
  EXPECT_DOUBLE_EQ(j.at({A, C}), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(j.at({C, B}), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(j.at({E, D}), 0.5);
  const auto o = entries(project(overlap_weight::overlap));
  EXPECT_DOUBLE_EQ(o.at({A, C}), 1.0);
  EXPECT_DOUBLE_EQ(o.at({D, E}), 1.0);
  // Newman: t1 and t3 have three organizations (1/2 each), t2 and t5 two (1 each).
  EXPECT_EQ(entries(project(overlap_weight::newman)),
            (M{{{A, B}, 2.0}, {{B, A}, 2.0}, {{A, C}, 1.0}, {{C, A}, 1.0}, {{B, C}, 1.0}, {{C, B}, 1.0},
               {{D, E}, 1.0}, {{E, D}, 1.0}}));
}

TEST_F(OverlapTest, RoleFiltersOnEachSide) {
  using M = std::map<std::pair<danvan::index, danvan::index>, double>;
  const auto lead_any = project(overlap_weight::count, 0, {"lead"}, {});
  EXPECT_FALSE(lead_any.symmetric);
  EXPECT_EQ(entries(lead_any), (M{{{A, B}, 2}, {{A, C}, 1}, {{B, A}, 1}, {{B, C}, 1}, {{D, E}, 1}}));
  EXPECT_EQ(project(overlap_weight::count, 0, {"lead"}, {"lead"}).nnz(), 0u);
  // Jaccard with role sets uses each side's own item counts: |A_lead| = 2, |C_any| = 2.
  const auto j = entries(project(overlap_weight::jaccard, 0, {"lead"}, {}));
  EXPECT_DOUBLE_EQ(j.at({A, C}), 1.0 / 3.0);
  // the scope's roles apply to both sides first
  danvan::scope s;
  s.roles = {"lead", "coordinate"};
  const auto p = danvan::project(net, s, {});
  EXPECT_EQ(entries(p), (M{{{A, B}, 3}, {{B, A}, 3}, {{A, C}, 1}, {{C, A}, 1}, {{B, C}, 1}, {{C, B}, 1},
                           {{D, E}, 1}, {{E, D}, 1}}));
}

TEST_F(OverlapTest, ThresholdIsAppliedWhileProjecting) {
  using M = std::map<std::pair<danvan::index, danvan::index>, double>;
  EXPECT_EQ(entries(project(overlap_weight::count, 2.5)), (M{{{A, B}, 3}, {{B, A}, 3}}));
  EXPECT_EQ(project(overlap_weight::jaccard, 0.7).nnz(), 2u);
  EXPECT_EQ(project(overlap_weight::jaccard, 1.5).nnz(), 0u);  // above every weight: empty, not an error
}

TEST_F(OverlapTest, BadThresholdsAndRolesAreArgumentErrors) {
  for (double bad : {-1.0, -1e-300, std::numeric_limits<double>::quiet_NaN()}) {
    danvan::projection_options o;
    o.min_weight = bad;
    EXPECT_THROW((void)danvan::project(net, {}, o), danvan::argument_error);
    EXPECT_THROW((void)danvan::top_pairs(net, {}, 3, o), danvan::argument_error);
    EXPECT_THROW((void)danvan::estimate_projection(net, {}, o), danvan::argument_error);
  }
  danvan::projection_options o;
  o.left_roles = {"leed"};
  try {
    (void)danvan::project(net, {}, o);
    FAIL() << "no error";
  } catch (const danvan::argument_error& e) {
    EXPECT_STREQ(e.what(), "left roles: unknown role `leed`; did you mean `lead`?");
  }
  EXPECT_THROW((void)danvan::parse_overlap_weight("cosine"), danvan::argument_error);
  EXPECT_EQ(danvan::parse_overlap_weight("newman"), overlap_weight::newman);
  EXPECT_EQ(danvan::parse_projection_on("programs"), projection_on::programs);
  // argument_error is a danvan::error
  EXPECT_THROW((void)danvan::parse_projection_on("people"), danvan::error);
}

TEST_F(OverlapTest, ScopesThatSelectLessOrNothing) {
  danvan::scope before;
  before.as_of = danvan::date(2023, 9, 16);  // E does not exist yet
  EXPECT_FALSE(danvan::project(net, before, {}).find(D, E));
  EXPECT_TRUE(danvan::project(net, before, {}).find(A, B));

  danvan::scope nothing;
  nothing.topics = {"topic:empty"};
  const auto p = danvan::project(net, nothing, {});
  EXPECT_EQ(p.nnz(), 0u);
  EXPECT_EQ(p.indptr().size(), 6u);
  EXPECT_TRUE(danvan::top_pairs(net, nothing, 5).empty());
  const auto e = danvan::estimate_projection(net, nothing, {}, true);
  EXPECT_EQ(e.pair_increments, 0u);
  EXPECT_EQ(e.entries, 0u);

  danvan::scope child;
  child.topics = {"topic:child"};
  EXPECT_EQ(entries(danvan::project(net, child, {})).size(), 6u);  // A-B (t1, t2), A-C and B-C (t1), both ways
  EXPECT_THROW((void)danvan::project(net, danvan::scope{.program = "prog:none"}, {}), danvan::not_found);
}

TEST_F(OverlapTest, ProgramsAreItemsToo) {
  danvan::projection_options o;
  o.on = projection_on::programs;
  using M = std::map<std::pair<danvan::index, danvan::index>, double>;
  EXPECT_EQ(entries(danvan::project(net, {}, o)), (M{{{A, C}, 1}, {{C, A}, 1}}));
}

TEST_F(OverlapTest, EstimateBeforeProjecting) {
  const auto e = danvan::estimate_projection(net, {}, {});
  EXPECT_EQ(e.items, 4u);                // t4 pairs nobody
  EXPECT_EQ(e.pair_increments, 8u);      // 3 + 1 + 3 + 1
  EXPECT_EQ(e.upper_bound, 16u);
  EXPECT_FALSE(e.entries);
  danvan::projection_options o;
  o.min_weight = 2;
  const auto x = danvan::estimate_projection(net, {}, o, true);
  EXPECT_EQ(x.entries, 6u);
  EXPECT_EQ(*x.entries, danvan::project(net, {}, o).nnz());
  o.left_roles = {"lead"};
  o.min_weight = 0;
  const auto d = danvan::estimate_projection(net, {}, o, true);
  EXPECT_EQ(d.pair_increments, 6u);  // ordered (lead, other) pairs: t1 2, t2 1, t3 2, t5 1
  EXPECT_EQ(*d.entries, danvan::project(net, {}, o).nnz());
}

TEST_F(OverlapTest, TopPairsLargestFirstTiesByPosition) {
  const auto top = danvan::top_pairs(net, {}, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0], (danvan::organization_pair{A, B, 3, 3.0}));
  EXPECT_EQ(top[1], (danvan::organization_pair{A, C, 2, 2.0}));
  EXPECT_EQ(top[2], (danvan::organization_pair{B, C, 2, 2.0}));
  EXPECT_EQ(danvan::top_pairs(net, {}, 100).size(), 4u);  // k above the number of pairs: all of them
  EXPECT_TRUE(danvan::top_pairs(net, {}, 0).empty());
  danvan::projection_options lead_any;
  lead_any.left_roles = {"lead"};
  const auto directed = danvan::top_pairs(net, {}, 2, lead_any);
  EXPECT_EQ(directed[0], (danvan::organization_pair{A, B, 2, 2.0}));
  EXPECT_EQ(directed[1], (danvan::organization_pair{A, C, 1, 1.0}));
}

TEST_F(OverlapTest, SharedItemsWithEachSidesRoles) {
  const auto shared = danvan::shared_items(net, {}, A, C);
  ASSERT_EQ(shared.size(), 2u);
  const auto lead = *net.vocabulary().find("lead"), advise = *net.vocabulary().find("advise"),
             coordinate = *net.vocabulary().find("coordinate");
  EXPECT_EQ(shared[0].item, net.task("task:t1").position());
  EXPECT_EQ(shared[0].roles_a, std::vector<danvan::role_index>{lead});
  EXPECT_EQ(shared[0].roles_b, std::vector<danvan::role_index>{coordinate});
  EXPECT_EQ(shared[1].item, net.task("task:t3").position());
  EXPECT_EQ(shared[1].roles_a, (std::vector<danvan::role_index>{advise, coordinate}));
  EXPECT_TRUE(danvan::shared_items(net, {}, A, A).empty());
  EXPECT_TRUE(danvan::shared_items(net, {}, A, D).empty());
  danvan::projection_options o;
  o.left_roles = {"lead"};
  EXPECT_EQ(danvan::shared_items(net, {}, A, C, o).size(), 1u);
  o.on = projection_on::programs;
  EXPECT_EQ(danvan::shared_items(net, {}, A, C, o).at(0).kind, danvan::entity_kind::program);
  EXPECT_THROW((void)danvan::shared_items(net, {}, A, 99), std::out_of_range);
}

TEST_F(OverlapTest, TopicOverlapDirectAndRolledUp) {
  const auto root = net.topic("topic:root").position(), child = net.topic("topic:child").position();
  auto row = [](const danvan::topic_matrix& m, danvan::index a) {
    std::map<danvan::index, std::uint32_t> out;
    for (auto e = m.indptr()[a]; e < m.indptr()[a + 1]; ++e) out[m.indices()[e]] = m.counts()[e];
    return out;
  };
  const auto direct = danvan::topic_overlap(net, {}, {});
  EXPECT_EQ(direct.rows, 5u);
  EXPECT_EQ(direct.cols, 3u);
  EXPECT_EQ(row(direct, A), (std::map<danvan::index, std::uint32_t>{{root, 1}, {child, 2}}));
  EXPECT_TRUE(row(direct, D).empty());
  danvan::topic_overlap_options up;
  up.rollup = true;
  EXPECT_EQ(row(danvan::topic_overlap(net, {}, up), A), (std::map<danvan::index, std::uint32_t>{{root, 3}, {child, 2}}));
  up.roles = {"lead"};
  EXPECT_EQ(row(danvan::topic_overlap(net, {}, up), A), (std::map<danvan::index, std::uint32_t>{{root, 2}, {child, 2}}));
}

// ---- properties on random networks ----

/// A random network: `orgs` organizations picked with a skew, `tasks` tasks of 1..7
/// roles (sometimes the same organization twice, with another role), then `large`
/// tasks of 40..80 roles.
danvan::network random_network(unsigned seed, std::size_t orgs, std::size_t tasks, std::size_t large = 0) {
  std::mt19937 rng(seed);
  danvan::network_builder b;
  for (std::size_t i = 0; i < orgs; ++i) b.add(danvan::organization{{.id = "org:o" + std::to_string(i), .name = "O"}});
  const char* roles[] = {"lead", "coordinate", "advise", "sign"};
  std::uniform_real_distribution<double> u(0, 1);
  for (std::size_t t = 0; t < tasks + large; ++t) {
    danvan::task task;
    task.id = "task:t" + std::to_string(t);
    task.name = "T";
    const int k = t < tasks ? 1 + static_cast<int>(rng() % 7) : 40 + static_cast<int>(rng() % 41);
    for (int r = 0; r < k; ++r) {
      const auto o = static_cast<std::size_t>(std::pow(u(rng), 2.0) * static_cast<double>(orgs));
      task.roles.push_back({.org = "org:o" + std::to_string(o), .role = roles[rng() % 4]});
    }
    b.add(std::move(task));
  }
  return std::move(b).build();
}

/// The projection straight from its definition, with maps.
std::map<std::pair<danvan::index, danvan::index>, std::pair<std::uint32_t, double>> direct(
    const danvan::network& net, overlap_weight w, const std::set<std::string>& left, const std::set<std::string>& right,
    double min_weight) {
  const std::size_t n = net.organizations().size();
  std::vector<std::set<danvan::index>> L(n), R(n);
  std::map<danvan::index, std::set<danvan::index>> on_left, on_right, any;
  for (const auto r : net.roles()) {
    const auto name = std::string(r.role_name());
    if (left.empty() || left.count(name)) on_left[r.target()].insert(r.org().position());
    if (right.empty() || right.count(name)) on_right[r.target()].insert(r.org().position());
    if (left.empty() || left.count(name) || right.empty() || right.count(name)) any[r.target()].insert(r.org().position());
  }
  for (auto& [t, s] : on_left)
    for (auto a : s) L[a].insert(t);
  for (auto& [t, s] : on_right)
    for (auto b : s) R[b].insert(t);
  std::map<std::pair<danvan::index, danvan::index>, std::pair<std::uint32_t, double>> out;
  for (auto& [t, ls] : on_left)
    for (auto a : ls)
      for (auto b : on_right[t]) {
        if (a == b) continue;
        auto& e = out[{a, b}];
        ++e.first;
        e.second += 1.0 / static_cast<double>(any[t].size() - 1);
      }
  std::map<std::pair<danvan::index, danvan::index>, std::pair<std::uint32_t, double>> kept;
  for (auto& [ab, e] : out) {
    const double c = e.first, la = static_cast<double>(L[ab.first].size()), rb = static_cast<double>(R[ab.second].size());
    double x = c;
    if (w == overlap_weight::jaccard) x = c / (la + rb - c);
    if (w == overlap_weight::overlap) x = c / std::min(la, rb);
    if (w == overlap_weight::newman) x = e.second;
    if (x >= min_weight) kept[ab] = {e.first, x};
  }
  return kept;
}

struct random_case {
  unsigned seed;
  overlap_weight weight;
  std::set<std::string> left, right;
  double min_weight;
  friend void PrintTo(const random_case& c, std::ostream* os) {
    *os << "seed " << c.seed << ", " << danvan::to_string(c.weight) << ", " << c.left.size() << " left roles, "
        << c.right.size() << " right roles, min_weight " << c.min_weight;
  }
};

class RandomOverlap : public ::testing::TestWithParam<random_case> {};

/// The projection, its exact size and its top pairs on `net` against the definition,
/// on every method and several thread counts.
void expect_matches_definition(const danvan::network& net, const random_case& c) {
  const auto want = direct(net, c.weight, c.left, c.right, c.min_weight);
  ASSERT_GT(want.size(), 10u);
  for (auto [threads, method] : {std::pair{1u, danvan::projection_method::full_rows},
                                 std::pair{2u, danvan::projection_method::full_rows},
                                 std::pair{1u, danvan::projection_method::upper_triangle},
                                 std::pair{3u, danvan::projection_method::upper_triangle},
                                 std::pair{0u, danvan::projection_method::automatic}}) {
    danvan::projection_options o;
    o.method = method;
    o.weight = c.weight;
    o.left_roles = {c.left.begin(), c.left.end()};
    o.right_roles = {c.right.begin(), c.right.end()};
    o.min_weight = c.min_weight;
    o.threads = threads;
    const auto p = danvan::project(net, {}, o);
    ASSERT_EQ(p.nnz(), want.size()) << threads;
    for (danvan::index a = 0; a < p.size; ++a) {
      ASSERT_TRUE(std::is_sorted(p.indices().begin() + p.indptr()[a], p.indices().begin() + p.indptr()[a + 1]));
      for (auto e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e) {
        const auto& w = want.at({a, p.indices()[e]});
        ASSERT_EQ(p.counts()[e], w.first);
        ASSERT_NEAR(p.weight_at(e), w.second, 1e-12);
      }
    }
    EXPECT_EQ(*danvan::estimate_projection(net, {}, o, true).entries, p.nnz());

    // top-k: the k best entries of the projection (one per unordered pair when symmetric).
    std::vector<danvan::organization_pair> all;
    for (auto& [ab, w] : want)
      if (!p.symmetric || ab.first < ab.second) all.push_back({ab.first, ab.second, w.first, w.second});
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
      if (x.weight != y.weight) return x.weight > y.weight;
      return std::pair(x.a, x.b) < std::pair(y.a, y.b);
    });
    for (std::size_t k : {1u, 10u, 57u}) {
      const auto top = danvan::top_pairs(net, {}, k, o);
      ASSERT_EQ(top.size(), std::min(k, all.size()));
      for (std::size_t i = 0; i < top.size(); ++i) {
        EXPECT_EQ(top[i].a, all[i].a) << k << " " << i;
        EXPECT_EQ(top[i].b, all[i].b) << k << " " << i;
        EXPECT_NEAR(top[i].weight, all[i].weight, 1e-12);
      }
    }
  }
}

TEST_P(RandomOverlap, ProjectionMatchesTheDefinitionOnAnyThreadCount) {
  expect_matches_definition(random_network(GetParam().seed, 150, 900), GetParam());
}

// Tasks of 40 to 80 organizations make the pair increments many times the roles: the
// projection then runs on the packed items rather than on rows written out pair by pair.
TEST_P(RandomOverlap, ProjectionWithLargeItemsMatchesTheDefinition) {
  expect_matches_definition(random_network(GetParam().seed, 150, 300, 12), GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Weights, RandomOverlap,
    ::testing::Values(random_case{1, overlap_weight::count, {}, {}, 0}, random_case{2, overlap_weight::count, {}, {}, 3},
                      random_case{3, overlap_weight::jaccard, {}, {}, 0}, random_case{4, overlap_weight::jaccard, {}, {}, 0.1},
                      random_case{5, overlap_weight::overlap, {}, {}, 0}, random_case{6, overlap_weight::newman, {}, {}, 0},
                      random_case{7, overlap_weight::newman, {}, {}, 1.5},
                      random_case{8, overlap_weight::count, {"lead"}, {}, 0},
                      random_case{9, overlap_weight::jaccard, {"lead", "advise"}, {"coordinate"}, 0.05},
                      random_case{10, overlap_weight::newman, {"lead"}, {"sign", "coordinate"}, 0},
                      random_case{11, overlap_weight::count, {"lead"}, {"lead"}, 0}));

}  // namespace

// Organizations and nothing they take part in: no pair, nothing shared.
TEST(OverlapWithoutRoles, NoPairAndNothingShared) {
  const auto net = danvan::loads(R"({"danvan": "1",
    "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}]})");
  EXPECT_TRUE(danvan::top_pairs(net, {}, 10).empty());
  EXPECT_TRUE(danvan::shared_items(net, {}, 0, 1).empty());
  EXPECT_EQ(danvan::project(net).counts().size(), 0u);
  const danvan::network empty;  // made by the default constructor: no table at all
  EXPECT_TRUE(danvan::top_pairs(empty, {}, 10).empty());
}
