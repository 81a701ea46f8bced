// danvan overlap FILE — who shares work with whom: the pairs of organizations
// with the most shared tasks (or programs), by count, Jaccard, overlap coefficient
// or Newman's weight, optionally role-filtered on each side.
#include "command.hpp"
#include "common.hpp"

#include <danvan/query/overlap.hpp>
#include <danvan/table.hpp>

#include <algorithm>
#include <cstdio>
#include <iomanip>
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

std::string number(double x, overlap_weight w) {
  if (w == overlap_weight::count) return std::to_string(static_cast<long long>(x));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

int run(const overlap_options& opt, const streams& io) {
  projection_options po;
  po.weight = parse_overlap_weight(opt.weight);
  po.on = parse_projection_on(opt.on);
  std::tie(po.left_roles, po.right_roles) = parse_roles(opt.roles);
  po.min_weight = opt.min_weight;
  const scope s;
  std::optional<date> day;
  std::optional<classification> ceiling;
  if (!read_as_of(opt.as_of, "overlap", io.err, day) ||
      !read_ceiling(opt.max_classification, "overlap", io.err, ceiling))
    return usage;

  load_outcome o = load_file(opt.file);
  take_as_of(o, day);
  take_ceiling(o, ceiling);
  if (!o.net) {
    for (const auto& p : o.problems) io.err << p.to_string() << '\n';
    if (!o.io_failed) io.err << o.file << ": invalid; run `danvan validate` for the problems\n";
    return o.io_failed ? usage : failure;
  }
  const network& net = *o.net;

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
  auto org_id = [&](index i) { return net.id_of(entity_kind::organization, i); };
  auto org_name = [&](index i) { return net.organizations()[i].name(); };

  if (opt.format == "json") {
    json out = json::object();
    out["file"] = o.file;
    out["on"] = std::string(to_string(po.on));
    out["weight"] = std::string(to_string(po.weight));
    out["left_roles"] = po.left_roles;
    out["right_roles"] = po.right_roles;
    out["symmetric"] = symmetric;
    json rows = json::array();
    for (const auto& p : pairs) {
      json r = json::object();
      r["a"] = std::string(org_id(p.a));
      r["b"] = std::string(org_id(p.b));
      r["a_name"] = std::string(org_name(p.a));
      r["b_name"] = std::string(org_name(p.b));
      r["shared"] = p.count;
      r["weight"] = p.weight;
      rows.push_back(std::move(r));
    }
    out["pairs"] = std::move(rows);
    io.out << dump(out) << '\n';
  } else if (opt.format == "csv") {
    column a("a", column_kind::reference, entity_kind::organization), b("b", column_kind::reference, entity_kind::organization);
    column a_name("a_name", column_kind::text), b_name("b_name", column_kind::text), shared("shared", column_kind::integer);
    // With --weight count the weight is a whole number, written as one.
    const bool count = po.weight == overlap_weight::count;
    column weight("weight", count ? column_kind::integer : column_kind::number);
    for (const auto& p : pairs) {
      a.positions.push_back(p.a);
      b.positions.push_back(p.b);
      a_name.push_text(org_name(p.a));
      b_name.push_text(org_name(p.b));
      shared.integers.push_back(p.count);
      if (count) weight.integers.push_back(static_cast<std::int64_t>(p.weight));
      else weight.numbers.push_back(p.weight);
    }
    table t;
    for (auto* c : {&a, &b, &a_name, &b_name, &shared, &weight}) t.add(std::move(*c));
    write_csv(io.out, t, &net);
  } else {
    std::size_t wa = 1, wb = 1;
    for (const auto& p : pairs) {
      wa = std::max(wa, org_id(p.a).size());
      wb = std::max(wb, org_id(p.b).size());
    }
    // With --weight count the weight is the shared count: one column says it.
    const bool weight_column = po.weight != overlap_weight::count;
    const int wr = static_cast<int>(std::to_string(std::max<std::size_t>(pairs.size(), 1)).size());
    io.out << std::left << std::setw(wr) << "#" << "  " << std::setw(static_cast<int>(wa)) << "a" << "  "
           << std::setw(static_cast<int>(wb)) << "b" << "  shared";
    if (weight_column) io.out << "  " << to_string(po.weight);
    io.out << '\n';
    std::size_t rank = 0;
    for (const auto& p : pairs) {
      io.out << std::setw(wr) << ++rank << "  " << std::setw(static_cast<int>(wa)) << org_id(p.a) << "  "
             << std::setw(static_cast<int>(wb)) << org_id(p.b) << "  " << std::setw(weight_column ? 6 : 0) << p.count;
      if (weight_column) io.out << "  " << number(p.weight, po.weight);
      io.out << '\n';
    }
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

const registration reg{{"overlap", "Pairs of organizations that share the most work", 40, setup}};

}  // namespace
}  // namespace danvan::cli
