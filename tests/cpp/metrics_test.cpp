// Metrics on the organization graph: known small graphs, bad input, and our
// betweenness against Boost.Graph's brandes_betweenness_centrality on random graphs.
#include <danvan/builder.hpp>
#include <danvan/io/json.hpp>
#include <danvan/query/metrics.hpp>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

// Organizations: A, B, C, D in a chain through shared tasks (B and C are brokers),
// E and F on a task of their own, G on nothing. H exists only until 2020.
const char* chain_text = R"({
  "danvan": "1",
  "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}, {"id": "org:c", "name": "C"},
                    {"id": "org:d", "name": "D"}, {"id": "org:e", "name": "E"}, {"id": "org:f", "name": "F"},
                    {"id": "org:g", "name": "G"}, {"id": "org:h", "name": "H", "valid_to": "2020"}],
  "tasks": [
    {"id": "task:ab", "name": "AB", "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
    {"id": "task:ab2", "name": "AB2", "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:a", "role": "coordinate"}]},
    {"id": "task:bc", "name": "BC", "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:c", "role": "coordinate"}]},
    {"id": "task:cd", "name": "CD", "roles": [{"org": "org:c", "role": "lead"}, {"org": "org:d", "role": "advise"}]},
    {"id": "task:ef", "name": "EF", "roles": [{"org": "org:e", "role": "lead"}, {"org": "org:f", "role": "coordinate"}]},
    {"id": "task:ah", "name": "AH", "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:h", "role": "coordinate"}]}]
})";

enum org : danvan::index { A, B, C, D, E, F, G, H };

class MetricsTest : public ::testing::Test {
 protected:
  danvan::network net = danvan::loads(chain_text);
  danvan::scope now() const {
    danvan::scope s;
    s.as_of = danvan::date(2023, 1, 1);  // H is gone
    return s;
  }
};

TEST_F(MetricsTest, GraphHoldsTheOrganizationsInScope) {
  const danvan::organization_graph all(net);
  EXPECT_EQ(all.size(), 8u);
  EXPECT_EQ(all.edge_count(), 5u);  // A-B, B-C, C-D, E-F, A-H
  const danvan::organization_graph g(net, now());
  EXPECT_EQ(g.size(), 7u);
  EXPECT_EQ(g.edge_count(), 4u);
  EXPECT_EQ(std::vector<danvan::index>(g.organizations().begin(), g.organizations().end()),
            (std::vector<danvan::index>{A, B, C, D, E, F, G}));
  EXPECT_EQ(g.vertex_of(G), 6u);
  EXPECT_FALSE(g.vertex_of(H));
  EXPECT_EQ(danvan::degree(g), (std::vector<std::uint32_t>{1, 2, 2, 1, 1, 1, 0}));
  EXPECT_EQ(danvan::weighted_degree(g), (std::vector<double>{2, 3, 2, 1, 1, 1, 0}));  // A-B share two tasks
}

TEST_F(MetricsTest, BetweennessOfAChainAndIsolatedParts) {
  const danvan::organization_graph g(net, now());
  // n = 7: B lies on A-C and A-D (2 pairs), C on A-D and B-D: raw 2 each (one direction
  // counted per source, both sources), normalized by (n-1)(n-2) = 30 after doubling.
  const auto bc = danvan::betweenness(g);
  const std::vector<double> want{0, 4.0 / 30, 4.0 / 30, 0, 0, 0, 0};
  for (std::size_t v = 0; v < want.size(); ++v) EXPECT_NEAR(bc[v], want[v], 1e-15) << v;
  danvan::betweenness_options raw;
  raw.normalized = false;
  EXPECT_NEAR(danvan::betweenness(g, raw)[1], 2.0, 1e-15);
}

TEST_F(MetricsTest, WeightedBetweennessPrefersStrongTies) {
  // A square where the A-B-D route is strong (3 shared tasks each) and A-C-D weak (1):
  // with lengths 1/weight every A-D path goes through B.
  std::string text = R"({"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"},
    {"id": "org:c", "name": "C"}, {"id": "org:d", "name": "D"}], "tasks": [)";
  int t = 0;
  auto task = [&](const char* x, const char* y) {
    if (t) text += ",";
    text += R"({"id": "task:)" + std::to_string(t) + R"(", "name": "T", "roles": [{"org": ")" + x +
            R"(", "role": "lead"}, {"org": ")" + y + R"(", "role": "coordinate"}]})";
    ++t;
  };
  for (int i = 0; i < 3; ++i) {
    task("org:a", "org:b");
    task("org:b", "org:d");
  }
  task("org:a", "org:c");
  task("org:c", "org:d");
  text += "]}";
  const auto square = danvan::loads(text);
  const danvan::organization_graph g(square);
  const auto hops = danvan::betweenness(g);
  EXPECT_NEAR(hops[1], hops[2], 1e-15);  // by hops B and C are alike
  danvan::betweenness_options w;
  w.weighted = true;
  const auto strong = danvan::betweenness(g, w);
  EXPECT_GT(strong[1], 0);
  EXPECT_EQ(strong[2], 0);
  w.k = 4;  // all pivots: our Dijkstra Brandes agrees with Boost's
  const auto pivots = danvan::betweenness(g, w);
  for (std::size_t v = 0; v < 4; ++v) EXPECT_NEAR(pivots[v], strong[v], 1e-15);
}

