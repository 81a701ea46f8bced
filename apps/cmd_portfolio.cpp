// danvan portfolio ORG — every role an organization holds (with its sub-units'),
// danvan::portfolio.
#include "query.hpp"

#include <memory>

namespace danvan::cli {
namespace {

struct portfolio_options : query_options {
  std::string org;
  bool subunits = false;
};

int run(const portfolio_options& opt, const streams& io) {
  int status = success;
  const auto net = open_network(opt, "portfolio", io, status);
  if (!net) return status;
  const auto s = read_scope(*net, opt, "portfolio", io.err);
  const auto org = resolve(*net, entity_kind::organization, opt.org, "portfolio", io.err);
  if (!s || !org) return usage;
  const auto rows = portfolio(*net, *org, *s, opt.subunits);
  print_rows(io, opt, responsibility_table(*net, rows), *net, "roles", {{"org", std::string(net->id_of(entity_kind::organization, *org))}, {"name", std::string(net->organizations()[*org].name())}, {"subunits", opt.subunits}});
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<portfolio_options>();
  add_query_options(app, *opt, true);
  app.add_option("org", opt->org, "The organization: its id, name or alias")->required()->type_name("ORG");
  app.add_flag("--subunits", opt->subunits, "With the roles of its sub-units in the hierarchy");
  app.footer(
      "Example: danvan portfolio data/haiduong-2023.json \"Ban Dân vận Tỉnh ủy\" --role \"chủ trì\"\n"
      "Exit status: 0 answered, 1 invalid network file, 2 usage error, an unknown or ambiguous name.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"portfolio", "Every role an organization holds", 41, setup, "danvan portfolio data/haiduong-2023.json \"Ban Dân vận Tỉnh ủy\" --subunits"}};

}  // namespace
}  // namespace danvan::cli
