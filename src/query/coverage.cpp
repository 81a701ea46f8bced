// Coverage rules: the catalog of built-in rules, the rules file reader and the
// engine. docs/rules.md is the reference for every rule's meaning; keep the two
// in step (tests/cpp/coverage_test.cpp checks the catalog against the schema).
#include "detail/read_file.hpp"
#include "detail/suggest.hpp"
#include <danvan/error.hpp>
#include <danvan/query/coverage.hpp>
#include <danvan/query/time.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <functional>
#include <unordered_set>

namespace danvan {

// ---- the catalog ----------------------------------------------------------------

namespace {

param_spec p(std::string name, param_type type, std::string def, std::string description,
             std::vector<std::string> choices = {}) {
  return {std::move(name), type, std::move(def), std::move(description), std::move(choices)};
}

template <class E> std::vector<std::string> words() {
  return std::vector<std::string>(std::begin(enum_names<E>::names), std::end(enum_names<E>::names));
}

std::vector<param_spec> count_params(const char* letter, const char* min, const char* max) {
  return {
      p("letter", param_type::string, std::string("\"") + letter + "\"",
        "RACI letter of the roles that count (used when `roles` is empty)", {"R", "A", "C", "I"}),
      p("roles", param_type::string_list, "[]", "only roles of these names count, whatever their letter"),
      p("min", param_type::integer, min, "fewest organizations holding such a role"),
      p("max", param_type::integer, max, "most organizations holding such a role"),
      p("statuses", param_type::string_list, R"(["planned", "in_progress", "done"])", "task statuses checked",
        words<task_status>()),
      p("kinds", param_type::string_list, "[]", "task kinds checked (empty: all)", words<task_kind>()),
  };
}

std::vector<rule_definition> make_catalog() {
  std::vector<rule_definition> c;
  c.push_back({"task-responsible", severity::error, entity_kind::task, false,
               "every task has exactly one responsible organization (R, or the chosen roles)",
               count_params("R", "1", "1")});
  c.push_back({"task-accountable", severity::warning, entity_kind::task, false,
               "every task has at most one accountable organization (A, or the chosen roles)",
               count_params("A", "0", "1")});
  c.push_back({"document-implemented", severity::warning, entity_kind::document, false,
               "every document that applies has an implementing task or program",
               {p("within_days", param_type::integer, "", "the first implementing item must start within this many days of the document's date"),
                p("types", param_type::string_list, "[]", "document types checked (empty: all)"),
                p("areas", param_type::string_list, "[]",
                  "check only documents without areas or with an area that is one of these, inside one or contains one"),
                p("transitive", param_type::boolean, "true",
                  "an item implementing a document that implements or continues this one counts"),
                p("task_kinds", param_type::string_list, "[]", "task kinds that count as implementing (empty: all)",
                  words<task_kind>())}});
  c.push_back({"program-lead", severity::warning, entity_kind::program, false, "every program has a lead",
               {p("letter", param_type::string, "\"R\"", "RACI letter of the roles that count as leading",
                  {"R", "A", "C", "I"}),
                p("roles", param_type::string_list, "[]", "only roles of these names count, whatever their letter"),
                p("include_tasks", param_type::boolean, "false", "a lead on one of the program's tasks counts"),
                p("kinds", param_type::string_list, "[]", "program kinds checked (empty: all)", words<program_kind>())}});
  c.push_back({"review-overdue", severity::error, entity_kind::document, true,
               "review obligations (sơ kết, tổng kết) due by the date have a review task",
               {p("kinds", param_type::string_list, "[]", "obligation kinds checked (empty: both)",
                  {"preliminary", "final"}),
                p("early_years", param_type::integer, "1",
                  "a review counts from the start of this many years before the due year"),
                p("grace_days", param_type::integer, "0", "days after the due date before it is overdue"),
                p("require_done", param_type::boolean, "false", "only review tasks with status done count")}});
  c.push_back({"area-reached", severity::warning, entity_kind::area, false,
               "every area (of a level) is reached by a given program, or by some program of the given kinds",
               {p("program", param_type::string, "", "the program or movement (empty: every program of `kinds`)"),
                p("kinds", param_type::string_list, "[]", "program kinds that count when no program is given",
                  words<program_kind>()),
                p("level", param_type::string, "\"district\"", "level of the areas checked", words<level>()),
                p("under", param_type::string, "", "check only areas inside this one"),
                p("via_tasks", param_type::boolean, "true", "the areas of the program's tasks count"),
                p("via_organizations", param_type::boolean, "true",
                  "the area of an organization holding a role on the program or its tasks counts")}});
  c.push_back({"organization-idle", severity::info, entity_kind::organization, false,
               "every organization has some role on a task or program in a window",
               {p("window", param_type::period_value, "", "the window (default: the year of the date, or all time)"),
                p("roles", param_type::string_list, "[]", "only roles of these names count as work"),
                p("kinds", param_type::string_list, "[]", "organization kinds checked (empty: all)", words<org_kind>()),
                p("levels", param_type::string_list, "[]", "organization levels checked (empty: all)", words<level>()),
                p("include_subunits", param_type::boolean, "true", "work of a sub-unit counts for its parents")}});
  c.push_back({"orphaned-role", severity::error, entity_kind::organization, true,
               "no role is held by an organization that ended without successor",
               {p("active_only", param_type::boolean, "true",
                  "only roles on tasks and programs still running on the date")}});
  c.push_back({"inherited-role", severity::info, entity_kind::organization, true,
               "reports each role that passed to a successor by the date",
               {p("active_only", param_type::boolean, "true",
                  "only roles on tasks and programs still running on the date")}});
  return c;
}

}  // namespace

const std::vector<rule_definition>& rule_catalog() {
  static const std::vector<rule_definition> catalog = make_catalog();
  return catalog;
}

const rule_definition* find_rule(std::string_view name) noexcept {
  for (const auto& r : rule_catalog())
    if (r.name == name) return &r;
  return nullptr;
}

// ---- reading rules files -----------------------------------------------------------

namespace {

using ojson = nlohmann::ordered_json;

std::string type_word(const ojson& j) {
  switch (j.type()) {
    case ojson::value_t::null: return "null";
    case ojson::value_t::object: return "an object";
    case ojson::value_t::array: return "an array";
    case ojson::value_t::string: return "a string";
    case ojson::value_t::boolean: return "a boolean";
    case ojson::value_t::number_float: return "a number with a fraction";
    default: return "a number";
  }
}

std::string type_phrase(param_type t) {
  switch (t) {
    case param_type::boolean: return "true or false";
    case param_type::integer: return "a whole number";
    case param_type::string: return "a string";
    case param_type::string_list: return "an array of strings";
    case param_type::date_value: return "a date (YYYY, YYYY-MM or YYYY-MM-DD)";
    default: return "a period {\"start\": date, \"end\": date}";
  }
}

std::string escape_pointer(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

template <class Range> std::string nearest_word(std::string_view word, const Range& candidates) {
  detail::nearest near(word, 1);
  for (const auto& c : candidates) near.offer(c);
  auto r = near.result();
  return r.empty() ? std::string() : r.front();
}

std::string did_you_mean(const std::string& suggestion) {
  return suggestion.empty() ? std::string() : " (did you mean `" + suggestion + "`?)";
}

class rules_reader {
 public:
  explicit rules_reader(std::string label) : label_(std::move(label)) {}

  void report(std::string path, std::string rule, std::string message, std::string suggestion = {}) {
    problems_.push_back(problem{label_, std::move(path), 0, 0, std::move(rule), std::move(message), std::move(suggestion)});
  }
  [[nodiscard]] const std::vector<problem>& problems() const noexcept { return problems_; }

  void unknown_keys(const ojson& obj, const std::string& path, std::initializer_list<std::string_view> known,
                    std::string_view what) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
      const std::string s = nearest_word(it.key(), known);
      report(path + "/" + escape_pointer(it.key()), "unknown-field",
             "unknown field `" + it.key() + "` in " + std::string(what) + did_you_mean(s), s);
    }
  }

  std::optional<date> read_date(const ojson& j, const std::string& path) {
    if (!j.is_string()) {
      report(path, "wrong-type", "a date must be a string (YYYY, YYYY-MM or YYYY-MM-DD), found " + type_word(j));
      return std::nullopt;
    }
    const auto text = j.get<std::string>();
    if (auto d = date::parse(text)) return d;
    report(path, "bad-date", "`" + text + "` is not a date: " + why_not_date(text));
    return std::nullopt;
  }