TEST_F(MetricsTest, SampledBetweennessAndItsBadInput) {
  const danvan::organization_graph g(net, now());
  danvan::betweenness_options o;
  o.k = 7;
  const auto all = danvan::betweenness(g, o), exact = danvan::betweenness(g);
  for (std::size_t v = 0; v < 7; ++v) EXPECT_NEAR(all[v], exact[v], 1e-15);
  EXPECT_EQ(danvan::betweenness(g, o), all);  // the same pivots, the same sums, run after run
  o.k = 8;
  try {
    (void)danvan::betweenness(g, o);
    FAIL() << "no error";
  } catch (const danvan::argument_error& e) {
    EXPECT_STREQ(e.what(),
                 "k: 8 pivots asked of a graph of 7 organizations; k must be at most the number of organizations "
                 "(0 for exact)");
  }
  const auto p = danvan::sample_pivots(1000, 50, 42);
  EXPECT_EQ(p, danvan::sample_pivots(1000, 50, 42));
  EXPECT_NE(p, danvan::sample_pivots(1000, 50, 43));
  EXPECT_TRUE(std::is_sorted(p.begin(), p.end()));
  EXPECT_EQ(std::set<std::uint32_t>(p.begin(), p.end()).size(), 50u);
  EXPECT_LT(p.back(), 1000u);
  EXPECT_THROW((void)danvan::sample_pivots(3, 4, 0), danvan::argument_error);
}

TEST_F(MetricsTest, ClosenessWithUnreachableParts) {
  const danvan::organization_graph g(net, now());
  const auto c = danvan::closeness(g);
  // A reaches B (1), C (2), D (3): (r-1)/total = 3/6, times (r-1)/(n-1) = 3/6.
  EXPECT_DOUBLE_EQ(c[A], 0.5 * 0.5);
  EXPECT_DOUBLE_EQ(c[B], 3.0 / 4 * 0.5);
  EXPECT_DOUBLE_EQ(c[E], 1.0 * (1.0 / 6));
  EXPECT_EQ(c[G], 0.0);
  danvan::closeness_options plain;
  plain.wf_improved = false;
  EXPECT_DOUBLE_EQ(danvan::closeness(g, plain)[E], 1.0);
}

TEST_F(MetricsTest, ComponentsAndBrokers) {
  const danvan::organization_graph g(net, now());
  const auto c = danvan::connected_components(g);
  EXPECT_EQ(c.count(), 3u);
  EXPECT_EQ(c.label, (std::vector<std::uint32_t>{0, 0, 0, 0, 1, 1, 2}));
  EXPECT_EQ(c.sizes, (std::vector<std::uint32_t>{4, 2, 1}));
  EXPECT_EQ(danvan::articulation_points(g), (std::vector<std::uint32_t>{B, C}));
  // With H (until 2020), A becomes a broker too.
  EXPECT_EQ(danvan::articulation_points(danvan::organization_graph(net)), (std::vector<std::uint32_t>{A, B, C}));
}

TEST_F(MetricsTest, ThresholdAndRolesShapeTheGraph) {
  danvan::graph_options strong;
  strong.min_weight = 2;
  const danvan::organization_graph g(net, {}, strong);
  EXPECT_EQ(g.edge_count(), 1u);  // only A-B shares two tasks
  danvan::graph_options leads;
  leads.roles = {"lead"};
  EXPECT_EQ(danvan::organization_graph(net, {}, leads).edge_count(), 0u);
  danvan::graph_options bad;
  bad.min_weight = -0.5;
  EXPECT_THROW(danvan::organization_graph(net, {}, bad), danvan::argument_error);
  danvan::projection_options directed;
  directed.left_roles = {"lead"};
  EXPECT_THROW(danvan::organization_graph(danvan::project(net, {}, directed)), danvan::argument_error);
}

TEST_F(MetricsTest, CoordinationPathThroughSharedTasks) {
  const auto p = danvan::shortest_coordination_path(net, {}, A, D);
  EXPECT_EQ(p.organizations, (std::vector<danvan::index>{A, B, C, D}));
  EXPECT_EQ(p.items, (std::vector<danvan::index>{net.task("task:ab").position(), net.task("task:bc").position(),
                                                 net.task("task:cd").position()}));
  EXPECT_TRUE(danvan::shortest_coordination_path(net, {}, A, E).empty());  // other component: empty, no error
  const auto self = danvan::shortest_coordination_path(net, {}, C, C);
  EXPECT_EQ(self.organizations, std::vector<danvan::index>{C});
  EXPECT_TRUE(self.items.empty());
  EXPECT_TRUE(danvan::shortest_coordination_path(net, now(), A, H).empty());  // H is out of scope
  EXPECT_FALSE(danvan::shortest_coordination_path(net, {}, A, H).empty());
  danvan::path_options leads;
  leads.roles = {"lead"};
  EXPECT_TRUE(danvan::shortest_coordination_path(net, {}, A, B, leads).empty());
  EXPECT_THROW((void)danvan::shortest_coordination_path(net, {}, A, 42), std::out_of_range);
}

