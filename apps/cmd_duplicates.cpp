// danvan duplicates FILE — pairs of tasks (or programs) that may be the same work:
// the same kind of work, topics and areas at the same time, done by the same
// organizations under names alike, danvan::duplicate_candidates.
#include "query.hpp"

#include <danvan/query/duplicates.hpp>

#include <memory>

namespace danvan::cli {
namespace {

struct duplicates_options : query_options {
  std::string on = "tasks";
  duplicate_options library;  ///< the thresholds, with the library's defaults
  std::vector<std::string> kinds;  ///< --kinds: each a comma-separated group
  std::size_t top = 50;
};

int run(const duplicates_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "duplicates", io, status);
  if (!net) return status;
  const auto s = read_scope(*net, opt, "duplicates", io.err);
  if (!s) return usage;
  duplicate_options o = opt.library;
  o.on = parse_projection_on(opt.on);
  for (const auto& group : opt.kinds) {
    auto& words = o.kinds.emplace_back();
    for (std::size_t i = 0; i <= group.size();) {
      const std::size_t end = std::min(group.find(',', i), group.size());
      words.push_back(group.substr(i, end - i));
      i = end + 1;
    }
  }
  o.roles = s->roles;
  o.limit = opt.top;
  const auto found = duplicate_candidates(*net, *s, o);
  const entity_kind kind = o.on == projection_on::tasks ? entity_kind::task : entity_kind::program;
  std::vector<index> a, b;
  column score("score", column_kind::number), jaccard("jaccard", column_kind::number);
  column names("name_similarity", column_kind::number), same("same_kind", column_kind::boolean);
  column shared("shared_organizations", column_kind::integer), reason("reason", column_kind::text);
  for (const auto& d : found) {
    a.push_back(d.a);
    b.push_back(d.b);
    score.numbers.push_back(d.score);
    jaccard.numbers.push_back(d.jaccard);
    names.numbers.push_back(d.name_similarity);
    same.booleans.push_back(d.same_kind);
    shared.integers.push_back(d.shared_organizations);
    reason.push_text(d.reason);
  }
  table t;
  add_entity_columns(t, *net, "a", kind, a);
  add_entity_columns(t, *net, "b", kind, b);
  for (auto* c : {&score, &jaccard, &names, &same, &shared, &reason}) t.add(std::move(*c));
  print_rows(io, opt, t, *net, "candidates",
             {{"on", opt.on},
              {"min_jaccard", o.min_jaccard},
              {"min_shared", o.min_shared_organizations},
              {"kinds", o.kinds},
              {"any_kind", o.any_kind},
              {"name_weight", o.name_weight},
              {"min_score", o.min_score}});
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<duplicates_options>();
  auto& lib = opt->library;
  add_query_options(app, *opt, true);
  app.add_option("--on", opt->on, "Pairs of tasks | programs")->check(CLI::IsMember({"tasks", "programs"}))->default_str("tasks");
  app.add_option("--min-jaccard", lib.min_jaccard, "Least similarity of the two sets of organizations, in (0, 1]")
      ->check(CLI::Range(0.0, 1.0))
      ->default_str("0.5");
  app.add_option("--min-shared", lib.min_shared_organizations,
                 "Least number of organizations taking part in both, 1 or more")
      ->check(CLI::Range(1u, 1000000u))
      ->default_str("2");
  app.add_option("--kinds", opt->kinds,
                 "Kinds of work that may repeat each other, comma-separated (briefing,dialogue); "
                 "repeat for several groups. Without it only the same kind pairs")
      ->type_name("KIND,KIND");
  app.add_flag("--any-kind", lib.any_kind, "Any kind of work may repeat any other");
  app.add_option("--name-weight", lib.name_weight,
                 "Weight of the names' similarity in the score, in [0, 1]; the organizations' Jaccard has the rest")
      ->check(CLI::Range(0.0, 1.0))
      ->default_str("0.5");
  app.add_option("--min-score", lib.min_score, "Least score, in [0, 1]")
      ->check(CLI::Range(0.0, 1.0))
      ->default_str("0.6");
  app.add_option("--top", opt->top, "The K best pairs; 0 lists all")->default_str("50");
  app.footer("Exit status: 0 answered (even with no candidate), 1 invalid network file, 2 usage error.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"duplicates", "Tasks or programs that may be the same work", 44, setup,
                        "danvan duplicates data/haiduong-2023.json --min-shared 1 --any-kind --min-score 0.3"}};

}  // namespace
}  // namespace danvan::cli
