#include "command.hpp"
#include "common.hpp"

#include <danvan/redact.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

namespace danvan::cli {

// ---- registry ---------------------------------------------------------------

namespace {
std::vector<command>& registry() {
  static std::vector<command> all;  // function-local: safe whatever the order of static initialization
  return all;
}
}  // namespace

registration::registration(command c) { registry().push_back(std::move(c)); }

std::vector<const command*> commands() {
  std::vector<const command*> out;
  for (const auto& c : registry()) out.push_back(&c);
  std::sort(out.begin(), out.end(), [](const command* a, const command* b) {
    return a->order != b->order ? a->order < b->order : a->name < b->name;
  });
  return out;
}

CLI::Option* add_format_option(CLI::App& app, std::string& target, std::vector<std::string> choices) {
  target = choices.front();
  std::string words;
  for (const auto& c : choices) words += (words.empty() ? "" : "|") + c;
  return app.add_option("--format", target, "Output format: " + words)
      ->check(CLI::IsMember(choices))
      ->default_str(choices.front())
      ->type_name("FORMAT");
}

CLI::Option* add_as_of_option(CLI::App& app, std::string& target, const std::string& help) {
  return app.add_option("--as-of", target, help + " (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
}

CLI::Option* add_max_classification_option(CLI::App& app, std::string& target) {
  return app.add_option("--max-classification", target,
                        "Leave out everything classified above LEVEL: public, internal or restricted")
      ->type_name("LEVEL");
}

// ---- loading ----------------------------------------------------------------

bool read_as_of(const std::string& text, std::string_view command, std::ostream& err, std::optional<date>& day) {
  day.reset();
  if (text.empty()) return true;
  day = date::parse(text);
  if (day) return true;
  err << "danvan " << command << ": --as-of `" << text << "` is not a date: " << date::why_not(text) << '\n';
  return false;
}

void take_as_of(load_outcome& o, std::optional<date> day) {
  if (day && o.net) o.net = as_of(*o.net, *day);
}

bool read_ceiling(const std::string& word, std::string_view command, std::ostream& err,
                  std::optional<classification>& ceiling) {
  ceiling.reset();
  if (word.empty()) return true;
  ceiling = enum_from_string<classification>(word);
  if (ceiling) return true;
  err << "danvan " << command << ": --max-classification `" << word
      << "` is not a classification (accepted: public, internal, restricted)\n";
  return false;
}

void take_ceiling(load_outcome& o, std::optional<classification> ceiling) {
  if (o.net && ceiling) o.net = redact(*o.net, *ceiling);
}

std::optional<network> open_network(const std::string& file, const std::string& as_of_text,
                                    const std::string& max_classification, std::string_view command,
                                    const streams& io, int& status) {
  std::optional<date> day;
  std::optional<classification> ceiling;
  status = usage;
  if (!read_as_of(as_of_text, command, io.err, day) || !read_ceiling(max_classification, command, io.err, ceiling))
    return std::nullopt;
  load_outcome o = load_file(file);
  take_as_of(o, day);
  take_ceiling(o, ceiling);
  if (!o.net) {
    for (const auto& p : o.problems) io.err << p.to_string() << '\n';
    if (!o.io_failed) io.err << o.file << ": invalid; run `danvan validate` for the problems\n";
    status = o.io_failed ? usage : failure;
    return std::nullopt;
  }
  status = success;
  return std::move(o.net);
}

load_outcome load_file(const std::string& file, const load_options& options) {
  load_outcome o;
  o.file = file == "-" ? std::string("<stdin>") : file;
  try {
    if (file == "-") {
      std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
      if (std::cin.bad()) throw io_error(o.file, "could not read standard input");
      o.net = loads(text, o.file, options);
    } else {
      // Progress for people: a note before a long load, when stderr is a terminal.
      std::error_code ec;
      const auto size = std::filesystem::file_size(file, ec);
      const bool note = !ec && size >= (std::uintmax_t{64} << 20) && ::isatty(STDERR_FILENO);
      const auto t0 = std::chrono::steady_clock::now();
      if (note) std::cerr << "danvan: loading " << file << " (" << (size >> 20) << " MB) ..." << std::flush;
      try {
        o.net = load(file, options);
      } catch (...) {
        if (note) std::cerr << '\n';
        throw;
      }
      if (note)
        std::cerr << " " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
    }
  } catch (const parse_error& e) {
    o.problems.push_back(e.where());
  } catch (const validation_error& e) {
    o.problems = e.problems();
    o.total = e.total();
  } catch (const io_error& e) {
    o.io_failed = true;
    o.problems.push_back(problem{e.file(), {}, 0, 0, "io-error", [&] {
                                   // io_error's message is `file: what`; keep only what.
                                   std::string what = e.what();
                                   const std::string prefix = e.file() + ": ";
                                   return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what;
                                 }(),
                                 {}});
  } catch (const error& e) {
    // Any other failure (a limit reached) is this file's: the next files are still read.
    o.io_failed = true;
    o.problems.push_back(problem{o.file, {}, 0, 0, "error", e.what(), {}});
  }
  if (o.total < o.problems.size()) o.total = o.problems.size();
  for (auto& p : o.problems)
    if (p.file.empty()) p.file = o.file;
  return o;
}

// ---- output -----------------------------------------------------------------

json to_json(const problem& p) {
  json j = json::object();
  j["file"] = p.file;
  j["path"] = p.path;
  if (p.line > 0) {
    j["line"] = p.line;
    j["column"] = p.column;
  }
  j["rule"] = p.rule;
  j["message"] = p.message;
  if (!p.suggestion.empty()) j["suggestion"] = p.suggestion;
  return j;
}

std::string more_problems_note(const load_outcome& o) {
  if (o.total <= o.problems.size()) return {};
  const auto more = o.total - o.problems.size();
  return std::to_string(more) + " more problem" + (more == 1 ? "" : "s") + " not listed (raise --max-problems)";
}

std::string count_of(std::size_t n, std::string_view word) {
  std::string w(word);
  if (n != 1) w = w.back() == 'y' ? w.substr(0, w.size() - 1) + "ies" : w + "s";
  return std::to_string(n) + " " + w;
}

json table_json(const table& t, const network* net) {
  std::ostringstream rows;
  write_json(rows, t, net);
  return json::parse(rows.str());
}

std::string dump(const json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace danvan::cli