  std::optional<period> read_period(const ojson& j, const std::string& path) {
    if (!j.is_object()) {
      report(path, "wrong-type", "a period must be an object {\"start\": date, \"end\": date}, found " + type_word(j));
      return std::nullopt;
    }
    unknown_keys(j, path, {"start", "end"}, "a period");
    period out;
    bool ok = true;
    if (j.contains("start") && !j["start"].is_null()) {
      if (auto d = read_date(j["start"], path + "/start")) out.start = *d;
      else ok = false;
    }
    if (j.contains("end") && !j["end"].is_null()) {
      if (auto d = read_date(j["end"], path + "/end")) out.end = *d;
      else ok = false;
    }
    if (!ok) return std::nullopt;
    if (!out.well_formed()) {
      report(path, "bad-value", "the period ends (" + out.end.to_string() + ") before it starts (" +
                                    out.start.to_string() + ")");
      return std::nullopt;
    }
    return out;
  }

  std::optional<std::vector<std::string>> read_strings(const ojson& j, const std::string& path,
                                                       const std::vector<std::string>& choices = {}) {
    if (!j.is_array()) {
      report(path, "wrong-type", "expected an array of strings, found " + type_word(j));
      return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < j.size(); ++i) {
      const std::string at = path + "/" + std::to_string(i);
      if (!j[i].is_string()) {
        report(at, "wrong-type", "expected a string, found " + type_word(j[i]));
        ok = false;
        continue;
      }
      auto word = j[i].get<std::string>();
      if (!choices.empty() && !check_choice(word, choices, at)) ok = false;
      out.push_back(std::move(word));
    }
    if (!ok) return std::nullopt;
    return out;
  }

  bool check_choice(const std::string& word, const std::vector<std::string>& choices, const std::string& path) {
    if (std::find(choices.begin(), choices.end(), word) != choices.end()) return true;
    std::string all;
    for (const auto& c : choices) all += (all.empty() ? "" : ", ") + c;
    const std::string s = nearest_word(word, choices);
    report(path, "bad-value", "`" + word + "` is not one of " + all + did_you_mean(s), s);
    return false;
  }

  std::optional<rule_value> read_param(const ojson& j, const param_spec& spec, const std::string& path) {
    switch (spec.type) {
      case param_type::boolean:
        if (j.is_boolean()) return rule_value(j.get<bool>());
        break;
      case param_type::integer:
        if (j.is_number_integer()) {
          if (j.is_number_unsigned() || j.get<std::int64_t>() >= 0) {
            if (j.is_number_unsigned() && j.get<std::uint64_t>() > 1000000000ull) {
              report(path, "bad-value", "`" + spec.name + "` is too large (at most 1000000000)");
              return std::nullopt;
            }
            return rule_value(j.get<std::int64_t>());
          }
          report(path, "bad-value", "`" + spec.name + "` must be 0 or more, found " + j.dump());
          return std::nullopt;
        }
        break;
      case param_type::string:
        if (j.is_string()) {
          auto s = j.get<std::string>();
          if (!spec.choices.empty() && !check_choice(s, spec.choices, path)) return std::nullopt;
          return rule_value(std::move(s));
        }
        break;
      case param_type::string_list:
        if (j.is_array()) {
          auto v = read_strings(j, path, spec.choices);
          if (!v) return std::nullopt;
          return rule_value(std::move(*v));
        }
        break;
      case param_type::date_value:
        if (auto d = read_date(j, path)) return rule_value(*d);
        return std::nullopt;
      case param_type::period_value:
        if (auto pr = read_period(j, path)) return rule_value(*pr);
        return std::nullopt;
    }
    report(path, "wrong-type", "`" + spec.name + "` must be " + type_phrase(spec.type) + ", found " + type_word(j));
    return std::nullopt;
  }

  void read_scope(const ojson& j, const std::string& path, scope& out) {
    if (!j.is_object()) {
      report(path, "wrong-type", "a rule's scope must be an object, found " + type_word(j));
      return;
    }
    if (j.contains("as_of"))
      report(path + "/as_of", "bad-field",
             "a rule's scope takes its date from the check: give `as_of` at the top of the file or with --as-of");
    unknown_keys(j, path, {"as_of", "window", "roles", "topics", "areas", "program", "document", "ceiling"},
                 "a rule's scope");
    if (j.contains("window"))
      if (auto w = read_period(j["window"], path + "/window")) out.window = *w;
    for (auto [key, field] : {std::pair{"roles", &scope::roles}, std::pair{"topics", &scope::topics},
                              std::pair{"areas", &scope::areas}})
      if (j.contains(key))
        if (auto v = read_strings(j[key], path + "/" + key)) out.*field = std::move(*v);
    for (auto [key, field] : {std::pair{"program", &scope::program}, std::pair{"document", &scope::document}})
      if (j.contains(key)) {
        if (j[key].is_string()) out.*field = j[key].get<std::string>();
        else report(path + "/" + key, "wrong-type", "expected an id (a string), found " + type_word(j[key]));
      }
    if (j.contains("ceiling")) {
      const auto& c = j["ceiling"];
      if (!c.is_string()) {
        report(path + "/ceiling", "wrong-type", "expected public, internal or restricted, found " + type_word(c));
      } else if (auto v = enum_from_string<classification>(c.get<std::string>())) {
        out.ceiling = *v;
      } else {
        check_choice(c.get<std::string>(), words<classification>(), path + "/ceiling");
      }
    }
  }

