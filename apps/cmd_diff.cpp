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
  std::string from, to, rules, format, max_classification;
  std::uint32_t min_shared = 2;
  bool no_coverage = false;
};

/// The columns of the difference, in order; every cell is text.
constexpr const char* fields[] = {"part", "change", "kind", "id", "field", "before", "after", "note"};

std::string letters(const std::array<std::uint32_t, 4>& n) {
  return "R" + std::to_string(n[0]) + " A" + std::to_string(n[1]) + " C" + std::to_string(n[2]) + " I" + std::to_string(n[3]);
}

/// The difference as rows (every format reads them), one a change.
table changes_of(const network_diff& d) {
  std::vector<column> c;
  for (const char* name : fields) c.emplace_back(name, column_kind::text);
  auto add = [&c](std::initializer_list<std::string_view> cells) {
    std::size_t i = 0;
    for (std::string_view v : cells) c[i++].push_text(v);
  };
  for (const auto& e : d.entities) add({"entity", to_string(e.change), to_string(e.kind), e.id, e.field, e.before, e.after, {}});
  for (const auto& r : d.roles)
    add({"role", to_string(r.change), to_string(r.target_kind), r.target, r.role, r.org_before, r.org_after,
         r.event.empty() ? std::string() : "by " + r.event});
  for (const auto& r : d.responsibility)
    add({"responsibility", "changed", "organization", r.org, "raci", letters(r.before), letters(r.after), {}});
  for (const auto& p : d.pairs)
    add({"overlap", p.before == 0 ? "appeared" : "vanished", "organization", p.a + " + " + p.b, "shared",
         std::to_string(p.before), std::to_string(p.after), {}});
  for (const auto& f : d.findings)
    add({"coverage", f.resolved ? "resolved" : "new", to_string(f.severity), f.entity, f.rule,
         f.resolved ? f.message : std::string(), f.resolved ? std::string() : f.message, {}});
  table t;
  for (auto& col : c) t.add(std::move(col));
  return t;
}

/// The terminal's view: the changes grouped by part, one sentence-like line each.
void print_changes(std::ostream& out, const table& t) {
  const auto& col = t.columns();
  auto at = [&col](std::size_t field, std::size_t row) { return col[field].text(row); };
  std::string_view part;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const auto change = at(1, r), kind = at(2, r), id = at(3, r), field = at(4, r);
    const auto before = at(5, r), after = at(6, r), note = at(7, r);
    if (at(0, r) != part) out << (part.empty() ? "" : "\n") << (part = at(0, r)) << '\n';
    out << "  " << change << ' ' << kind << ' ' << id;
    if (!field.empty()) out << ' ' << field;
    if (!before.empty() || !after.empty())
      out << ": " << (before.empty() ? "—" : before) << " → " << (after.empty() ? "—" : after);
    if (!note.empty()) out << " (" << note << ')';
    out << '\n';
  }
}

int run(const diff_cli_options& opt, const streams& io) {
  std::optional<date> from, to;
  std::optional<classification> ceiling;
  if (!read_as_of(opt.from, "diff", io.err, from) || !read_as_of(opt.to, "diff", io.err, to) ||
      !read_ceiling(opt.max_classification, "diff", io.err, ceiling))
    return usage;
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
  // Each side as of its day, then at the ceiling: nothing above it is compared or named.
  auto side = [&ceiling](const network& net, std::optional<date> day) {
    network n = day ? as_of(net, *day) : net;
    return ceiling ? redact(n, *ceiling) : n;
  };
  const network before = side(*a.net, from);
  const network after = side(*b.net, to);
  diff_options o;
  o.min_shared = opt.min_shared;
  o.rules = &rules;
  o.coverage = !opt.no_coverage;
  const network_diff d = diff(before, after, o);
  const table t = changes_of(d);

  const std::string label_a = a.file + (from ? " as of " + from->to_string() : std::string());
  const std::string label_b = b.file + (to ? " as of " + to->to_string() : std::string());
  if (opt.format == "json") {
    json out = json::object();
    out["a"] = label_a;
    out["b"] = label_b;
    out["same"] = d.empty();
    out["changes"] = table_json(t);
    io.out << dump(out) << '\n';
  } else if (opt.format == "csv") {
    write_csv(io.out, t);
  } else {
    print_changes(io.out, t);
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
  add_max_classification_option(app, opt->max_classification);
  add_format_option(app, opt->format, {"table", "json", "csv"});
  app.footer(
      "Lists what changed: entities added, removed, renamed or changed field by field; roles gained,\n"
      "lost or moved (with the event when a reorganization carried them); each organization's roles by\n"
      "RACI letter where they differ; overlap pairs that appeared or vanished; coverage findings new or\n"
      "resolved. Example: danvan diff data/haiduong-2023.json --from 2023-12-31 --to 2025-09-01\n"
      "Exit status: 0 the same, 1 different, 2 usage error or a file that cannot be read or is invalid.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"diff", "What changed between two networks, or one network on two days", 47, setup, "danvan diff data/haiduong-2023.json --from 2023-12-31 --to 2025-09-01"}};

}  // namespace
}  // namespace danvan::cli
