// danvan who ITEM — who holds which role on a task, program or directive (with the
// roles of the work under it: a program's tasks, the programs and tasks that implement
// a document), danvan::roles_of.
#include "query.hpp"

#include <memory>

namespace danvan::cli {
namespace {

struct who_options : query_options {
  std::string item;
  bool no_rollup = false;
};

int run(const who_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "who", io, status);
  if (!net) return status;
  const auto s = read_scope(*net, opt, "who", io.err);
  const auto item = resolve_any(*net, {entity_kind::task, entity_kind::program, entity_kind::document}, opt.item, "who",
                                io.err);
  if (!s || !item) return usage;
  const auto rows = roles_of(*net, item->first, item->second, *s, !opt.no_rollup);
  print_rows(io, opt, responsibility_table(*net, rows), *net, "roles", {{"kind", std::string(to_string(item->first))}, {"id", std::string(net->id_of(item->first, item->second))}, {"name", std::string(entity_name(*net, item->first, item->second))}});
  if (rows.empty()) io.err << "danvan who: nobody holds a role on " << net->id_of(item->first, item->second) << " in this scope\n";
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<who_options>();
  add_query_options(app, *opt, true);
  app.add_option("item", opt->item, "A task, program or document: its id or its name")->required()->type_name("ITEM");
  app.add_flag("--no-rollup", opt->no_rollup, "Only the roles on the item itself, not on the work under it");
  app.footer(
      "Example: danvan who data/haiduong-2023.json \"Chỉ thị 49\" --as-of 2025-09-01\n"
      "Exit status: 0 answered, 1 invalid network file, 2 usage error, an unknown or ambiguous name.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"who", "Who holds which role on a task, program or directive", 40, setup, "danvan who data/haiduong-2023.json prog:dan-van-kheo-2023-2025 --role \"chủ trì\""}};

}  // namespace
}  // namespace danvan::cli