  void read_rule(const ojson& j, const std::string& path, rule_set& out) {
    if (!j.is_object()) {
      report(path, "wrong-type", "a rule must be an object with at least `rule`, found " + type_word(j));
      return;
    }
    unknown_keys(j, path, {"rule", "name", "severity", "description", "params", "scope", "enabled"}, "a rule");
    rule r;
    r.path = path;
    if (!j.contains("rule")) {
      report(path + "/rule", "missing-field", "a rule needs `rule`: the name of a built-in rule");
      return;
    }
    if (!j["rule"].is_string()) {
      report(path + "/rule", "wrong-type", "`rule` must be the name of a built-in rule, found " + type_word(j["rule"]));
      return;
    }
    r.check = j["rule"].get<std::string>();
    const rule_definition* def = find_rule(r.check);
    if (!def) {
      std::vector<std::string> names;
      for (const auto& d : rule_catalog()) names.push_back(d.name);
      const std::string s = nearest_word(r.check, names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      report(path + "/rule", "unknown-rule", "unknown rule `" + r.check + "`" + did_you_mean(s) + "; the built-in rules are " + all, s);
      return;
    }
    r.severity = def->severity;
    r.name = def->name;
    bool ok = true;
    if (j.contains("name")) {
      if (j["name"].is_string() && !j["name"].get<std::string>().empty()) r.name = j["name"].get<std::string>();
      else {
        report(path + "/name", "wrong-type", "`name` must be a non-empty string, found " + type_word(j["name"]));
        ok = false;
      }
    }
    if (j.contains("severity")) {
      const auto& s = j["severity"];
      if (!s.is_string()) {
        report(path + "/severity", "wrong-type", "`severity` must be info, warning or error, found " + type_word(s));
        ok = false;
      } else if (auto v = enum_from_string<severity>(s.get<std::string>())) {
        r.severity = *v;
      } else {
        check_choice(s.get<std::string>(), words<severity>(), path + "/severity");
        ok = false;
      }
    }
    if (j.contains("description")) {
      if (j["description"].is_string()) r.description = j["description"].get<std::string>();
      else report(path + "/description", "wrong-type", "`description` must be a string, found " + type_word(j["description"]));
    }
    if (j.contains("enabled")) {
      if (j["enabled"].is_boolean()) r.enabled = j["enabled"].get<bool>();
      else report(path + "/enabled", "wrong-type", "`enabled` must be true or false, found " + type_word(j["enabled"]));
    }
    if (j.contains("params")) {
      const auto& params = j["params"];
      if (!params.is_object()) {
        report(path + "/params", "wrong-type", "`params` must be an object, found " + type_word(params));
        ok = false;
      } else {
        for (auto it = params.begin(); it != params.end(); ++it) {
          const std::string at = path + "/params/" + escape_pointer(it.key());
          auto spec = std::find_if(def->params.begin(), def->params.end(),
                                   [&](const param_spec& ps) { return ps.name == it.key(); });
          if (spec == def->params.end()) {
            std::vector<std::string> names;
            for (const auto& ps : def->params) names.push_back(ps.name);
            const std::string s = nearest_word(it.key(), names);
            std::string all;
            for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
            report(at, "unknown-parameter",
                   "rule `" + def->name + "` has no parameter `" + it.key() + "`" + did_you_mean(s) +
                       (all.empty() ? "; it takes none" : "; its parameters are " + all),
                   s);
            ok = false;
            continue;
          }
          if (auto v = read_param(it.value(), *spec, at)) r.params.emplace(it.key(), std::move(*v));
          else ok = false;
        }
      }
    }
    if (j.contains("scope")) read_scope(j["scope"], path + "/scope", r.scope);
    // min above max cannot be met by any task.
    auto mn = r.params.find("min"), mx = r.params.find("max");
    if (ok && mn != r.params.end() && mx != r.params.end() &&
        std::get<std::int64_t>(mn->second) > std::get<std::int64_t>(mx->second))
      report(path + "/params/min", "bad-value", "`min` is above `max`: no task could pass");
    for (const auto& other : out.rules)
      if (other.name == r.name) {
        report(path + (j.contains("name") ? "/name" : "/rule"), "duplicate-name",
               "two rules are named `" + r.name + "` (the other is " + other.path +
                   "); give one a different `name`");
        break;
      }
    out.rules.push_back(std::move(r));
  }

  static std::string why_not_date(const std::string& s) {
    auto digits = [&](std::size_t pos, std::size_t n) {
      if (pos + n > s.size()) return false;
      for (std::size_t i = pos; i < pos + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
      return true;
    };
    const bool shaped = (s.size() == 4 && digits(0, 4)) || (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2)) ||
                        (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2));
    if (!shaped) return "expected YYYY, YYYY-MM or YYYY-MM-DD";
    const int y = std::stoi(s.substr(0, 4));
    const unsigned m = s.size() >= 7 ? static_cast<unsigned>(std::stoi(s.substr(5, 2))) : 0u;
    const unsigned d = s.size() == 10 ? static_cast<unsigned>(std::stoi(s.substr(8, 2))) : 0u;
    if (s.size() >= 7 && m == 0) return "month must be between 1 and 12";
    if (s.size() == 10 && d == 0) return "day must be between 1 and 31";
    try {
      (void)date(y, m, d);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "not a date";
  }

 private:
  std::string label_;
  std::vector<problem> problems_;
};

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

rule_set parse_rules(std::string_view text, std::string_view label) {
  ojson j;
  try {
    j = ojson::parse(text.begin(), text.end());
  } catch (const ojson::parse_error& e) {
    const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, column] = line_column(text, byte);
    std::string what = e.what();
    if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    if (auto last = what.find("; last read"); last != std::string::npos) what = what.substr(0, last);
    throw parse_error(problem{std::string(label), {}, line, column, "syntax", "invalid JSON: " + what, {}});
  } catch (const ojson::out_of_range& e) {
    // A number too large for a double (`1e999`): nlohmann's parser names it, but not where.
    std::string what = e.what();
    if (auto id = what.find("] "); id != std::string::npos) what.erase(0, id + 2);
    throw parse_error(problem{std::string(label), {}, 0, 0, "syntax", "invalid JSON: " + what, {}});
  }
  rules_reader reader{std::string(label)};
  rule_set out;
  out.file = std::string(label);
  if (!j.is_object()) {
    reader.report("", "wrong-type", "a rules file is a JSON object with `rules`, found " + type_word(j));
    throw validation_error(reader.problems());
  }
  reader.unknown_keys(j, "", {"$schema", "danvan_rules", "title", "description", "as_of", "rules"}, "a rules file");
  if (j.contains("danvan_rules") && !(j["danvan_rules"].is_string() && j["danvan_rules"].get<std::string>() == "1"))
    reader.report("/danvan_rules", "unsupported-version",
                  "this danvan reads rules files of version \"1\", found " + j["danvan_rules"].dump());
  if (j.contains("title")) {
    if (j["title"].is_string()) out.title = j["title"].get<std::string>();
    else reader.report("/title", "wrong-type", "`title` must be a string, found " + type_word(j["title"]));
  }
  if (j.contains("description") && !j["description"].is_string())
    reader.report("/description", "wrong-type", "`description` must be a string, found " + type_word(j["description"]));
  if (j.contains("as_of") && !j["as_of"].is_null()) out.as_of = reader.read_date(j["as_of"], "/as_of");
  if (!j.contains("rules")) {
    reader.report("/rules", "missing-field", "a rules file needs `rules`: an array of rules");
  } else if (!j["rules"].is_array()) {
    reader.report("/rules", "wrong-type", "`rules` must be an array, found " + type_word(j["rules"]));
  } else {
    const auto& rules = j["rules"];
    for (std::size_t i = 0; i < rules.size(); ++i) reader.read_rule(rules[i], "/rules/" + std::to_string(i), out);
  }
  if (!reader.problems().empty()) throw validation_error(reader.problems());
  return out;
}

rule_set load_rules(const std::filesystem::path& file) {
  return parse_rules(detail::read_file(file, "the rules file"), file.string());
}

// The text of data/rules/default.rules.json (tests check that they are the same).
// BEGIN default.rules.json
static constexpr std::string_view default_rules_json = R"json({
  "$schema": "../../schema/rules.schema.json",
  "danvan_rules": "1",
  "title": "danvan default coverage rules",
  "description": "The rules the README, the notebooks and the tests use. See docs/rules.md for what each rule checks.",
  "rules": [
    {
      "rule": "task-responsible",
      "severity": "error",
      "description": "Exactly one responsible organization (R: lead or advise) per task.",
      "params": {"letter": "R", "min": 1, "max": 1}
    },
    {
      "rule": "task-accountable",
      "severity": "warning",
      "description": "At most one accountable organization (A: direct) per task.",
      "params": {"letter": "A", "min": 0, "max": 1}
    },
    {
      "rule": "document-implemented",
      "severity": "warning",
      "description": "Every document has an implementing task or program (directly, or through a document that implements or continues it)."
    },
    {
      "rule": "program-lead",
      "severity": "warning",
      "description": "Every program or movement has a responsible organization (R) of its own."
    },
    {
      "rule": "review-overdue",
      "severity": "error",
      "description": "Preliminary (sơ kết) and final (tổng kết) reviews that are due have a review task."
    },
    {
      "rule": "area-reached",
      "name": "movement-reaches-districts",
      "severity": "warning",
      "description": "Every district is reached by some emulation movement.",
      "params": {"kinds": ["movement"], "level": "district"}
    },
    {
      "rule": "organization-idle",
      "severity": "info",
      "description": "Provincial and district organizations with no role in the year of the check.",
      "params": {"levels": ["province", "district"]}
    },
    {
      "rule": "orphaned-role",
      "severity": "error",
      "description": "No running task or program keeps a role of an organization that ended without successor."
    },
    {
      "rule": "inherited-role",
      "severity": "info",
      "description": "Roles on running tasks and programs that passed to a successor organization."
    }
  ]
}
)json";
// END default.rules.json

std::string_view default_rules_text() noexcept { return default_rules_json; }

const rule_set& default_rules() {
  static const rule_set rules = parse_rules(default_rules_json, "default.rules.json");
  return rules;
}

// ---- the engine -------------------------------------------------------------------
//
// Each rule runs in two steps: find() walks the network and records compact findings
// (no strings), describe() writes the message and evidence of one finding. check() does
// both; find_violations() only the first, so that counting 15,000 violations of a large
// network costs no formatting. What a finding's `detail`, `step` and `a` hold:
//
//   task-responsible, task-accountable  entity = task
//   document-implemented                entity = document; detail 0 none, 1 late (a = first
//                                       implementing program), 2 late (a = first task)
//   program-lead                        entity = program
//   review-overdue                      entity = document; a = obligation, step = occurrence
//   area-reached                        entity = area
//   organization-idle                   entity = organization
//   orphaned-role, inherited-role       entity = the original organization; a = the role

