// danvan summary FILE — what a network holds: counts per kind, roles, dates,
// classification and validity.
#include "command.hpp"
#include "common.hpp"

#include <danvan/query/time.hpp>

#include <algorithm>
#include <array>
#include <iomanip>
#include <iostream>
#include <memory>

namespace danvan::cli {
namespace {

struct summary_options {
  std::string file;
  std::string format;
  std::string as_of;
  std::string max_classification;
};

constexpr std::array<entity_kind, 8> kinds{entity_kind::area,    entity_kind::topic, entity_kind::organization,
                                           entity_kind::document, entity_kind::program, entity_kind::task,
                                           entity_kind::event,   entity_kind::source};

struct facts {
  std::array<std::size_t, 8> count{};
  std::size_t roles = 0;
  std::vector<std::size_t> per_role;  // by role_index
  std::array<std::size_t, 3> per_classification{};
  std::size_t with_validity = 0, ended = 0;
  std::size_t carried = 0, orphaned = 0;  // in a network as of a day
};

template <class Range> void scan_entities(const Range& range, facts& f) {
  for (const auto e : range) {
    ++f.per_classification[static_cast<std::size_t>(e.classification())];
    if (!e.valid_from().empty() || !e.valid_to().empty()) ++f.with_validity;
    if (!e.valid_to().empty()) ++f.ended;
  }
}

facts gather(const network& net) {
  facts f;
  for (auto k : kinds) f.count[static_cast<std::size_t>(k)] = net.size(k);
  f.roles = net.roles().size();
  f.per_role.assign(net.vocabulary().size(), 0);
  scan_entities(net.areas(), f);
  scan_entities(net.topics(), f);
  scan_entities(net.organizations(), f);
  scan_entities(net.documents(), f);
  scan_entities(net.programs(), f);
  scan_entities(net.tasks(), f);
  scan_entities(net.events(), f);
  scan_entities(net.sources(), f);
  for (const auto r : net.roles()) {
    ++f.per_role[r.role()];
    // A role is as classified as the highest of itself and what it joins.
    auto c = std::max(r.classification(), r.org().classification());
    c = std::max(c, r.target_kind() == entity_kind::task ? net.tasks()[r.target()].classification()
                                                        : net.programs()[r.target()].classification());
    ++f.per_classification[static_cast<std::size_t>(c)];
  }
  const auto moved = count_moved_roles(net);
  f.carried = moved.carried;
  f.orphaned = moved.orphaned;
  return f;
}

std::string plural(entity_kind k) { return std::string(collection_name(k)); }

json as_json(const std::string& file, const network& net, const facts& f) {
  json j = json::object();
  j["file"] = file;
  j["valid"] = true;
  j["format"] = std::string(format_version);
  j["title"] = net.meta().title;
  j["language"] = net.meta().language;
  json counts = json::object();
  for (auto k : kinds) counts[plural(k)] = f.count[static_cast<std::size_t>(k)];
  counts["roles"] = f.roles;
  j["counts"] = counts;
  json roles = json::array();
  for (std::size_t i = 0; i < f.per_role.size(); ++i) {
    const auto& def = net.vocabulary()[static_cast<role_index>(i)];
    roles.push_back({{"role", def.name},
                     {"raci", std::string(to_string(def.letter))},
                     {"declared", i >= role_vocabulary::core_size()},
                     {"count", f.per_role[i]}});
  }
  j["roles"] = roles;
  const period range = net.date_range();
  j["dates"] = range.empty() ? json(nullptr) : json{{"start", range.start.to_string()}, {"end", range.end.to_string()}};
  json cls = json::object();
  cls["default"] = std::string(to_string(net.meta().classification));
  for (std::size_t c = 0; c < 3; ++c)
    cls[std::string(to_string(static_cast<classification>(c)))] = f.per_classification[c];
  j["classification"] = cls;
  json validity = json::object();
  validity["with_validity_dates"] = f.with_validity;
  validity["ended"] = f.ended;
  j["validity"] = validity;
  const date as_of = net.meta().as_of;
  j["as_of"] = as_of.empty() ? json(nullptr)
                             : json{{"date", as_of.to_string()}, {"carried_roles", f.carried}, {"orphaned_roles", f.orphaned}};
  return j;
}

void print_table(std::ostream& out, const std::string& file, const network& net, const facts& f) {
  auto row = [&](std::string_view label, std::size_t n, std::string_view note = {}) {
    out << "  " << std::left << std::setw(16) << label << std::right << std::setw(10) << n;
    if (!note.empty()) out << "  " << note;
    out << '\n';
  };
  out << file << ": valid (danvan format " << format_version << ", language " << net.meta().language << ")\n";
  if (const date day = net.meta().as_of; !day.empty())
    out << "as of " << day.to_string() << ": what exists that day; " << count_of(f.carried, "role")
        << " carried to successors by reorganizations, " << f.orphaned << " orphaned (no successor)\n";
  if (!net.meta().title.empty()) out << "title: " << net.meta().title << '\n';

  out << "\nentities\n";
  for (auto k : kinds) row(plural(k), f.count[static_cast<std::size_t>(k)]);
  row("roles", f.roles);

  out << "\nroles (RACI)\n";
  for (std::size_t i = 0; i < f.per_role.size(); ++i) {
    const auto& def = net.vocabulary()[static_cast<role_index>(i)];
    if (f.per_role[i] == 0 && i < role_vocabulary::core_size()) continue;  // unused core roles are noise
    std::string note = std::string(to_string(def.letter));
    if (i >= role_vocabulary::core_size()) note += ", declared in the file";
    row(def.name, f.per_role[i], note);
  }

  const period range = net.date_range();
  out << "\ndates           " << (range.empty() ? std::string("none") : range.start.to_string() + " .. " + range.end.to_string())
      << '\n';
  out << "classification  default " << to_string(net.meta().classification);
  for (std::size_t c = 0; c < 3; ++c)
    out << (c ? ", " : "; ") << to_string(static_cast<classification>(c)) << ' ' << f.per_classification[c];
  out << " (entities and roles)\n";
  out << "validity        " << count_of(f.with_validity, "entity") << " with validity dates, " << f.ended
      << " with an end (valid_to)";
  out << '\n';
}

int run(const summary_options& opt, const streams& io) {
  std::optional<date> as_of;
  std::optional<classification> ceiling;
  if (!read_as_of(opt.as_of, "summary", io.err, as_of) ||
      !read_ceiling(opt.max_classification, "summary", io.err, ceiling))
    return usage;
  load_outcome o = load_file(opt.file);
  take_as_of(o, as_of);
  take_ceiling(o, ceiling);
  const bool as_json_output = opt.format == "json";
  if (!o.net) {
    if (as_json_output && !o.io_failed) {
      json problems = json::array();
      for (const auto& p : o.problems) problems.push_back(to_json(p));
      io.out << dump({{"file", o.file}, {"valid", false}, {"problem_count", o.total}, {"problems", problems}})
             << '\n';
    } else {
      for (const auto& p : o.problems) io.err << p.to_string() << '\n';
      if (auto note = more_problems_note(o); !note.empty()) io.err << o.file << ": " << note << '\n';
      if (!o.io_failed) io.err << o.file << ": invalid; run `danvan validate` for the problems\n";
    }
    return o.io_failed ? usage : failure;
  }
  const facts f = gather(*o.net);
  if (as_json_output) io.out << dump(as_json(o.file, *o.net, f)) << '\n';
  else print_table(io.out, o.file, *o.net, f);
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<summary_options>();
  app.add_option("file", opt->file, "Network file (`-` reads standard input)")->required()->type_name("FILE");
  add_format_option(app, opt->format, {"table", "json"});
  add_as_of_option(app, opt->as_of, "Summarize the network as of this day, with its carried and orphaned roles");
  add_max_classification_option(app, opt->max_classification);
  app.footer(
      "Counts per kind, roles per role name with their RACI letter, the date range, the\n"
      "classification of entities and roles, and validity dates.\n"
      "Exit status: 0 the file is valid and summarized, 1 the file is invalid (problems on\n"
      "stderr, or in the JSON with --format json), 2 usage error or unreadable file.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"summary", "Summarize a network: counts, roles, dates, classification", 20, setup, "danvan summary data/haiduong-2023.json --as-of 2025-09-01"}};

}  // namespace
}  // namespace danvan::cli
