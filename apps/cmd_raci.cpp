// danvan raci FILE — the RACI matrix (tasks × organizations) of a scope, one row a
// non-empty cell, danvan::raci_matrix.
#include "query.hpp"

#include <memory>

namespace danvan::cli {
namespace {

int run(const query_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "raci", io, status);
  if (!net) return status;
  const auto s = read_scope(*net, opt, "raci", io.err);
  if (!s) return usage;
  const auto cells = raci_matrix(*net, *s);
  std::vector<index> tasks, orgs;
  column letters("letters", column_kind::text);
  for (const auto& c : cells) {
    tasks.push_back(c.task);
    orgs.push_back(c.org);
    std::string word;
    for (const raci l : {raci::R, raci::A, raci::C, raci::I})
      if (c.letters & raci_bit(l)) word += to_string(l);
    letters.push_text(word);
  }
  table t;
  add_entity_columns(t, *net, "task", entity_kind::task, tasks);
  add_entity_columns(t, *net, "org", entity_kind::organization, orgs);
  t.add(std::move(letters));
  print_rows(io, opt, t, *net, "cells");
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<query_options>();
  add_query_options(app, *opt, true);
  app.footer(
      "One row per task and organization with a role on it: its RACI letters (RA, C, ...).\n"
      "Example: danvan raci data/haiduong-2023.json --program \"Chung tay bảo vệ môi trường\"\n"
      "Exit status: 0 answered, 1 invalid network file, 2 usage error, an unknown or ambiguous name.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"raci", "The RACI matrix of tasks and organizations", 42, setup, "danvan raci data/haiduong-2023.json --format csv"}};

}  // namespace
}  // namespace danvan::cli
