// danvan check FILE [--rules RULES] [--as-of DATE] [--format table|json|csv] —
// runs coverage rules (docs/rules.md) and lists every violation.
#include "command.hpp"
#include "common.hpp"

#include <danvan/query/coverage.hpp>
#include <danvan/table.hpp>

#include <array>
#include <iostream>
#include <memory>

namespace danvan::cli {
namespace {

struct check_options {
  std::string file;
  std::string rules;
  std::string as_of;
  std::string max_classification;
  std::string format;
  bool quiet = false;
};

/// A load problem of the network as a violation of error severity (rule `unknown-reference`, ...).
violation from_problem(const problem& p) {
  violation v;
  v.rule = p.rule.empty() ? "invalid-network" : p.rule;
  v.check = "load";
  v.severity = severity::error;
  v.entity_id = p.path;
  v.message = p.to_string();
  return v;
}

/// The violations as rows (every format reads them): severity, rule, check, entity_kind (none when the network
/// did not load: the entity is then a JSON path), entity, message, evidence.
table violation_table(const std::vector<violation>& found, bool loaded) {
  column level = column::codes_of<severity>("severity", "severity");
  column rule("rule", column_kind::text), check_name("check", column_kind::text);
  column kind = column::codes_of<entity_kind>("entity_kind", "entity_kind");
  column entity("entity", column_kind::text), message("message", column_kind::text);
  column evidence("evidence", column_kind::text_list);
  for (const auto& v : found) {
    level.codes.push_back(static_cast<std::uint8_t>(v.severity));
    rule.push_text(v.rule);
    check_name.push_text(v.check);
    kind.codes.push_back(loaded ? static_cast<std::uint8_t>(v.kind) : no_code);
    entity.push_text(v.entity_id);
    message.push_text(v.message);
    for (const auto& e : v.evidence) evidence.push_text(e);
    evidence.end_row();
  }
  table t;
  for (auto* c : {&level, &rule, &check_name, &kind, &entity, &message, &evidence}) t.add(std::move(*c));
  return t;
}

void print(const streams& io, const check_options& opt, const std::string& file, const std::string& rules_file,
           std::optional<date> as_of, const std::vector<violation>& found, bool loaded) {
  std::array<std::size_t, 3> counts{};
  for (const auto& v : found) ++counts[static_cast<std::size_t>(v.severity)];
  const table t = violation_table(found, loaded);
  if (opt.format == "json") {
    json out = json::object();
    out["file"] = file;
    out["rules"] = rules_file;
    out["as_of"] = as_of ? json(as_of->to_string()) : json(nullptr);
    out["valid"] = loaded;
    out["counts"] = {{"error", counts[2]}, {"warning", counts[1]}, {"info", counts[0]}};
    out["violations"] = table_json(t);
    io.out << dump(out) << '\n';
  } else if (opt.format == "csv") {
    write_csv(io.out, t);
  } else if (!found.empty()) {
    write_text(io.out, t.select({"severity", "rule", "entity", "message"}));
  }
  io.out.flush();
  if (!opt.quiet) {
    io.err << file << ": ";
    if (found.empty()) io.err << "no violations";
    else
      io.err << count_of(found.size(), "violation") << " (" << count_of(counts[2], "error") << ", "
             << count_of(counts[1], "warning") << ", " << counts[0] << " info)";
    io.err << " of " << rules_file << (as_of ? " as of " + as_of->to_string() : std::string()) << '\n';
  }
}

int run(const check_options& opt, const streams& io) {
  std::optional<date> as_of;
  std::optional<classification> ceiling;
  if (!read_as_of(opt.as_of, "check", io.err, as_of) ||
      !read_ceiling(opt.max_classification, "check", io.err, ceiling))
    return usage;
  rule_set rules;
  std::string rules_file = "the default rules";
  try {
    if (opt.rules.empty()) rules = default_rules();
    else {
      rules = load_rules(opt.rules);
      rules_file = opt.rules;
    }
  } catch (const parse_error& e) {
    io.err << e.where().to_string() << '\n';
    return usage;
  } catch (const validation_error& e) {
    for (const auto& p : e.problems()) io.err << p.to_string() << '\n';
    io.err << "danvan check: the rules file is invalid (" << count_of(e.total(), "problem") << ")\n";
    return usage;
  } catch (const io_error& e) {
    io.err << "danvan check: " << e.what() << '\n';
    return usage;
  }
  if (!as_of) as_of = rules.as_of;

  load_outcome o = load_file(opt.file);
  if (o.io_failed) {
    for (const auto& p : o.problems) io.err << p.to_string() << '\n';
    return usage;
  }
  if (!o.net) {
    // A network that does not load breaks the load-time rules (unknown references, cycles, ...).
    std::vector<violation> found;
    for (const auto& p : o.problems) found.push_back(from_problem(p));
    print(io, opt, o.file, rules_file, as_of, found, false);
    if (auto note = more_problems_note(o); !note.empty()) io.err << o.file << ": " << note << '\n';
    return failure;
  }
  if (ceiling) {
    // The network as of the day, then at the ceiling: check() finds it already as of that day.
    take_as_of(o, as_of);
    take_ceiling(o, ceiling);
  }
  std::vector<violation> found;
  try {
    found = check(*o.net, rules, as_of);
  } catch (const validation_error& e) {
    // The rules name ids or roles the network does not have.
    for (const auto& p : e.problems()) io.err << p.to_string() << '\n';
    io.err << "danvan check: the rules do not fit " << o.file << '\n';
    return usage;
  }
  print(io, opt, o.file, rules_file, as_of, found, true);
  return passes(found) ? success : failure;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<check_options>();
  app.add_option("file", opt->file, "Network file (`-` reads standard input)")->required()->type_name("FILE");
  app.add_option("--rules", opt->rules, "Rules file (default: the shipped data/rules/default.rules.json)")
      ->type_name("RULES");
  add_as_of_option(app, opt->as_of, "Check the network as of this day (default: the rules file's as_of)");
  add_max_classification_option(app, opt->max_classification);
  add_format_option(app, opt->format, {"table", "json", "csv"});
  app.add_flag("-q,--quiet", opt->quiet, "No summary line on stderr");
  app.footer(
      "Runs the coverage rules of a rules file (docs/rules.md) on a network and prints every\n"
      "violation: a table (SEVERITY RULE ENTITY MESSAGE), a JSON object {file, rules, as_of,\n"
      "valid, counts, violations: [{rule, check, severity, entity_kind, entity, message,\n"
      "evidence}]}, or CSV. A network that does not load is reported as violations of the\n"
      "load-time rules (unknown-reference, hierarchy-cycle, ...).\n"
      "Exit status: 0 no violation of error severity, 1 some violation of error severity\n"
      "(or an invalid network), 2 usage error, unreadable file or invalid rules file.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"check", "Run coverage rules and list the violations", 30, setup, "danvan check data/haiduong-2023.json --as-of 2023-12-31"}};

}  // namespace
}  // namespace danvan::cli
