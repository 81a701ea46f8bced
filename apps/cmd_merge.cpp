// danvan merge NETWORK.json DRAFT.json -o OUT.json — folds a reviewed draft (of
// `danvan extract`) into a network and says what became of each draft entity:
// matched (which id), added, ambiguous (the candidates) or dropped, with every
// conflicting field. The output is written atomically and is a valid network.
#include "command.hpp"
#include "common.hpp"

#include <danvan/merge.hpp>
#include <danvan/text/normalize.hpp>

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace danvan::cli {
namespace {

struct merge_cli_options {
  std::string network, draft, out, prefer = "network", text, format;
  double min_confidence = 0;
  bool interactive = false;
};

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ";") + x;
  return s;
}

/// Asks on the terminal which candidate an ambiguous entity is.
std::optional<std::string> ask(const merge_entry& e, std::ostream& err) {
  err << "\n" << to_string(e.kind) << " " << e.draft_id << " may be:\n";
  for (std::size_t i = 0; i < e.candidates.size(); ++i) err << "  " << i + 1 << ") " << e.candidates[i] << '\n';
  err << "  n) none: add it as new\nwhich? " << std::flush;
  for (std::string line; std::getline(std::cin, line);) {
    if (line == "n" || line == "N") return std::nullopt;
    try {
      const auto k = std::stoul(line);
      if (k >= 1 && k <= e.candidates.size()) return e.candidates[k - 1];
    } catch (const std::exception&) {
    }
    err << "a number from 1 to " << e.candidates.size() << ", or n: " << std::flush;
  }
  return std::nullopt;
}

int run(const merge_cli_options& opt, const streams& io) {
  load_outcome net = load_file(opt.network), draft = load_file(opt.draft);
  for (const auto* o : {&net, &draft})
    if (!o->net) {
      for (const auto& p : o->problems) io.err << p.to_string() << '\n';
      if (!o->io_failed) io.err << o->file << ": invalid; run `danvan validate` for the problems\n";
      return usage;
    }
  merge_options mo;
  mo.min_confidence = opt.min_confidence;
  mo.prefer_draft = opt.prefer == "draft";
  if (opt.interactive) {
    if (!::isatty(STDIN_FILENO)) {
      io.err << "danvan merge: --interactive needs a terminal on standard input\n";
      return usage;
    }
    mo.choose = [&](const merge_entry& e) { return ask(e, io.err); };
  }
  if (!opt.text.empty()) {
    std::ifstream in(opt.text, std::ios::binary);
    if (!in) {
      io.err << "danvan merge: cannot read the text " << opt.text << '\n';
      return usage;
    }
    std::ostringstream s;
    s << in.rdbuf();
    mo.source_text = s.str();
  }
  merge_result r;
  try {
    r = merge(*net.net, *draft.net, mo);
  } catch (const validation_error& e) {
    for (auto p : e.problems()) {
      if (p.file == "<draft>") p.file = draft.file;
      io.err << p.to_string() << '\n';
    }
    io.err << "danvan merge: nothing written\n";
    return failure;
  }
  try {
    save(r.merged, opt.out);
  } catch (const io_error& e) {
    io.err << "danvan merge: " << e.what() << '\n';
    return usage;
  }

  std::size_t counts[4] = {};
  for (const auto& e : r.entries) ++counts[static_cast<std::size_t>(e.status)];
  if (opt.format == "json") {
    json out = json::object();
    out["network"] = net.file;
    out["draft"] = draft.file;
    out["out"] = opt.out;
    json entries = json::array();
    for (const auto& e : r.entries)
      entries.push_back({{"kind", std::string(to_string(e.kind))}, {"draft_id", e.draft_id}, {"status", std::string(to_string(e.status))},
                         {"id", e.id}, {"candidates", e.candidates}, {"how", e.how}});
    out["entries"] = std::move(entries);
    json conflicts = json::array();
    for (const auto& c : r.conflicts)
      conflicts.push_back({{"kind", std::string(to_string(c.kind))}, {"id", c.id}, {"field", c.field},
                           {"network", c.network_value}, {"draft", c.draft_value}, {"draft_taken", c.draft_taken}});
    out["conflicts"] = std::move(conflicts);
    out["roles_added"] = r.roles_added;
    io.out << dump(out) << '\n';
  } else {
    for (const auto& e : r.entries) {
      io.out << to_string(e.status) << ' ' << to_string(e.kind) << ' ' << e.draft_id;
      if (!e.id.empty() && e.id != e.draft_id) io.out << " -> " << e.id;
      if (!e.candidates.empty()) io.out << " (candidates: " << joined(e.candidates) << ")";
      if (!e.how.empty() && e.status == merge_status::matched) io.out << " [" << e.how << "]";
      io.out << '\n';
    }
    for (const auto& c : r.conflicts)
      io.out << "conflict " << to_string(c.kind) << ' ' << c.id << ' ' << c.field << ": network " << c.network_value
             << ", draft " << c.draft_value << (c.draft_taken ? " (draft taken)" : " (network kept)") << '\n';
  }
  io.err << draft.file << " into " << net.file << ": " << counts[0] << " matched, " << counts[1] << " added, " << counts[2]
         << " ambiguous, " << counts[3] << " dropped; " << count_of(r.roles_added, "role") << " added, "
         << count_of(r.conflicts.size(), "conflict") << "; written to " << opt.out << '\n';
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<merge_cli_options>();
  app.add_option("network", opt->network, "The network file")->required()->type_name("NETWORK");
  app.add_option("draft", opt->draft, "The draft to fold in (e.g. written by `danvan extract --out`)")->required()->type_name("DRAFT");
  app.add_option("-o,--out", opt->out, "Where to write the merged network (atomically)")->required()->type_name("OUT.json");
  app.add_option("--min-confidence", opt->min_confidence, "Leave out draft entities and roles below this confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->default_str("0");
  app.add_option("--prefer", opt->prefer, "Which value a conflicting field keeps: network | draft")
      ->check(CLI::IsMember({"network", "draft"}))
      ->default_str("network");
  app.add_option("--text", opt->text, "The report the draft was made from: its SHA-256 and the spans are checked")->type_name("TEXT");
  app.add_flag("--interactive", opt->interactive, "Ask on the terminal which candidate each ambiguous entity is");
  add_format_option(app, opt->format, {"table", "json"});
  app.footer(
      "Matches documents by reference (type, number, issuer, year), organizations by name, alias\n"
      "or former name within the same province, areas by code or name, sources by SHA-256; adds\n"
      "the rest as new. Nothing of the network is overwritten unless --prefer draft.\n"
      "Example: danvan extract report.txt --out draft.json && danvan merge net.json draft.json -o merged.json\n"
      "Exit status: 0 merged and written, 1 the draft does not fit (role vocabulary, text), 2 usage or I/O error.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"merge", "Fold a reviewed draft into a network, with a report of every match", 75, setup, "danvan merge data/haiduong-2023.json draft.json --out merged.json"}};

}  // namespace
}  // namespace danvan::cli
