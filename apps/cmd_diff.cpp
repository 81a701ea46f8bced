// danvan diff A.json B.json | danvan diff FILE --from DATE --to DATE — what changed:
// entities, roles (gained, lost, moved), responsibility per organization, overlap
// pairs and coverage findings. Exit status 0 when nothing differs, 1 when something
// does (like diff(1)), 2 on a usage or I/O error.
#include "command.hpp"
#include "common.hpp"

#include <danvan/query/diff.hpp>
#include <danvan/table.hpp>

#include <iostream>
#include <memory>

namespace danvan::cli {
namespace {

struct diff_cli_options {
  std::vector<std::string> files;
  std::string from, to, rules, format;
  std::uint32_t min_shared = 2;
  bool no_coverage = false;
};

/// One line of the difference, the same for every output format.
struct row {
  std::string part, change, kind, id, field, before, after, note;
};

/// The fields of a row by name, in the order JSON and CSV write them.
constexpr std::pair<const char*, std::string row::*> fields[] = {
    {"part", &row::part},   {"change", &row::change}, {"kind", &row::kind},   {"id", &row::id},
    {"field", &row::field}, {"before", &row::before}, {"after", &row::after}, {"note", &row::note}};

std::string letters(const std::array<std::uint32_t, 4>& n) {
  return "R" + std::to_string(n[0]) + " A" + std::to_string(n[1]) + " C" + std::to_string(n[2]) + " I" + std::to_string(n[3]);
}

std::vector<row> rows_of(const network_diff& d) {
  std::vector<row> out;
  for (const auto& e : d.entities)
    out.push_back({"entity", std::string(to_string(e.change)), std::string(to_string(e.kind)), e.id, e.field, e.before, e.after, {}});
  for (const auto& r : d.roles)
    out.push_back({"role", std::string(to_string(r.change)), std::string(to_string(r.target_kind)), r.target, r.role,
                   r.org_before, r.org_after, r.event.empty() ? std::string() : "by " + r.event});
  for (const auto& r : d.responsibility)
    out.push_back({"responsibility", "changed", "organization", r.org, "raci", letters(r.before), letters(r.after), {}});
  for (const auto& p : d.pairs)
    out.push_back({"overlap", p.before == 0 ? "appeared" : "vanished", "organization", p.a + " + " + p.b, "shared",
                   std::to_string(p.before), std::to_string(p.after), {}});
  for (const auto& f : d.findings)
    out.push_back({"coverage", f.resolved ? "resolved" : "new", std::string(to_string(f.severity)), f.entity, f.rule,
                   f.resolved ? f.message : std::string(), f.resolved ? std::string() : f.message, {}});
  return out;
}

void print_table(std::ostream& out, const std::vector<row>& rows) {
  std::string part;
  for (const auto& r : rows) {
    if (r.part != part) out << (part.empty() ? "" : "\n") << (part = r.part) << '\n';
    out << "  " << r.change << ' ' << r.kind << ' ' << r.id;
    if (!r.field.empty()) out << ' ' << r.field;
    if (!r.before.empty() || !r.after.empty())
      out << ": " << (r.before.empty() ? "—" : r.before) << " → " << (r.after.empty() ? "—" : r.after);
    if (!r.note.empty()) out << " (" << r.note << ')';
    out << '\n';
  }
}

int run(const diff_cli_options& opt, const streams& io) {
  std::optional<date> from, to;
  if (!read_as_of(opt.from, "diff", io.err, from) || !read_as_of(opt.to, "diff", io.err, to)) return usage;
  if (opt.files.size() == 1 && (!from || !to)) {
    io.err << "danvan diff: give two files, or one file with --from DATE and --to DATE\n";
    return usage;
  }
  rule_set rules = default_rules();
  if (!opt.rules.empty()) {
    try {
      rules = load_rules(opt.rules);
    } catch (const error& e) {
      io.err << "danvan diff: " << e.what() << '\n';
      return usage;
    }
  }
  std::vector<load_outcome> loaded;
  for (const auto& f : opt.files) {
    loaded.push_back(load_file(f));
    const auto& o = loaded.back();
    if (!o.net) {
      for (const auto& p : o.problems) io.err << p.to_string() << '\n';
      if (!o.io_failed) io.err << o.file << ": invalid; run `danvan validate` for the problems\n";
      return usage;
    }
  }
  load_outcome& a = loaded.front();
  load_outcome& b = loaded.back();  // the same file when one is given
  const network before = from ? as_of(*a.net, *from) : *a.net;
  const network after = to ? as_of(*b.net, *to) : *b.net;
  diff_options o;
  o.min_shared = opt.min_shared;
  o.rules = &rules;
  o.coverage = !opt.no_coverage;
  const network_diff d = diff(before, after, o);
  const auto rows = rows_of(d);

  const std::string label_a = a.file + (from ? " as of " + from->to_string() : std::string());
  const std::string label_b = b.file + (to ? " as of " + to->to_string() : std::string());
  if (opt.format == "json") {
    json out = json::object();
    out["a"] = label_a;
    out["b"] = label_b;
    out["same"] = d.empty();
    json list = json::array();
    for (const auto& r : rows) {
      json j = json::object();
      for (const auto& [name, field] : fields) j[name] = r.*field;
      list.push_back(std::move(j));
    }
    out["changes"] = std::move(list);
    io.out << dump(out) << '\n';
  } else if (opt.format == "csv") {
    table t;
    for (const auto& [name, field] : fields) {
      column c(name, column_kind::text);
      for (const auto& r : rows) c.push_text(r.*field);
      t.add(std::move(c));
    }
    write_csv(io.out, t);
  } else {
    print_table(io.out, rows);
  }
  io.err << label_a << " → " << label_b << ": "
         << (d.empty() ? std::string("the same")
                       : count_of(d.entities.size(), "entity change") + ", " + count_of(d.roles.size(), "role change") + ", " +
                             count_of(d.responsibility.size(), "organization") + " with other responsibilities, " +
                             count_of(d.pairs.size(), "overlap pair") + " appeared or vanished, " +
                             count_of(d.findings.size(), "coverage finding") + " new or resolved")
         << '\n';
  return d.empty() ? success : failure;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<diff_cli_options>();
  app.add_option("files", opt->files, "Two network files, or one with --from and --to (`-` reads standard input)")
      ->required()
      ->expected(1, 2)
      ->type_name("FILE");
  app.add_option("--from", opt->from, "Compare the (first) network as of this day (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
  app.add_option("--to", opt->to, "... with the (second) network as of this day")->type_name("DATE");
  app.add_option("--min-shared", opt->min_shared, "Overlap pairs compared: those sharing at least this many tasks (0: none)")
      ->default_str("2");
  app.add_option("--rules", opt->rules, "Coverage rules compared (default: the shipped rules)")->type_name("RULES");
  app.add_flag("--no-coverage", opt->no_coverage, "Leave the coverage findings out");
  add_format_option(app, opt->format, {"table", "json", "csv"});
  app.footer(
      "Lists what changed: entities added, removed, renamed or changed field by field; roles gained,\n"
      "lost or moved (with the event when a reorganization carried them); each organization's roles by\n"
      "RACI letter where they differ; overlap pairs that appeared or vanished; coverage findings new or\n"
      "resolved. Example: danvan diff data/haiduong-2023.json --from 2023-12-31 --to 2025-09-01\n"
      "Exit status: 0 the same, 1 different, 2 usage error or a file that cannot be read or is invalid.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"diff", "What changed between two networks, or one network on two days", 45, setup}};

}  // namespace
}  // namespace danvan::cli
