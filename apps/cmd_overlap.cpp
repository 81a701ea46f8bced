// danvan overlap FILE — who shares work with whom: the pairs of organizations
// with the most shared tasks (or programs), by count, Jaccard, overlap coefficient
// or Newman's weight, optionally role-filtered on each side.
#include "command.hpp"
#include "common.hpp"

#include <danvan/query/overlap.hpp>
#include <danvan/table.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <tuple>

namespace danvan::cli {
namespace {

struct overlap_options {
  std::string file;
  std::string format;
  std::string weight = "count";
  std::string on = "tasks";
  std::string roles;
  std::string as_of;
  std::string max_classification;
  std::size_t top = 20;
  double min_weight = 0;
};

/// `lead,any` → ({lead}, {}); `lead+advise,coordinate` → ({lead, advise}, {coordinate});
/// `lead` → ({lead}, {lead}); `any` or empty → ({}, {}).
std::pair<std::vector<std::string>, std::vector<std::string>> parse_roles(const std::string& text) {
  auto side = [](const std::string& s) {
    std::vector<std::string> out;
    if (s.empty() || s == "any") return out;
    std::stringstream in(s);
    for (std::string part; std::getline(in, part, '+');)
      if (!part.empty()) out.push_back(part);
    return out;
  };
  const auto comma = text.find(',');
  if (comma == std::string::npos) return {side(text), side(text)};
  return {side(text.substr(0, comma)), side(text.substr(comma + 1))};
}

/// The pairs as rows (every format reads them): a, b, a_name, b_name, shared, weight.
table pair_table(const network& net, const std::vector<organization_pair>& pairs, overlap_weight w) {
  column a("a", column_kind::reference, entity_kind::organization), b("b", column_kind::reference, entity_kind::organization);
  column a_name("a_name", column_kind::text), b_name("b_name", column_kind::text), shared("shared", column_kind::integer);
  // With --weight count the weight is a whole number, written as one.
  const bool count = w == overlap_weight::count;
  column weight("weight", count ? column_kind::integer : column_kind::number);
  for (const auto& p : pairs) {
    a.positions.push_back(p.a);
    b.positions.push_back(p.b);
    a_name.push_text(net.organizations()[p.a].name());
    b_name.push_text(net.organizations()[p.b].name());
    shared.integers.push_back(p.count);
    if (count) weight.integers.push_back(static_cast<std::int64_t>(p.weight));
    else weight.numbers.push_back(p.weight);
  }
  table t;
  for (auto* c : {&a, &b, &a_name, &b_name, &shared, &weight}) t.add(std::move(*c));
  return t;
}

/// The terminal's view: a rank, the ids, the shared count, the weight under its own name
/// (left out with --weight count, where it is the shared count), the names last.
table ranked(const table& pairs, overlap_weight w) {
  column rank("#", column_kind::integer);
  for (std::size_t i = 1; i <= pairs.rows(); ++i) rank.integers.push_back(static_cast<std::int64_t>(i));
  table t;
  t.add(std::move(rank));
  for (auto name : {"a", "b", "shared"}) t.add(pairs.at(name));
  if (w != overlap_weight::count) {
    column weight = pairs.at("weight");
    weight.name = to_string(w);
    t.add(std::move(weight));
  }
  for (auto name : {"a_name", "b_name"}) t.add(pairs.at(name));
  return t;
}

int run(const overlap_options& opt, const streams& io) {
  projection_options po;
  po.weight = parse_overlap_weight(opt.weight);
  po.on = parse_projection_on(opt.on);
  std::tie(po.left_roles, po.right_roles) = parse_roles(opt.roles);
  po.min_weight = opt.min_weight;
  const scope s;
  int status = success;
  const auto loaded = open_network(opt.file, opt.as_of, opt.max_classification, "overlap", io, status);
  if (!loaded) return status;
  const network& net = *loaded;

  std::vector<organization_pair> pairs;
  bool symmetric = po.left_roles == po.right_roles;
  if (opt.top > 0) {
    pairs = top_pairs(net, s, opt.top, po);
  } else {  // every pair: the whole projection, largest first
    const auto p = project(net, s, po);
    symmetric = p.symmetric;
    for (index a = 0; a < p.size; ++a)
      for (auto e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e)
        if (!p.symmetric || a < p.indices()[e]) pairs.push_back({a, p.indices()[e], p.counts()[e], p.weight_at(e)});
    std::sort(pairs.begin(), pairs.end(), [](const organization_pair& x, const organization_pair& y) {
      if (x.weight != y.weight) return x.weight > y.weight;
      return std::pair(x.a, x.b) < std::pair(y.a, y.b);
    });
  }
  const table t = pair_table(net, pairs, po.weight);
  if (opt.format == "json") {
    json out = json::object();
    out["file"] = opt.file;
    out["on"] = std::string(to_string(po.on));
    out["weight"] = std::string(to_string(po.weight));
    out["left_roles"] = po.left_roles;
    out["right_roles"] = po.right_roles;
    out["symmetric"] = symmetric;
    out["pairs"] = table_json(t, &net);
    io.out << dump(out) << '\n';
  } else if (opt.format == "csv") {
    write_csv(io.out, t, &net);
  } else {
    write_text(io.out, ranked(t, po.weight), &net);
    if (pairs.empty()) io.err << "danvan overlap: no two organizations share " << to_string(po.on) << " in this scope\n";
  }
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<overlap_options>();
  app.add_option("file", opt->file, "Network file (`-` reads standard input)")->required()->type_name("FILE");
  app.add_option("--weight", opt->weight, "count | jaccard | overlap | newman")
      ->check(CLI::IsMember({"count", "jaccard", "overlap", "newman"}))
      ->default_str("count");
  app.add_option("--on", opt->on, "What organizations share: tasks | programs")
      ->check(CLI::IsMember({"tasks", "programs"}))
      ->default_str("tasks");
  app.add_option("--top", opt->top, "The K pairs of largest weight; 0 lists every pair")->default_str("20");
  app.add_option("--roles", opt->roles,
                 "Roles on each side, LEFT,RIGHT: `lead,any`, `lead,lead`, `lead+advise,coordinate`; one set for "
                 "both sides without a comma")
      ->type_name("ROLES");
  app.add_option("--min-weight", opt->min_weight, "Keep pairs whose weight is at least this (not negative)")
      ->check(CLI::NonNegativeNumber)
      ->default_str("0");
  add_as_of_option(app, opt->as_of, "Pairs in the network as of this day: roles follow reorganizations");
  add_max_classification_option(app, opt->max_classification);
  add_format_option(app, opt->format, {"table", "json", "csv"});
  app.footer(
      "Lists pairs of organizations that share tasks (or programs), largest weight first, ties by\n"
      "position. With different roles on the two sides (e.g. --roles lead,any) a pair (a, b) means\n"
      "a holds a left role and b a right role on the shared items.\n"
      "Exit status: 0 listed (even when no pair shares anything), 1 invalid file, 2 usage error,\n"
      "unknown role, or unreadable file.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"overlap", "Pairs of organizations that share the most work", 40, setup, "danvan overlap data/haiduong-2023.json --top 10 --weight jaccard"}};

}  // namespace
}  // namespace danvan::cli
