// danvan duplicates FILE — pairs of tasks (or programs) that may be the same work:
// the same organizations, topics and areas at the same time, danvan::duplicate_candidates.
#include "query.hpp"

#include <danvan/query/duplicates.hpp>

#include <memory>

namespace danvan::cli {
namespace {

struct duplicates_options : query_options {
  std::string on = "tasks";
  double min_jaccard = 0.5;
  std::size_t top = 50;
};

int run(const duplicates_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "duplicates", io, status);
  if (!net) return status;
  const auto s = read_scope(*net, opt, "duplicates", io.err);
  if (!s) return usage;
  duplicate_options o;
  o.on = parse_projection_on(opt.on);
  o.min_jaccard = opt.min_jaccard;
  o.roles = s->roles;
  o.limit = opt.top;
  const auto found = duplicate_candidates(*net, *s, o);
  const entity_kind kind = o.on == projection_on::tasks ? entity_kind::task : entity_kind::program;
  std::vector<index> a, b;
  column jaccard("jaccard", column_kind::number), shared("shared_organizations", column_kind::integer);
  column reason("reason", column_kind::text);
  for (const auto& d : found) {
    a.push_back(d.a);
    b.push_back(d.b);
    jaccard.numbers.push_back(d.jaccard);
    shared.integers.push_back(d.shared_organizations);
    reason.push_text(d.reason);
  }
  table t;
  add_entity_columns(t, *net, "a", kind, a);
  add_entity_columns(t, *net, "b", kind, b);
  for (auto* c : {&jaccard, &shared, &reason}) t.add(std::move(*c));
  print_rows(io, opt, t, *net, "candidates", {{"on", opt.on}, {"min_jaccard", opt.min_jaccard}});
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<duplicates_options>();
  add_query_options(app, *opt, true);
  app.add_option("--on", opt->on, "Pairs of tasks | programs")->check(CLI::IsMember({"tasks", "programs"}))->default_str("tasks");
  app.add_option("--min-jaccard", opt->min_jaccard, "Least similarity of the two sets of organizations, in (0, 1]")
      ->check(CLI::Range(0.0, 1.0))
      ->default_str("0.5");
  app.add_option("--top", opt->top, "The K most similar pairs; 0 lists all")->default_str("50");
  app.footer("Exit status: 0 answered (even with no candidate), 1 invalid network file, 2 usage error.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"duplicates", "Tasks or programs that may be the same work", 44, setup, "danvan duplicates data/haiduong-2023.json --min-jaccard 0.8"}};

}  // namespace
}  // namespace danvan::cli