std::string to_string(const violation& v) {
  return std::string(to_string(v.severity)) + " " + v.rule + " " + v.entity_id + ": " + v.message;
}

bool passes(const std::vector<violation>& violations) noexcept {
  return std::none_of(violations.begin(), violations.end(),
                      [](const violation& v) { return v.severity == severity::error; });
}

bool passes(const std::vector<finding>& findings) noexcept {
  return std::none_of(findings.begin(), findings.end(), [](const finding& f) { return f.severity == severity::error; });
}

namespace {

/// The catalog's default of a parameter, parsed once.
const rule_value* default_of(const rule_definition& def, const param_spec& spec) {
  static const auto defaults = [] {
    std::map<std::pair<std::string, std::string>, rule_value> out;
    for (const auto& d : rule_catalog())
      for (const auto& ps : d.params) {
        if (ps.default_value.empty()) continue;
        const auto j = nlohmann::json::parse(ps.default_value);
        switch (ps.type) {
          case param_type::boolean: out.emplace(std::pair{d.name, ps.name}, j.get<bool>()); break;
          case param_type::integer: out.emplace(std::pair{d.name, ps.name}, j.get<std::int64_t>()); break;
          case param_type::string: out.emplace(std::pair{d.name, ps.name}, j.get<std::string>()); break;
          case param_type::string_list:
            out.emplace(std::pair{d.name, ps.name}, j.get<std::vector<std::string>>());
            break;
          default: break;  // dates and periods have no default
        }
      }
    return out;
  }();
  auto it = defaults.find({def.name, spec.name});
  return it == defaults.end() ? nullptr : &it->second;
}

/// The parameters of a rule: the file's values, else the catalog's defaults.
class params_of {
 public:
  params_of(const rule& r, const rule_definition& def) {
    for (const auto& spec : def.params) {
      if (auto it = r.params.find(spec.name); it != r.params.end()) values_.emplace(spec.name, it->second);
      else if (const auto* d = default_of(def, spec)) values_.emplace(spec.name, *d);
    }
  }
  template <class T> std::optional<T> get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return std::get<T>(it->second);
  }
  template <class T> T value(const std::string& name, T fallback) const { return get<T>(name).value_or(fallback); }

 private:
  std::map<std::string, rule_value> values_;
};

std::string ticked(std::string_view id) { return "`" + std::string(id) + "`"; }

template <class View> std::string named(const View& v) {
  std::string s = ticked(v.id());
  if (!v.name().empty()) s += " (" + std::string(v.name()) + ")";
  return s;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string s;
  for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + ticked(ids[i]);
  return s;
}

std::string words_joined(const std::vector<std::string>& words) {
  std::string s;
  for (std::size_t i = 0; i < words.size(); ++i) s += (i ? (i + 1 == words.size() ? " or " : ", ") : "") + words[i];
  return s;
}

template <class E> std::vector<bool> word_mask(const std::vector<std::string>& list) {
  std::vector<bool> mask(std::size(enum_names<E>::names), list.empty());
  for (const auto& w : list)
    if (auto v = enum_from_string<E>(w)) mask[static_cast<std::size_t>(*v)] = true;
  return mask;
}

/// The first day an item's dates start, INT32_MIN when it has none (nothing says it is late).
std::int32_t start_day(const period& p, date due) {
  if (!p.start.empty()) return p.start.first_day();
  if (!due.empty()) return due.first_day();
  if (!p.end.empty()) return p.end.first_day();
  return INT32_MIN;
}

/// Everything the rules of one check share: the network as of the check's day (the
/// network itself without a date), the day, and the network it was taken from, whose
/// events and former organizations name where carried and orphaned roles came from.
struct context {
  const network& source;
  std::optional<date> on;
  std::shared_ptr<const network> dated;  // null: no date, the rules look at `source`
  const network& net() const noexcept { return dated ? *dated : source; }
};

class rule_run {
 public:
  rule_run(const context& ctx, const rule& r, std::uint32_t position, const rule_definition& def)
      : ctx_(ctx), net_(ctx.net()), rule_(r), position_(position), def_(def), params_(r, def),
        filter_(net_, undated(r.scope)), all_(filter_.everything()) {}

  void find(std::vector<finding>& out) {
    out_ = &out;
    const auto& name = def_.name;
    if (name == "task-responsible" || name == "task-accountable") count_on_tasks();
    else if (name == "document-implemented") document_implemented();
    else if (name == "program-lead") program_lead();
    else if (name == "review-overdue") review_overdue();
    else if (name == "area-reached") area_reached();
    else if (name == "organization-idle") organization_idle();
    else if (name == "orphaned-role" || name == "inherited-role") moved_roles(name == "orphaned-role");
    out_ = nullptr;
  }

  violation describe(const finding& f) {
    violation v;
    v.rule = rule_.name;
    v.check = def_.name;
    v.severity = f.severity;
    v.kind = f.kind;
    v.entity = f.entity;
    v.entity_id = std::string(entity_id(net_, f));
    const auto& name = def_.name;
    if (name == "task-responsible" || name == "task-accountable") describe_count(f, v);
    else if (name == "document-implemented") describe_document(f, v);
    else if (name == "program-lead") describe_program(f, v);
    else if (name == "review-overdue") describe_review(f, v);
    else if (name == "area-reached") describe_area(f, v);
    else if (name == "organization-idle") describe_idle(f, v);
    else describe_moved(f, v, name == "orphaned-role");
    return v;
  }

 private:
  static scope undated(scope s) {
    s.as_of.reset();  // the date is the check's: the rules look at the network as of it
    return s;
  }

  void emit(entity_kind kind, index entity, index a = no_index, std::uint8_t detail = 0, std::uint16_t step = 0) {
    out_->push_back(finding{position_, rule_.severity, kind, detail, step, entity, a});
  }

  bool task_in(index t) const { return all_ || filter_.task(t); }
  bool program_in(index p) const { return all_ || filter_.program(p); }
  bool document_in(index d) const { return all_ || filter_.document(d); }

  /// Calls f(holder) for the organization holding role r, when the role is in scope.
  template <class F> void holders(index r, F&& f) const {
    if (all_ || filter_.role(r)) f(net_.data().roles[r].org);
  }

  // ---- counting roles on tasks and programs ----

  /// Which role names count: the `roles` parameter, else those of the `letter` parameter.
  std::vector<std::uint8_t> counting_roles() const {
    const auto& vocabulary = net_.vocabulary();
    std::vector<std::uint8_t> counts(vocabulary.size(), 0);
    const auto names = params_.value<std::vector<std::string>>("roles", {});
    if (!names.empty()) {
      for (const auto& n : names)
        if (auto r = vocabulary.find(n)) counts[*r] = 1;
      return counts;
    }
    const auto letter = *enum_from_string<raci>(params_.value<std::string>("letter", "R"));
    for (std::size_t i = 0; i < counts.size(); ++i)
      counts[i] = vocabulary[static_cast<role_index>(i)].letter == letter;
    return counts;
  }

  /// "is responsible (R: lead, advise)" or "holds lead".
  std::string counted_what() const {
    const auto names = params_.value<std::vector<std::string>>("roles", {});
    if (!names.empty()) return "holds " + words_joined(names);
    const auto letter = params_.value<std::string>("letter", "R");
    std::string roles;
    for (const auto& def : net_.vocabulary().all())
      if (std::string(to_string(def.letter)) == letter) roles += (roles.empty() ? "" : ", ") + def.name;
    const char* word = letter == "R" ? "responsible" : letter == "A" ? "accountable" : letter == "C" ? "consulted" : "informed";
    return std::string("is ") + word + " (" + letter + (roles.empty() ? "" : ": " + roles) + ")";
  }

  static std::string plural(std::string s) {
    if (s.rfind("is ", 0) == 0) return "are " + s.substr(3);
    if (s.rfind("holds ", 0) == 0) return "hold " + s.substr(6);
    return s;
  }

  /// Organizations holding a counting role on task t, each once, in role order.
  void count_holders(index t, const std::vector<std::uint8_t>& counts, std::vector<index>& found) const {
    const auto& d = net_.data();
    found.clear();
    for (index r = d.task_role_begin[t]; r < d.task_role_begin[t + 1]; ++r) {
      if (!counts[d.roles[r].role]) continue;
      holders(r, [&](index o) {
        if (std::find(found.begin(), found.end(), o) == found.end()) found.push_back(o);
      });
    }
  }

