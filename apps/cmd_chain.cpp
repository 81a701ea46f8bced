// danvan chain TASK — who answers for a task: the responsible and accountable
// organizations and the hierarchy above them, danvan::accountability_chain.
#include "query.hpp"

#include <memory>

namespace danvan::cli {
namespace {

struct chain_options : query_options {
  std::string task;
};

int run(const chain_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "chain", io, status);
  if (!net) return status;
  const auto task = resolve(*net, entity_kind::task, opt.task, "chain", io.err);
  if (!task) return usage;
  const auto steps = accountability_chain(*net, *task);
  std::vector<index> orgs;
  column step("step", column_kind::integer), link("link", column_kind::text), role("role", column_kind::text);
  role.empty_is_none = true;
  for (const auto& s : steps) {
    step.integers.push_back(static_cast<std::int64_t>(orgs.size() + 1));
    orgs.push_back(s.org);
    link.push_text(s.link == chain_link::responsible   ? "responsible"
                   : s.link == chain_link::accountable ? "accountable"
                                                       : "parent");
    role.push_text(s.role == no_index ? std::string_view{} : net->roles()[s.role].role_name());
  }
  table t;
  t.add(std::move(step));
  add_entity_columns(t, *net, "org", entity_kind::organization, orgs);
  t.add(std::move(link));
  t.add(std::move(role));
  print_rows(io, opt, t, *net, "chain", {{"task", std::string(net->id_of(entity_kind::task, *task))}, {"name", std::string(net->tasks()[*task].name())}});
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<chain_options>();
  add_query_options(app, *opt, false);
  app.add_option("task", opt->task, "The task: its id or name")->required()->type_name("TASK");
  app.footer(
      "The responsible (R) organizations, then the accountable (A) ones (from the task's program\n"
      "when the task has none), then the hierarchy above them.\n"
      "Exit status: 0 answered, 1 invalid network file, 2 usage error, an unknown or ambiguous name.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"chain", "Who answers for a task, up the hierarchy", 43, setup, "danvan chain data/haiduong-2023.json task:hoi-nghi-trien-khai-cong-tac-dan-van-2023"}};

}  // namespace
}  // namespace danvan::cli