TEST_F(MetricsTest, EmptyScopeGivesEmptyResults) {
  const auto late = danvan::loads(R"({"danvan": "1", "organizations": [
    {"id": "org:x", "name": "X", "valid_from": "2020"}, {"id": "org:y", "name": "Y", "valid_from": "2020"}],
    "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:x", "role": "lead"}, {"org": "org:y", "role": "advise"}]}]})");
  danvan::scope before;
  before.as_of = danvan::date(1900);
  const danvan::organization_graph g(late, before);
  EXPECT_EQ(g.size(), 0u);
  EXPECT_TRUE(danvan::betweenness(g).empty());
  EXPECT_TRUE(danvan::closeness(g).empty());
  EXPECT_EQ(danvan::connected_components(g).count(), 0u);
  EXPECT_TRUE(danvan::articulation_points(g).empty());
  danvan::betweenness_options one;
  one.k = 1;
  EXPECT_THROW((void)danvan::betweenness(g, one), danvan::argument_error);
  const danvan::organization_graph empty(danvan::network{});
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_TRUE(danvan::shortest_coordination_path(late, before, 0, 1).empty());
  // A scope that keeps the organizations but none of their work: isolated vertices.
  danvan::scope no_tasks;
  no_tasks.roles = {"inform"};
  const danvan::organization_graph idle(late, no_tasks);
  EXPECT_EQ(idle.size(), 2u);
  EXPECT_EQ(idle.edge_count(), 0u);
  EXPECT_EQ(danvan::betweenness(idle), (std::vector<double>{0, 0}));
  EXPECT_EQ(danvan::connected_components(idle).count(), 2u);
}

// ---- against Boost.Graph on random graphs ----

danvan::network random_network(unsigned seed, std::size_t orgs, std::size_t tasks, int max_roles) {
  std::mt19937 rng(seed);
  danvan::network_builder b;
  for (std::size_t i = 0; i < orgs; ++i) b.add(danvan::organization{{.id = "org:o" + std::to_string(i), .name = "O"}});
  for (std::size_t t = 0; t < tasks; ++t) {
    danvan::task task;
    task.id = "task:t" + std::to_string(t);
    task.name = "T";
    const int k = 2 + static_cast<int>(rng() % static_cast<unsigned>(max_roles - 1));
    for (int r = 0; r < k; ++r)
      task.roles.push_back({.org = "org:o" + std::to_string(rng() % orgs), .role = r ? "coordinate" : "lead"});
    b.add(std::move(task));
  }
  return std::move(b).build();
}

std::vector<double> boost_betweenness(const danvan::organization_graph& g) {
  using graph = boost::compressed_sparse_row_graph<boost::directedS>;
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  for (std::uint32_t v = 0; v < g.size(); ++v)
    for (auto w : g.neighbors(v)) edges.emplace_back(v, w);
  const graph bg(boost::edges_are_sorted, edges.begin(), edges.end(), g.size());
  std::vector<double> bc(g.size());
  boost::brandes_betweenness_centrality(
      bg, boost::centrality_map(boost::make_iterator_property_map(bc.begin(), get(boost::vertex_index, bg))));
  // Boost counts ordered pairs on this directed (symmetric) graph, as NetworkX does before rescaling.
  const double n = static_cast<double>(g.size());
  for (double& x : bc) x /= (n - 1) * (n - 2);
  return bc;
}

struct graph_case {
  unsigned seed;
  std::size_t orgs, tasks;
  int max_roles;
};

class MetricsRandom : public ::testing::TestWithParam<graph_case> {};

TEST_P(MetricsRandom, MatchesBoostOnAnyThreadCount) {
  const auto c = GetParam();
  const auto net = random_network(c.seed, c.orgs, c.tasks, c.max_roles);
  const danvan::organization_graph g(net);
  const auto want = boost_betweenness(g);
  for (unsigned threads : {1u, 2u, 4u}) {
    danvan::betweenness_options o;
    o.threads = threads;
    const auto got = danvan::betweenness(g, o);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t v = 0; v < got.size(); ++v) ASSERT_NEAR(got[v], want[v], 1e-12) << v << " on " << threads;
  }
  // The sampled estimate is unbiased-ish: with half the vertices as pivots its total is near the exact total.
  danvan::betweenness_options half;
  half.k = g.size() / 2;
  half.seed = c.seed;
  double exact = 0, sampled = 0;
  for (double x : want) exact += x;
  for (double x : danvan::betweenness(g, half)) sampled += x;
  EXPECT_NEAR(sampled / exact, 1.0, 0.3);
}

INSTANTIATE_TEST_SUITE_P(Graphs, MetricsRandom,
                         ::testing::Values(graph_case{1, 60, 40, 3},     // sparse, split into components
                                           graph_case{2, 120, 300, 4},  // connected, a few levels deep
                                           graph_case{3, 80, 600, 6},   // dense, two levels
                                           graph_case{4, 300, 200, 3}));

}  // namespace
