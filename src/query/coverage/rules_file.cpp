// Reading rules files: parse_rules() and load_rules(). Every mistake is reported with the
// JSON path of where it is (and the nearest name for an unknown one), all of them at once.
#include "engine.hpp"

#include "detail/json_problem.hpp"
#include "detail/read_file.hpp"
#include <danvan/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace danvan {

namespace {

using namespace detail::coverage;

using ojson = nlohmann::ordered_json;

using detail::type_word;

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

/// a, b, c
std::string listed(const std::vector<std::string>& names) {
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  return all;
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

class rules_reader : public detail::problem_list {
 public:
  using problem_list::problem_list;

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
    report(path, "bad-date", "`" + text + "` is not a date: " + date::why_not(text));
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
    const std::string s = nearest_word(word, choices);
    report(path, "bad-value", "`" + word + "` is not one of " + listed(choices) + did_you_mean(s), s);
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

  /// The `params` of a rule into r.params; false when one is wrong.
  bool read_params(const ojson& params, const std::string& path, const rule_definition& def, rule& r) {
    if (!params.is_object()) {
      report(path + "/params", "wrong-type", "`params` must be an object, found " + type_word(params));
      return false;
    }
    bool ok = true;
    for (auto it = params.begin(); it != params.end(); ++it) {
      const std::string at = path + "/params/" + escape_pointer(it.key());
      auto spec = std::find_if(def.params.begin(), def.params.end(),
                               [&](const param_spec& ps) { return ps.name == it.key(); });
      if (spec == def.params.end()) {
        std::vector<std::string> names;
        for (const auto& ps : def.params) names.push_back(ps.name);
        const std::string s = nearest_word(it.key(), names);
        report(at, "unknown-parameter",
               "rule `" + def.name + "` has no parameter `" + it.key() + "`" + did_you_mean(s) +
                   (names.empty() ? "; it takes none" : "; its parameters are " + listed(names)),
               s);
        ok = false;
        continue;
      }
      if (auto v = read_param(it.value(), *spec, at)) r.params.emplace(it.key(), std::move(*v));
      else ok = false;
    }
    return ok;
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
      report(path + "/rule", "unknown-rule", "unknown rule `" + r.check + "`" + did_you_mean(s) + "; the built-in rules are " + listed(names), s);
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
    if (j.contains("params") && !read_params(j["params"], path, *def, r)) ok = false;
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
};

}  // namespace

rule_set parse_rules(std::string_view text, std::string_view label) {
  const auto j = detail::parse_json<ojson>(text, label);
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

}  // namespace danvan