  void count_on_tasks() {
    const auto counts = counting_roles();
    const auto min = params_.value<std::int64_t>("min", 1), max = params_.value<std::int64_t>("max", 1);
    const auto statuses = word_mask<task_status>(params_.value<std::vector<std::string>>("statuses", {}));
    const auto kinds = word_mask<task_kind>(params_.value<std::vector<std::string>>("kinds", {}));
    const auto& d = net_.data();
    std::vector<index> found;
    for (index t = 0; t < d.tasks.size(); ++t) {
      if (!task_in(t) || !statuses[d.tasks[t].status] || !kinds[d.tasks[t].kind]) continue;
      count_holders(t, counts, found);
      const auto n = static_cast<std::int64_t>(found.size());
      if (n < min || n > max) emit(entity_kind::task, t);
    }
  }

  void describe_count(const finding& f, violation& v) {
    if (!cache_ready_) {
      counts_ = counting_roles();
      what_ = counted_what();
      cache_ready_ = true;
    }
    std::vector<index> found;
    count_holders(f.entity, counts_, found);
    const auto min = params_.value<std::int64_t>("min", 1), max = params_.value<std::int64_t>("max", 1);
    const auto n = static_cast<std::int64_t>(found.size());
    const task_view task(net_, f.entity);
    v.evidence.emplace_back(task.id());
    for (index o : found) v.evidence.emplace_back(net_.id_of(entity_kind::organization, o));
    const std::string expected = min == max ? "exactly " + std::to_string(min)
                                 : n < min  ? "at least " + std::to_string(min)
                                            : "at most " + std::to_string(max);
    if (n == 0) {
      v.message = "no organization " + what_ + " on task " + named(task) + "; " + expected + " expected";
    } else {
      v.message = std::to_string(n) + " organization" + (n == 1 ? " " : "s ") +
                  joined({v.evidence.begin() + 1, v.evidence.end()}) + " " + (n == 1 ? what_ : plural(what_)) +
                  " on task " + named(task) + "; " + expected + " expected";
    }
  }

  // ---- documents ----

  void document_implemented() {
    const auto& d = net_.data();
    const auto within = params_.get<std::int64_t>("within_days");
    const auto types = params_.value<std::vector<std::string>>("types", {});
    const auto areas = params_.value<std::vector<std::string>>("areas", {});
    const bool transitive = params_.value<bool>("transitive", true);
    const auto task_kinds = word_mask<task_kind>(params_.value<std::vector<std::string>>("task_kinds", {}));

    // Earliest start of an implementer per document (INT32_MAX: none), and which item it is.
    std::vector<std::int32_t> best(d.documents.size(), INT32_MAX);
    std::vector<std::pair<std::uint8_t, index>> first_by(d.documents.size(), {0, no_index});
    // Without a deadline only "is there an implementer" matters: every day counts as the same.
    auto day_of = [&](const period& p, date due) { return within ? start_day(p, due) : 0; };
    auto offer = [&](std::span<const index> docs, std::int32_t day, std::uint8_t kind, index item) {
      for (index doc : docs)
        if (day < best[doc]) {
          best[doc] = day;
          first_by[doc] = {kind, item};
        }
    };
    for (index p = 0; p < d.programs.size(); ++p)
      if (d.programs[p].implements.length && program_in(p))
        offer(d.list(d.programs[p].implements), day_of(d.programs[p].period, {}), 1, p);
    for (index t = 0; t < d.tasks.size(); ++t) {
      const auto& rec = d.tasks[t];
      if (rec.implements.length && task_in(t) && static_cast<task_status>(rec.status) != task_status::cancelled &&
          task_kinds[rec.kind])
        offer(d.list(rec.implements), day_of(rec.period, rec.due), 2, t);
    }
    if (transitive) {
      // A document that implements or continues another passes its implementers up.
      for (bool changed = true; changed;) {
        changed = false;
        for (index x = 0; x < d.documents.size(); ++x) {
          if (best[x] == INT32_MAX) continue;
          auto lift = [&](list_ref_span ups) {
            for (index up : ups)
              if (best[x] < best[up]) {
                best[up] = best[x];
                first_by[up] = first_by[x];
                changed = true;
              }
          };
          lift(d.list(d.documents[x].implements));
          lift(d.list(d.documents[x].continues));
        }
      }
    }
    std::vector<bool> area_keep;
    if (!areas.empty()) {
      // Applies when a document area is one of `areas`, inside one, or contains one.
      area_keep.assign(d.areas.size(), false);
      for (const auto& id : areas) {
        const index a = net_.at(entity_kind::area, id);
        for (index x = a; x != no_index; x = d.areas[x].parent) area_keep[x] = true;
        for (index x = 0; x < d.areas.size(); ++x)
          for (index y = d.areas[x].parent; y != no_index; y = d.areas[y].parent)
            if (y == a) area_keep[x] = true;
      }
    }
    for (index x = 0; x < d.documents.size(); ++x) {
      const auto& rec = d.documents[x];
      if (!document_in(x)) continue;
      if (ctx_.on && !rec.date.empty() && surely_after(rec.date, *ctx_.on)) continue;  // not issued yet
      if (!types.empty() && std::find(types.begin(), types.end(), d.str(rec.type)) == types.end()) continue;
      const auto doc_areas = d.list(rec.areas);
      if (!areas.empty() && !doc_areas.empty() &&
          std::none_of(doc_areas.begin(), doc_areas.end(), [&](index a) { return area_keep[a]; }))
        continue;
      const bool timed = within && !rec.date.empty();
      const std::int32_t deadline = timed ? rec.date.last_day() + static_cast<std::int32_t>(*within) : INT32_MAX;
      if (best[x] == INT32_MAX) {
        if (timed && ctx_.on && ctx_.on->first_day() <= deadline) continue;  // there is still time
        emit(entity_kind::document, x);
      } else if (timed && best[x] > deadline) {
        emit(entity_kind::document, x, first_by[x].second, first_by[x].first);
      }
    }
  }
  using list_ref_span = std::span<const index>;

  void describe_document(const finding& f, violation& v) {
    const document_view doc(net_, f.entity);
    const auto within = params_.get<std::int64_t>("within_days");
    v.evidence.emplace_back(doc.id());
    if (f.detail == 0) {
      const bool timed = within && !doc.date().empty();
      v.message = "document " + named(doc) + " has no implementing task or program" +
                  (timed ? " within " + std::to_string(*within) + " days of its date " + doc.date().to_string() : "");
      return;
    }
    const auto first = std::string(net_.id_of(f.detail == 1 ? entity_kind::program : entity_kind::task, f.a));
    v.evidence.push_back(first);
    v.message = "document " + named(doc) + " of " + doc.date().to_string() + " was first implemented by " +
                ticked(first) + ", which starts more than " + std::to_string(within.value_or(0)) + " days after it";
  }

  // ---- programs ----

  void program_lead() {
    const auto counts = counting_roles();
    const bool include_tasks = params_.value<bool>("include_tasks", false);
    const auto kinds = word_mask<program_kind>(params_.value<std::vector<std::string>>("kinds", {}));
    const auto& d = net_.data();
    std::vector<bool> led(d.programs.size(), false);
    auto see = [&](index r, index program) {
      if (counts[d.roles[r].role]) holders(r, [&](index) { led[program] = true; });
    };
    for (index p = 0; p < d.programs.size(); ++p)
      for (index r = d.program_role_begin[p]; r < d.program_role_begin[p + 1]; ++r) see(r, p);
    if (include_tasks)
      for (index t = 0; t < d.tasks.size(); ++t)
        if (d.tasks[t].program != no_index && task_in(t))
          for (index r = d.task_role_begin[t]; r < d.task_role_begin[t + 1]; ++r) see(r, d.tasks[t].program);
    for (index p = 0; p < d.programs.size(); ++p)
      if (program_in(p) && kinds[d.programs[p].kind] && !led[p]) emit(entity_kind::program, p);
  }

