// danvan path FILE ORG ORG — the shortest chain of shared work between two
// organizations, danvan::shortest_coordination_path.
#include "query.hpp"

#include <danvan/query/metrics.hpp>

#include <memory>

namespace danvan::cli {
namespace {

struct path_cli_options : query_options {
  std::string from, to;
  std::string on = "tasks";
};

int run(const path_cli_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "path", io, status);
  if (!net) return status;
  const auto s = read_scope(*net, opt, "path", io.err);
  const auto from = resolve(*net, entity_kind::organization, opt.from, "path", io.err);
  const auto to = resolve(*net, entity_kind::organization, opt.to, "path", io.err);
  if (!s || !from || !to) return usage;
  path_options o;
  o.on = parse_projection_on(opt.on);
  o.roles = s->roles;
  const auto p = shortest_coordination_path(*net, *s, *from, *to, o);
  // One row a step: the organization, and the item that leads to the next one.
  std::vector<index> orgs, items;
  column step("step", column_kind::integer);
  for (std::size_t i = 0; i < p.organizations.size(); ++i) {
    step.integers.push_back(static_cast<std::int64_t>(i + 1));
    orgs.push_back(p.organizations[i]);
    items.push_back(i < p.items.size() ? p.items[i] : no_index);
  }
  table t;
  t.add(std::move(step));
  add_entity_columns(t, *net, "org", entity_kind::organization, orgs);
  add_entity_columns(t, *net, "via", p.item_kind, items);
  const std::string from_id(net->id_of(entity_kind::organization, *from));
  const std::string to_id(net->id_of(entity_kind::organization, *to));
  print_rows(io, opt, t, *net, "steps", {{"from", from_id}, {"to", to_id}, {"found", !p.empty()}});
  if (p.empty()) {
    io.err << "danvan path: no chain of shared " << opt.on << " joins " << from_id << " and " << to_id
           << " in this scope\n";
    return failure;
  }
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<path_cli_options>();
  add_query_options(app, *opt, true);
  app.add_option("from", opt->from, "The first organization: id, name or alias")->required()->type_name("ORG");
  app.add_option("to", opt->to, "The last organization: id, name or alias")->required()->type_name("ORG");
  app.add_option("--on", opt->on, "Steps through shared tasks | programs")
      ->check(CLI::IsMember({"tasks", "programs"}))
      ->default_str("tasks");
  app.footer(
      "Each row an organization and the item it shares with the next one.\n"
      "Exit status: 0 a path, 1 no path (or an invalid network file), 2 usage error, an unknown or\n"
      "ambiguous name.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"path", "The shortest chain of shared work between two organizations", 46, setup, "danvan path data/haiduong-2023.json \"Ban Dân vận Tỉnh ủy\" \"Công an tỉnh\""}};

}  // namespace
}  // namespace danvan::cli
