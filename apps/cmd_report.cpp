// danvan report FILE -o REPORT.html — one self-contained HTML page of a network
// (docs/report.md): summary, responsibility, coverage, overlap, time. The page is
// made by apps/report/; this file reads the options and the inputs and writes it.
#include "command.hpp"
#include "common.hpp"
#include "output_file.hpp"
#include "report/report.hpp"

#include <danvan/io/file.hpp>
#include <danvan/query/coverage.hpp>
#include <danvan/redact.hpp>

#include <iostream>
#include <memory>

namespace danvan::cli {
namespace {

struct report_options {
  std::string file;
  std::string output;
  std::string as_of;
  std::string window;
  std::string rules;
  std::string max_classification;
  std::string lang = "vi";
  std::vector<std::string> texts;
  std::size_t top = 25;
  bool force = false;
};

/// `A..B`, either side empty for an open end; prints why not and returns false.
bool read_window(const std::string& text, std::ostream& err, std::optional<period>& window) {
  if (text.empty()) return true;
  const auto dots = text.find("..");
  if (dots == std::string::npos) {
    err << "danvan report: --window `" << text << "` is not START..END (e.g. 2023-01..2023-12, 2023.., ..2024-06)\n";
    return false;
  }
  period p;
  for (auto [part, end] : {std::pair{text.substr(0, dots), &p.start}, std::pair{text.substr(dots + 2), &p.end}}) {
    if (part.empty()) continue;
    const auto d = date::parse(part);
    if (!d) {
      err << "danvan report: --window `" << text << "`: `" << part << "` is not a date: " << date::why_not(part) << '\n';
      return false;
    }
    *end = *d;
  }
  if (!p.well_formed()) {
    err << "danvan report: --window `" << text << "` ends before it starts\n";
    return false;
  }
  window = p;
  return true;
}

/// The rules and how the page names them; prints why not and returns false.
bool read_rules(const std::string& file, std::ostream& err, rule_set& rules, std::string& label) {
  try {
    rules = file.empty() ? default_rules() : load_rules(file);
    label = file.empty() ? "data/rules/default.rules.json" : file;
    return true;
  } catch (const parse_error& e) {
    err << e.where().to_string() << '\n';
  } catch (const validation_error& e) {
    for (const auto& p : e.problems()) err << p.to_string() << '\n';
    err << "danvan report: the rules file is invalid (" << count_of(e.total(), "problem") << ")\n";
  } catch (const io_error& e) {
    err << "danvan report: " << e.what() << '\n';
  }
  return false;
}

std::string make_page(const report::input& in) {
  return report::page(in, report::summary_section(in) + report::responsibility_section(in) + report::coverage_section(in) +
                              report::overlap_section(in) + report::time_section(in));
}

int run(const report_options& opt, const streams& io) {
  std::optional<date> day;
  std::optional<period> window;
  std::optional<classification> ceiling;
  rule_set rules;
  std::string rules_label;
  if (!read_as_of(opt.as_of, "report", io.err, day) || !read_window(opt.window, io.err, window) ||
      !read_ceiling(opt.max_classification, "report", io.err, ceiling) || !read_rules(opt.rules, io.err, rules, rules_label))
    return usage;
  if (!writable_or_say("report", opt.output, opt.force, io.err)) return usage;
  report::source_texts texts;
  try {
    for (const auto& t : opt.texts) texts.add(t);
  } catch (const io_error& e) {
    io.err << "danvan report: --texts " << e.what() << '\n';
    return usage;
  }
  load_outcome o = load_file(opt.file);
  if (!o.net) {
    for (const auto& p : o.problems) io.err << p.to_string() << '\n';
    if (!o.io_failed) io.err << o.file << ": invalid; run `danvan validate` for the problems\n";
    return o.io_failed ? usage : failure;
  }
  // Everything on the page comes from the network at the ceiling: nothing above it is read again.
  const network full = ceiling ? redact(*o.net, *ceiling) : std::move(*o.net);
  o.net.reset();
  const network net = day ? as_of(full, *day) : full;
  const report::words w(opt.lang);
  const report::input in{full, net, o.file, day, window, ceiling, rules, rules_label, w, texts, opt.top};
  std::string html;
  try {
    html = make_page(in);
  } catch (const validation_error& e) {
    for (const auto& p : e.problems()) io.err << p.to_string() << '\n';
    io.err << "danvan report: the rules do not fit " << o.file << '\n';
    return usage;
  }
  write_file(opt.output, html);  // io_error: main reports it, exit status 2
  io.err << "danvan report: wrote " << opt.output << " (" << (html.size() + 1023) / 1024 << " KB)\n";
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<report_options>();
  app.add_option("file", opt->file, "Network file (`-` reads standard input)")->required()->type_name("FILE");
  app.add_option("-o,--output", opt->output, "The HTML file to write")->required()->type_name("REPORT.html");
  add_as_of_option(app, opt->as_of, "Report on the network as of this day: roles follow reorganizations");
  app.add_option("--window", opt->window, "Only the work active in START..END (either end may be left out)")
      ->type_name("A..B");
  app.add_option("--rules", opt->rules, "Coverage rules (default: the shipped data/rules/default.rules.json)")
      ->type_name("RULES");
  add_max_classification_option(app, opt->max_classification);
  app.add_option("--lang", opt->lang, "Language of the page: vi (default) or en")
      ->check(CLI::IsMember({"vi", "en"}))
      ->default_str("vi");
  app.add_option("--texts", opt->texts,
                 "A source text, or a folder of them: evidence spans of a source whose SHA-256 matches are quoted")
      ->type_name("PATH");
  app.add_option("--top", opt->top, "Rows of each long table (the rest are counted)")->default_str("25")
      ->check(CLI::Range(1, 100000));
  app.add_flag("--force", opt->force, "Replace the output file when it exists");
  app.footer(
      "Writes one self-contained HTML page (no network request: style, script and charts are\n"
      "inline) with the summary, responsibility, coverage, overlap and time of a network; see\n"
      "docs/report.md. The coordination graph needs Graphviz `dot` on PATH.\n"
      "Exit status: 0 written, 1 invalid network file, 2 usage error, existing output without\n"
      "--force, unwritable output, unreadable file or invalid rules.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"report", "Write a self-contained HTML report of a network", 90, setup, "danvan report data/haiduong-2023.json -o report.html"}};

}  // namespace
}  // namespace danvan::cli
