// danvan validate FILE... — checks network files and lists every problem.
#include "command.hpp"
#include "common.hpp"

#include <danvan/query/time.hpp>

#include <iostream>
#include <memory>

namespace danvan::cli {
namespace {

struct validate_options {
  std::vector<std::string> files;
  std::string format;
  std::size_t max_problems = 100;
  bool quiet = false;
  std::string as_of;
};

std::string counts(const network& net) {
  return count_of(net.size(entity_kind::organization), "organization") + ", " +
         count_of(net.size(entity_kind::document), "document") + ", " +
         count_of(net.size(entity_kind::program), "program") + ", " + count_of(net.size(entity_kind::task), "task") +
         ", " + count_of(net.roles().size(), "role");
}

int run(const validate_options& opt, const streams& io) {
  load_options lo;
  lo.max_problems = opt.max_problems;
  const bool as_json_output = opt.format == "json";
  std::optional<date> day;
  if (!read_as_of(opt.as_of, "validate", io.err, day)) return usage;

  json all = json::array();
  std::size_t invalid = 0, unreadable = 0, problems = 0;
  for (const auto& file : opt.files) {
    load_outcome o = load_file(file, lo);
    const std::vector<problem> warnings = o.net ? o.net->warnings() : std::vector<problem>{};
    take_as_of(o, day);
    if (o.io_failed) ++unreadable;
    else if (!o.net) ++invalid;
    problems += o.io_failed ? 0 : o.total;

    if (as_json_output) {
      for (const auto& p : o.problems) all.push_back(to_json(p));
      for (const auto& w : warnings) {
        json j = to_json(w);
        j["severity"] = "warning";
        all.push_back(std::move(j));
      }
      if (auto note = more_problems_note(o); !note.empty())
        all.push_back(to_json(problem{o.file, {}, 0, 0, "more-problems", note, {}}));
      continue;
    }
    for (const auto& p : o.problems) io.out << p.to_string() << '\n';
    for (const auto& w : warnings) io.out << w.file << ':' << w.path << ": warning: " << w.message << '\n';
    if (auto note = more_problems_note(o); !note.empty()) io.out << o.file << ": " << note << '\n';
    io.out.flush();
    if (!opt.quiet) {
      if (o.net && day)
        io.err << o.file << ": valid; as of " << day->to_string() << " (" << counts(*o.net) << "; "
               << count_moved_roles(*o.net).carried << " carried, " << count_moved_roles(*o.net).orphaned << " orphaned)\n";
      else if (o.net)
        io.err << o.file << ": valid (" << counts(*o.net) << (warnings.empty() ? "" : "; " + count_of(warnings.size(), "warning"))
               << ")\n";
      else if (!o.io_failed)
        io.err << o.file << ": invalid, " << count_of(o.total, "problem") << "\n";
    }
  }
  if (as_json_output) io.out << dump(all) << '\n';
  if (!as_json_output && !opt.quiet && opt.files.size() > 1) {
    const std::size_t valid = opt.files.size() - invalid - unreadable;
    io.err << "danvan validate: " << valid << " of " << opt.files.size() << " files valid";
    if (invalid) io.err << ", " << invalid << " invalid (" << count_of(problems, "problem") << ")";
    if (unreadable) io.err << ", " << unreadable << " unreadable";
    io.err << '\n';
  }
  return unreadable ? usage : invalid ? failure : success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<validate_options>();
  app.add_option("files", opt->files, "Network files to check (`-` reads standard input)")
      ->required()
      ->type_name("FILE");
  add_format_option(app, opt->format, {"text", "json"});
  app.add_option("--max-problems", opt->max_problems, "Problems listed per file; the rest are counted")
      ->check(CLI::PositiveNumber)
      ->default_str("100");
  app.add_flag("-q,--quiet", opt->quiet, "Print only the problems (no per-file status on stderr)");
  add_as_of_option(app, opt->as_of, "Also build each valid file's network as of this day and count it");
  app.footer(
      "Prints every problem of every file, one per line, as `file:path: message`\n"
      "(`file:line:column: message` for JSON syntax errors), and what is allowed but suspect as\n"
      "`file:path: warning: message` (a warning does not make a file invalid); with --format\n"
      "json, one JSON array of {file, path, line, column, rule, message, suggestion} objects\n"
      "(warnings with \"severity\": \"warning\").\n"
      "Exit status: 0 all files valid, 1 some file invalid, 2 usage error or a file that\n"
      "cannot be read (2 wins over 1).");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"validate", "Check network files and list every problem", 10, setup, "danvan validate data/haiduong-2023.json"}};

}  // namespace
}  // namespace danvan::cli