  void describe_program(const finding& f, violation& v) {
    const program_view pr(net_, f.entity);
    v.evidence.emplace_back(pr.id());
    for (auto role : pr.roles()) {
      const auto id = std::string(role.org().id());
      if (std::find(v.evidence.begin(), v.evidence.end(), id) == v.evidence.end()) v.evidence.push_back(id);
    }
    const bool include_tasks = params_.value<bool>("include_tasks", false);
    v.message = "no organization " + counted_what() + " on program " + named(pr) + (include_tasks ? " or its tasks" : "") +
                (v.evidence.size() > 1 ? "; it has roles of " + joined({v.evidence.begin() + 1, v.evidence.end()}) : "");
  }

  // ---- reviews ----

  /// The review tasks in scope of each document (built once per run).
  const std::vector<std::vector<index>>& review_tasks() {
    if (!reviews_ready_) {
      const bool require_done = params_.value<bool>("require_done", false);
      const auto& d = net_.data();
      reviews_.assign(d.documents.size(), {});
      for (index t = 0; t < d.tasks.size(); ++t) {
        const auto& rec = d.tasks[t];
        const auto status = static_cast<task_status>(rec.status);
        if (static_cast<task_kind>(rec.kind) != task_kind::review || !task_in(t) || status == task_status::cancelled) continue;
        if (require_done && status != task_status::done) continue;
        for (index doc : d.list(rec.implements)) reviews_[doc].push_back(t);
      }
      reviews_ready_ = true;
    }
    return reviews_;
  }

  static std::int32_t year_start(int y) { return y < 1 ? date(1).first_day() : date(y).first_day(); }

