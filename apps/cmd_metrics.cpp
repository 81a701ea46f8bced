// danvan metrics FILE — the organizations' place in the coordination graph: degree,
// weighted degree, betweenness and closeness, and whether each is a broker
// (danvan/query/metrics.hpp).
#include "query.hpp"

#include <danvan/query/metrics.hpp>

#include <algorithm>
#include <memory>
#include <numeric>

namespace danvan::cli {
namespace {

struct metrics_options : query_options {
  std::string on = "tasks";
  std::string weight = "count";
  std::size_t top = 20;
};

int run(const metrics_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "metrics", io, status);
  if (!net) return status;
  const auto s = read_scope(*net, opt, "metrics", io.err);
  if (!s) return usage;
  graph_options o;
  o.on = parse_projection_on(opt.on);
  o.weight = parse_overlap_weight(opt.weight);
  o.roles = s->roles;
  const organization_graph g(*net, *s, o);
  const auto deg = degree(g);
  const auto wdeg = weighted_degree(g);
  const auto between = betweenness(g);
  const auto close = closeness(g);
  std::vector<bool> broker(g.size(), false);
  for (const auto v : articulation_points(g)) broker[v] = true;
  // Largest betweenness first, then degree, then position: the brokers of coordination.
  std::vector<std::uint32_t> order(g.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return between[x] != between[y] ? between[x] > between[y] : deg[x] > deg[y];
  });
  if (opt.top > 0 && order.size() > opt.top) order.resize(opt.top);
  std::vector<index> orgs;
  column d("degree", column_kind::integer), w("weighted_degree", column_kind::number);
  column b("betweenness", column_kind::number), c("closeness", column_kind::number), a("broker", column_kind::boolean);
  for (const auto v : order) {
    orgs.push_back(g.organizations()[v]);
    d.integers.push_back(deg[v]);
    w.numbers.push_back(wdeg[v]);
    b.numbers.push_back(between[v]);
    c.numbers.push_back(close[v]);
    a.booleans.push_back(broker[v] ? 1 : 0);
  }
  table t;
  add_entity_columns(t, *net, "org", entity_kind::organization, orgs);
  for (auto* col : {&d, &w, &b, &c, &a}) t.add(std::move(*col));
  print_rows(io, opt, t, *net, "organizations", {{"organizations_in_graph", g.size()}, {"edges", g.edge_count()}, {"components", connected_components(g).count()}});
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<metrics_options>();
  add_query_options(app, *opt, true);
  app.add_option("--on", opt->on, "Organizations joined by shared tasks | programs")
      ->check(CLI::IsMember({"tasks", "programs"}))
      ->default_str("tasks");
  app.add_option("--weight", opt->weight, "Edge weight: count | jaccard | overlap | newman")
      ->check(CLI::IsMember({"count", "jaccard", "overlap", "newman"}))
      ->default_str("count");
  app.add_option("--top", opt->top, "The K organizations of largest betweenness; 0 lists all")->default_str("20");
  app.footer(
      "Betweenness and closeness as NetworkX computes them (normalized, hops); a broker is an\n"
      "organization whose removal cuts the coordination graph.\n"
      "Exit status: 0 answered, 1 invalid network file, 2 usage error.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"metrics", "Degree, betweenness, closeness and brokers of the organizations", 45, setup, "danvan metrics data/haiduong-2023.json --top 10"}};

}  // namespace
}  // namespace danvan::cli