  void review_overdue() {
    if (!ctx_.on) return;
    const date on = *ctx_.on;
    const auto kinds = params_.value<std::vector<std::string>>("kinds", {});
    const auto early = static_cast<int>(params_.value<std::int64_t>("early_years", 1));
    const auto grace = static_cast<std::int32_t>(params_.value<std::int64_t>("grace_days", 0));
    const auto& d = net_.data();
    const auto& reviews = review_tasks();
    for (index x = 0; x < d.documents.size(); ++x) {
      const auto& rec = d.documents[x];
      if (rec.reviews.length == 0 || rec.date.empty() || !document_in(x)) continue;
      for (std::uint32_t o = 0; o < rec.reviews.length; ++o) {
        const auto& ob = d.reviews[rec.reviews.offset + o];
        if (ob.years == 0) continue;
        const auto kind_word = std::string(to_string(static_cast<review_kind>(ob.kind)));
        if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), kind_word) == kinds.end()) continue;
        for (int k = 1; k < 10000; ++k) {
          if (rec.date.year() + k * ob.years > 9999) break;
          const date due = rec.date.plus_years(k * ob.years);
          if (!(due.last_day() + grace < on.first_day())) break;  // not yet overdue
          const std::int32_t from = year_start(due.year() - early);
          std::int32_t to = INT32_MAX;
          if (ob.recurring && due.year() + ob.years <= 9999) to = year_start(due.year() + ob.years - early) - 1;
          const bool met = std::any_of(reviews[x].begin(), reviews[x].end(), [&](index t) {
            const auto& task = d.tasks[t];
            std::int32_t lo = INT32_MIN, hi = INT32_MAX;
            if (!task.period.empty()) {
              lo = task.period.start.empty() ? INT32_MIN : task.period.start.first_day();
              hi = task.period.end.empty() ? INT32_MAX : task.period.end.last_day();
            } else if (!task.due.empty()) {
              lo = task.due.first_day();
              hi = task.due.last_day();
            }  // undated: nothing says it is outside the window
            return lo <= to && hi >= from;
          });
          if (!met) emit(entity_kind::document, x, o, 0, static_cast<std::uint16_t>(k));
          if (!ob.recurring) break;
        }
      }
    }
  }

  void describe_review(const finding& f, violation& v) {
    const document_view doc(net_, f.entity);
    const auto& d = net_.data();
    const auto& ob = d.reviews[d.documents[f.entity].reviews.offset + f.a];
    const int k = f.step;
    const int years = k * ob.years;
    const auto early = static_cast<int>(params_.value<std::int64_t>("early_years", 1));
    const date due = doc.date().plus_years(years);
    v.evidence.emplace_back(doc.id());
    for (index t : review_tasks()[f.entity]) v.evidence.emplace_back(net_.id_of(entity_kind::task, t));
    const char* word = ob.kind == static_cast<std::uint8_t>(review_kind::preliminary) ? "preliminary review (sơ kết)"
                                                                                       : "final review (tổng kết)";
    v.message = std::string("the ") + word + (ob.recurring ? " no. " + std::to_string(k) : "") + " of " + named(doc) +
                " was due " + due.to_string() + " (" + std::to_string(years) + " years after " + doc.date().to_string() +
                "); no review task of it falls in " + std::to_string(due.year() - early) +
                (ob.recurring ? "–" + std::to_string(due.year() + ob.years - early - 1) : " or later") +
                (ctx_.on ? " (as of " + ctx_.on->to_string() + ")" : "");
    if (v.evidence.size() > 1) v.message += "; its review tasks: " + joined({v.evidence.begin() + 1, v.evidence.end()});
  }

  // ---- areas ----

  void area_reached() {
    const auto& d = net_.data();
    const auto program_id = params_.value<std::string>("program", "");
    const auto kinds = word_mask<program_kind>(params_.value<std::vector<std::string>>("kinds", {}));
    const auto lvl = static_cast<std::uint8_t>(*enum_from_string<level>(params_.value<std::string>("level", "district")));
    const auto under = params_.value<std::string>("under", "");
    const bool via_tasks = params_.value<bool>("via_tasks", true);
    const bool via_orgs = params_.value<bool>("via_organizations", true);

    std::vector<bool> chosen(d.programs.size(), false);
    if (!program_id.empty()) {
      const index p = net_.at(entity_kind::program, program_id);
      chosen[p] = program_in(p);
    } else {
      for (index p = 0; p < d.programs.size(); ++p) chosen[p] = program_in(p) && kinds[d.programs[p].kind];
    }
    std::vector<bool> reached(d.areas.size(), false);
    auto reach = [&](index a) {
      for (; a != no_index && !reached[a]; a = d.areas[a].parent) reached[a] = true;
    };
    auto reach_by_roles = [&](const std::vector<std::uint32_t>& begin, index target) {
      if (!via_orgs) return;
      for (index r = begin[target]; r < begin[target + 1]; ++r)
        holders(r, [&](index o) {
          if (d.organizations[o].area != no_index) reach(d.organizations[o].area);
        });
    };
    for (index p = 0; p < d.programs.size(); ++p) {
      if (!chosen[p]) continue;
      for (index a : d.list(d.programs[p].areas)) reach(a);
      reach_by_roles(d.program_role_begin, p);
    }
    if (via_tasks)
      for (index t = 0; t < d.tasks.size(); ++t) {
        if (d.tasks[t].program == no_index || !chosen[d.tasks[t].program] || !task_in(t)) continue;
        for (index a : d.list(d.tasks[t].areas)) reach(a);
        reach_by_roles(d.task_role_begin, t);
      }
    const index inside = under.empty() ? no_index : net_.at(entity_kind::area, under);
    for (index a = 0; a < d.areas.size(); ++a) {
      if (d.areas[a].level != lvl || reached[a]) continue;
      if (inside != no_index) {
        bool in = false;
        for (index y = d.areas[a].parent; y != no_index && !in; y = d.areas[y].parent) in = y == inside;
        if (!in) continue;
      }
      emit(entity_kind::area, a);
    }
  }

  void describe_area(const finding& f, violation& v) {
    const area_view area(net_, f.entity);
    const auto program_id = params_.value<std::string>("program", "");
    const auto kinds = params_.value<std::vector<std::string>>("kinds", {});
    const std::string by = !program_id.empty()
                               ? "program " + named(program_view(net_, net_.at(entity_kind::program, program_id)))
                               : "any program" + (kinds.empty() ? std::string() : " of kind " + words_joined(kinds));
    v.evidence.emplace_back(area.id());
    if (!program_id.empty()) v.evidence.push_back(program_id);
    v.message = std::string(to_string(area.level())) + " " + named(area) + " is not reached by " + by +
                (ctx_.on ? " (as of " + ctx_.on->to_string() + ")" : "");
  }

  // ---- organizations ----

  std::optional<period> idle_window() const {
    std::optional<period> window = params_.get<period>("window");
    if (!window && rule_.scope.window) window = rule_.scope.window;
    if (!window && ctx_.on) window = period{date(ctx_.on->year()), date(ctx_.on->year())};
    return window;
  }

  void organization_idle() {
    const auto& d = net_.data();
    const auto window = idle_window();
    std::vector<std::uint8_t> work(net_.vocabulary().size(), 1);
    const auto names = params_.value<std::vector<std::string>>("roles", {});
    if (!names.empty()) {
      std::fill(work.begin(), work.end(), 0);
      for (const auto& n : names)
        if (auto r = net_.vocabulary().find(n)) work[*r] = 1;
    }
    const auto kinds = word_mask<org_kind>(params_.value<std::vector<std::string>>("kinds", {}));
    const auto levels = params_.value<std::vector<std::string>>("levels", {});
    const bool subunits = params_.value<bool>("include_subunits", true);
    // Tasks and programs whose dates may fall in the window (undated ones may, as in a scope).
    // Years decide most comparisons; days are computed only at the window's edges.
    const int lo_year = window && !window->start.empty() ? window->start.year() : INT_MIN;
    const int hi_year = window && !window->end.empty() ? window->end.year() : INT_MAX;
    const std::int32_t lo_day = window && !window->start.empty() ? window->start.first_day() : INT32_MIN;
    const std::int32_t hi_day = window && !window->end.empty() ? window->end.last_day() : INT32_MAX;
    auto starts_by_end = [&](date x) {  // x may start no later than the window ends
      return x.empty() || x.year() < hi_year || (x.year() == hi_year && x.first_day() <= hi_day);
    };
    auto ends_from_start = [&](date x) {  // x may end no earlier than the window starts
      return x.empty() || x.year() > lo_year || (x.year() == lo_year && x.last_day() >= lo_day);
    };
    auto in_window = [&](const period& p, date due) {
      if (!window) return true;
      if (p.empty() && due.empty()) return true;
      if (!p.empty() && starts_by_end(p.start) && ends_from_start(p.end)) return true;
      return !due.empty() && starts_by_end(due) && ends_from_start(due);
    };
    std::vector<std::uint8_t> task_ok(d.tasks.size()), program_ok(d.programs.size());
    for (index t = 0; t < d.tasks.size(); ++t)
      task_ok[t] = (all_ || filter_.task(t)) && in_window(d.tasks[t].period, d.tasks[t].due);
    for (index p = 0; p < d.programs.size(); ++p)
      program_ok[p] = (all_ || filter_.program(p)) && in_window(d.programs[p].period, {});
    // A role carried to a successor counts as work whatever its dates: the successor
    // answers for it now.
    std::vector<bool> carried(d.roles.size(), false);
    for (const auto& o : d.role_origins) carried[o.role] = true;
    // An organization is busy at its first role that counts: most stop after one or two.
    std::vector<std::uint8_t> busy(d.organizations.size(), 0);
    for (index o = 0; o < d.organizations.size(); ++o)
      for (std::uint32_t k = d.org_role_begin[o]; k < d.org_role_begin[o + 1]; ++k) {
        const index r = d.org_roles[k];
        const auto& rec = d.roles[r];
        const bool in_window = rec.target_kind == entity_kind::task ? task_ok[rec.target] : program_ok[rec.target];
        if (!work[rec.role] || !(in_window || (carried[r] && (all_ || (rec.target_kind == entity_kind::task ? filter_.task(rec.target) : filter_.program(rec.target)))))) continue;
        if (all_ || filter_.role(r)) {
          busy[o] = 1;
          break;
        }
      }
    if (subunits)
      for (index o = 0; o < d.organizations.size(); ++o)
        if (busy[o] == 1)
          for (index p = d.organizations[o].parent; p != no_index && busy[p] != 2; p = d.organizations[p].parent)
            busy[p] = busy[p] == 1 ? 1 : 2;  // 2: busy through a sub-unit
    std::vector<bool> level_ok(std::size(enum_names<level>::names), levels.empty());
    for (const auto& w : levels)
      if (auto l = enum_from_string<level>(w)) level_ok[static_cast<std::size_t>(*l)] = true;
    for (index o = 0; o < d.organizations.size(); ++o) {
      const auto& rec = d.organizations[o];
      if (busy[o] || !kinds[rec.kind] || !(all_ || filter_.organization(o))) continue;
      if (!levels.empty() && (rec.level == detail::no_level || !level_ok[rec.level])) continue;
      if (window && !period{rec.valid_from, rec.valid_to}.overlaps(*window)) continue;  // did not exist then
      emit(entity_kind::organization, o);
    }
  }

  void describe_idle(const finding& f, violation& v) {
    const organization_view org(net_, f.entity);
    const auto window = idle_window();
    std::string when;
    if (window) {
      when = window->start.empty() ? std::string("…") : window->start.to_string();
      if (!(window->start == window->end)) when += "–" + (window->end.empty() ? std::string("…") : window->end.to_string());
    }
    const bool subunits = params_.value<bool>("include_subunits", true);
    v.evidence.emplace_back(org.id());
    v.message = "organization " + named(org) + " has no role on any task or program" +
                (window ? " in " + when : std::string()) + (subunits ? ", nor has any of its sub-units" : "");
  }

  // ---- roles after reorganizations ----

  /// Still running on the day: not done or cancelled, and not ended before it.
  bool active(entity_kind kind, index target) const {
    const auto& d = net_.data();
    const date on = *ctx_.on;
    if (kind == entity_kind::program) {
      const auto& end = d.programs[target].period.end;
      return end.empty() || !surely_before(end, on);
    }
    const auto& t = d.tasks[target];
    const auto status = static_cast<task_status>(t.status);
    if (status == task_status::done || status == task_status::cancelled) return false;
    const date end = !t.period.end.empty() ? t.period.end : t.due;
    return end.empty() || !surely_before(end, on);
  }

  // Findings: entity = no_index with kind organization (the original organization is
  // not in the network as of the day; describe() names it), a = the carried role or
  // the orphan's position, detail 1 for an orphan.
  void moved_roles(bool orphans) {
    if (!ctx_.on) return;
    const bool active_only = params_.value<bool>("active_only", true);
    const auto& d = net_.data();
    if (orphans) {
      for (std::uint32_t k = 0; k < d.orphans.size(); ++k) {
        const auto& o = d.orphans[k];
        const bool in = o.target_kind == entity_kind::task ? task_in(o.target) : program_in(o.target);
        if (!in || (active_only && !active(o.target_kind, o.target))) continue;
        if (!rule_.scope.roles.empty() && !role_named(o.role)) continue;
        emit(entity_kind::organization, no_index, k, 1);
      }
      return;
    }
    for (const auto& o : d.role_origins) {
      const auto& rec = d.roles[o.role];
      if (!(all_ || filter_.role(o.role)) || (active_only && !active(rec.target_kind, rec.target))) continue;
      emit(entity_kind::organization, no_index, o.role);
    }
  }

  bool role_named(std::uint16_t role) const {
    const auto& name = net_.vocabulary()[role].name;
    return std::find(rule_.scope.roles.begin(), rule_.scope.roles.end(), name) != rule_.scope.roles.end();
  }

  /// `org:x` (its name in the network it came from, when that has it).
  std::string former(std::string_view org_id) const {
    if (const auto o = ctx_.source.find(entity_kind::organization, org_id)) return named(organization_view(ctx_.source, *o));
    return ticked(org_id);
  }

  /// `event:x` (kind, date), or nothing without an event.
  std::string by_event(std::string_view event_id, date when) const {
    if (event_id.empty()) return {};
    std::string s = ticked(event_id) + " (";
    if (const auto e = ctx_.source.find(entity_kind::event, event_id)) s += std::string(to_string(event_view(ctx_.source, *e).kind())) + ", ";
    return s + when.to_string() + ")";
  }

  void describe_moved(const finding& f, violation& v, bool orphans) {
    const auto& d = net_.data();
    if (orphans) {
      const auto& o = d.orphans[f.a];
      const auto org_id = d.str(o.org), event_id = d.str(o.event);
      const auto target_id = net_.id_of(o.target_kind, o.target);
      v.evidence = {std::string(org_id), std::string(target_id)};
      if (!event_id.empty()) v.evidence.emplace_back(event_id);
      const std::string ended = !event_id.empty() ? "ended by " + by_event(event_id, o.date)
                                : !o.date.empty() ? "ended " + o.date.to_string()
                                                  : "no longer exists";
      v.message = "organization " + former(org_id) + " " + ended + " without successor; its role `" +
                  net_.vocabulary()[o.role].name + "` on " + std::string(to_string(o.target_kind)) + " " +
                  ticked(target_id) + " has no holder on " + ctx_.on->to_string();
      return;
    }
    const role_view role(net_, f.a);
    const auto origin = *role.carried_from();
    const auto target_id = net_.id_of(role.target_kind(), role.target());
    v.evidence = {std::string(origin.org), std::string(target_id), std::string(role.org().id())};
    if (!origin.event.empty()) v.evidence.emplace_back(origin.event);
    const std::string how = by_event(origin.event, origin.date);
    v.message = "the role `" + std::string(role.role_name()) + "` of " + former(origin.org) + " on " +
                std::string(to_string(role.target_kind())) + " " + ticked(target_id) + " passed to " +
                ticked(role.org().id()) + (how.empty() ? "" : " by " + how) + " (as of " + ctx_.on->to_string() + ")";
  }

  const context& ctx_;
  const network& net_;
  const rule& rule_;
  std::uint32_t position_;
  const rule_definition& def_;
  params_of params_;
  scope_filter filter_;
  bool all_;
  std::vector<finding>* out_ = nullptr;
  // Built on first use by describe().
  bool cache_ready_ = false, reviews_ready_ = false;
  std::vector<std::uint8_t> counts_;
  std::string what_;
  std::vector<std::vector<index>> reviews_;
};

/// Every id and role name the rules name must be in the network the rules look at:
/// checked before running. An id of the network that is gone on the check's day (an
/// area or program that ended) is named as such, rather than left for the rule to
/// find missing.
void check_references(const context& ctx, const rule_set& rules) {
  const network& net = ctx.source;
  std::vector<problem> problems;
  auto need = [&](entity_kind kind, const std::string& id, const std::string& path) {
    const std::string what = std::string(to_string(kind)) + " `" + id + "`";
    if (!net.find(kind, id)) {
      const auto near = net.nearest_ids(kind, id, 1);
      const std::string s = near.empty() ? std::string() : near.front();
      problems.push_back(problem{rules.file, path, 0, 0, "unknown-reference",
                                 "unknown " + what + " in the network" + did_you_mean(s), s});
    } else if (!ctx.net().find(kind, id)) {
      problems.push_back(problem{rules.file, path, 0, 0, "unknown-reference",
                                 what + " does not exist on " + ctx.on->to_string() + ", the day the rules look at", {}});
    }
  };
  auto need_role = [&](const std::string& name, const std::string& path) {
    if (net.vocabulary().find(name)) return;
    std::vector<std::string> names;
    for (const auto& r : net.vocabulary().all()) names.push_back(r.name);
    const std::string s = nearest_word(name, names);
    problems.push_back(problem{rules.file, path, 0, 0, "unknown-role",
                               "unknown role `" + name + "` in the network's vocabulary" + did_you_mean(s), s});
  };
  for (const auto& r : rules.rules) {
    if (!r.enabled) continue;
    const auto& s = r.scope;
    for (std::size_t i = 0; i < s.roles.size(); ++i) need_role(s.roles[i], r.path + "/scope/roles/" + std::to_string(i));
    for (std::size_t i = 0; i < s.topics.size(); ++i)
      need(entity_kind::topic, s.topics[i], r.path + "/scope/topics/" + std::to_string(i));
    for (std::size_t i = 0; i < s.areas.size(); ++i)
      need(entity_kind::area, s.areas[i], r.path + "/scope/areas/" + std::to_string(i));
    if (!s.program.empty()) need(entity_kind::program, s.program, r.path + "/scope/program");
    if (!s.document.empty()) need(entity_kind::document, s.document, r.path + "/scope/document");
    for (const auto& [name, value] : r.params) {
      const std::string path = r.path + "/params/" + name;
      if (name == "roles")
        for (std::size_t i = 0; i < std::get<std::vector<std::string>>(value).size(); ++i)
          need_role(std::get<std::vector<std::string>>(value)[i], path + "/" + std::to_string(i));
      if (name == "program" && !std::get<std::string>(value).empty())
        need(entity_kind::program, std::get<std::string>(value), path);
      if (name == "under" && !std::get<std::string>(value).empty()) need(entity_kind::area, std::get<std::string>(value), path);
      if (name == "areas" && r.check == "document-implemented")
        for (std::size_t i = 0; i < std::get<std::vector<std::string>>(value).size(); ++i)
          need(entity_kind::area, std::get<std::vector<std::string>>(value)[i], path + "/" + std::to_string(i));
    }
  }
  if (!problems.empty()) throw validation_error(std::move(problems));
}

context make_context(const network& net, const rule_set& rules, std::optional<date> as_of) {
  const auto on = check_day(net, rules, as_of);
  return context{net, on, on ? net.as_of(*on) : nullptr};
}

const rule_definition& definition_of(const rule& r) {
  const rule_definition* def = find_rule(r.check);
  if (!def) throw error("unknown rule `" + r.check + "` (" + r.path + ")");
  return *def;
}

}  // namespace

std::optional<date> check_day(const network& net, const rule_set& rules, std::optional<date> as_of) {
  std::optional<date> on = as_of;
  if (!on && !net.meta().as_of.empty()) on = net.meta().as_of;
  if (!on) on = rules.as_of;
  if (on && on->empty()) on.reset();
  return on;
}

std::shared_ptr<const network> checked_network(const network& net, const rule_set& rules, std::optional<date> as_of) {
  const auto on = check_day(net, rules, as_of);
  return on ? net.as_of(*on) : std::shared_ptr<const network>(std::shared_ptr<const network>{}, &net);
}

std::string_view entity_id(const network& checked, const finding& f) {
  if (f.entity != no_index) return checked.id_of(f.kind, f.entity);
  const auto& d = checked.data();
  if (f.detail == 1) return d.str(d.orphans.at(f.a).org);  // orphaned-role
  const auto origin = role_view(checked, f.a).carried_from();   // inherited-role
  return origin ? origin->org : std::string_view{};
}

static std::vector<finding> find_in(const context& ctx, const rule_set& rules) {
  std::vector<finding> out;
  for (std::uint32_t i = 0; i < rules.rules.size(); ++i) {
    const auto& r = rules.rules[i];
    if (!r.enabled) continue;
    const auto& def = definition_of(r);
    if (def.needs_date && !ctx.on) continue;
    rule_run(ctx, r, i, def).find(out);
  }
  return out;
}

static std::vector<violation> describe_in(const context& ctx, const rule_set& rules, const std::vector<finding>& findings) {
  std::vector<violation> out;
  out.reserve(findings.size());
  std::optional<rule_run> run;
  std::uint32_t current = 0xFFFFFFFFu;
  for (const auto& f : findings) {
    if (f.rule >= rules.rules.size())
      throw std::out_of_range("danvan::describe: finding of rule " + std::to_string(f.rule) + " but the rule set has " +
                              std::to_string(rules.rules.size()));
    if (f.rule != current) {
      const auto& r = rules.rules[f.rule];
      run.emplace(ctx, r, f.rule, definition_of(r));
      current = f.rule;
    }
    out.push_back(run->describe(f));
  }
  return out;
}

std::vector<finding> find_violations(const network& net, const rule_set& rules, std::optional<date> as_of) {
  const context ctx = make_context(net, rules, as_of);
  check_references(ctx, rules);
  return find_in(ctx, rules);
}

std::vector<violation> describe(const network& net, const rule_set& rules, std::optional<date> as_of,
                                const std::vector<finding>& findings) {
  return describe_in(make_context(net, rules, as_of), rules, findings);
}

std::vector<violation> check(const network& net, const rule_set& rules, std::optional<date> as_of) {
  const context ctx = make_context(net, rules, as_of);
  check_references(ctx, rules);
  return describe_in(ctx, rules, find_in(ctx, rules));
}

}  // namespace danvan
