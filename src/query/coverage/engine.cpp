// The coverage engine: runs the rules of a rule set, each through its registry entry,
// after checking that every id and role they name is in the network.
#include "engine.hpp"
#include "detail/network_access.hpp"

#include <danvan/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace danvan {

namespace detail::coverage {

// ---- words and messages --------------------------------------------------------------

param_spec param(std::string name, param_type type, std::string def, std::string description,
                 std::vector<std::string> choices) {
  return {std::move(name), type, std::move(def), std::move(description), std::move(choices)};
}

param_spec roles_param() {
  return param("roles", param_type::string_list, "[]", "only roles of these names count, whatever their letter");
}

std::string did_you_mean(const std::string& suggestion) {
  return suggestion.empty() ? std::string() : " (did you mean `" + suggestion + "`?)";
}

std::string ticked(std::string_view id) { return "`" + std::string(id) + "`"; }

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

// ---- parameters ------------------------------------------------------------------------

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

}  // namespace

params_of::params_of(const rule& r, const rule_definition& def) {
  for (const auto& spec : def.params) {
    if (auto it = r.params.find(spec.name); it != r.params.end()) values_.emplace(spec.name, it->second);
    else if (const auto* d = default_of(def, spec)) values_.emplace(spec.name, *d);
  }
}

// ---- running a rule -------------------------------------------------------------------

namespace {

scope undated(scope s) {
  s.as_of.reset();  // the date is the check's: the rules look at the network as of it
  return s;
}

}  // namespace

rule_run::rule_run(const context& ctx, const rule& r, std::uint32_t position, const rule_entry& entry)
    : ctx_(ctx), net_(ctx.net()), rule_(r), position_(position), entry_(entry), params_(r, entry.definition),
      filter_(net_, undated(r.scope)), all_(filter_.everything()) {}

void rule_run::find(std::vector<finding>& out) {
  out_ = &out;
  entry_.find(*this);
  out_ = nullptr;
}

violation rule_run::describe(const finding& f) {
  violation v;
  v.rule = rule_.name;
  v.check = entry_.definition.name;
  v.severity = f.severity;
  v.kind = f.kind;
  v.entity = f.entity;
  v.entity_id = std::string(entity_id(net_, f));
  entry_.describe(*this, f, v);
  return v;
}

void rule_run::emit(entity_kind kind, index entity, index a, std::uint8_t detail, std::uint16_t step) {
  out_->push_back(finding{position_, rule_.severity, kind, detail, step, entity, a});
}

std::vector<std::uint8_t> rule_run::counting_roles() const {
  const auto& vocabulary = net_.vocabulary();
  std::vector<std::uint8_t> counts(vocabulary.size(), 0);
  const auto names = params_.value<std::vector<std::string>>("roles", {});
  if (!names.empty()) {
    for (const auto& n : names)
      if (auto r = vocabulary.find(n)) counts[*r] = 1;
    return counts;
  }
  const auto letter = *enum_from_string<raci>(params_.value<std::string>("letter", "R"));
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = vocabulary[static_cast<role_index>(i)].letter == letter;
  return counts;
}

std::string rule_run::counted_what() const {
  const auto names = params_.value<std::vector<std::string>>("roles", {});
  if (!names.empty()) return "holds " + words_joined(names);
  const auto letter = params_.value<std::string>("letter", "R");
  std::string roles;
  for (const auto& def : net_.vocabulary().all())
    if (std::string(to_string(def.letter)) == letter) roles += (roles.empty() ? "" : ", ") + def.name;
  const char* word = letter == "R" ? "responsible" : letter == "A" ? "accountable" : letter == "C" ? "consulted" : "informed";
  return std::string("is ") + word + " (" + letter + (roles.empty() ? "" : ": " + roles) + ")";
}

// ---- before running: the ids the rules name ----------------------------------------------

namespace {

/// Every id and role name the rules name must be in the network the rules look at:
/// checked before running. An id of the network that is gone on the check's day (an
/// area or program that ended) is named as such, rather than left for the rule to
/// find missing.
class reference_check {
 public:
  reference_check(const context& ctx, const rule_set& rules) : ctx_(ctx), rules_(rules) {}

  void run() {
    for (const auto& r : rules_.rules) {
      if (!r.enabled) continue;
      const auto& s = r.scope;
      for (std::size_t i = 0; i < s.roles.size(); ++i) need_role(s.roles[i], r.path + "/scope/roles/" + std::to_string(i));
      for (std::size_t i = 0; i < s.topics.size(); ++i)
        need(entity_kind::topic, s.topics[i], r.path + "/scope/topics/" + std::to_string(i));
      for (std::size_t i = 0; i < s.areas.size(); ++i)
        need(entity_kind::area, s.areas[i], r.path + "/scope/areas/" + std::to_string(i));
      if (!s.program.empty()) need(entity_kind::program, s.program, r.path + "/scope/program");
      if (!s.document.empty()) need(entity_kind::document, s.document, r.path + "/scope/document");
      if (const rule_entry* entry = find_entry(r.check)) params(r, *entry);
    }
    if (!problems_.empty()) throw validation_error(std::move(problems_));
  }

 private:
  void params(const rule& r, const rule_entry& entry) {
    for (const auto& [name, value] : r.params) {
      const auto ref = std::find_if(entry.references.begin(), entry.references.end(),
                                    [&key = name](const auto& x) { return x.first == key; });
      if (ref == entry.references.end()) continue;
      const std::string path = r.path + "/params/" + name;
      if (const auto* id = std::get_if<std::string>(&value)) {
        if (!id->empty()) need(ref->second, *id, path);
      } else if (const auto* ids = std::get_if<std::vector<std::string>>(&value)) {
        for (std::size_t i = 0; i < ids->size(); ++i) need(ref->second, (*ids)[i], path + "/" + std::to_string(i));
      }
    }
  }

  void need(reference ref, const std::string& id, const std::string& path) {
    if (ref == reference::role) need_role(id, path);
    else need(ref == reference::program ? entity_kind::program : entity_kind::area, id, path);
  }

  void need(entity_kind kind, const std::string& id, const std::string& path) {
    const network& net = ctx_.source;
    const std::string what = std::string(to_string(kind)) + " `" + id + "`";
    if (!net.find(kind, id)) {
      const auto near = net.nearest_ids(kind, id, 1);
      const std::string s = near.empty() ? std::string() : near.front();
      problems_.push_back(problem{rules_.file, path, 0, 0, "unknown-reference",
                                  "unknown " + what + " in the network" + did_you_mean(s), s});
    } else if (!ctx_.net().find(kind, id)) {
      problems_.push_back(problem{rules_.file, path, 0, 0, "unknown-reference",
                                  what + " does not exist on " + ctx_.on->to_string() + ", the day the rules look at", {}});
    }
  }

  void need_role(const std::string& name, const std::string& path) {
    const network& net = ctx_.source;
    if (net.vocabulary().find(name)) return;
    std::vector<std::string> names;
    for (const auto& r : net.vocabulary().all()) names.push_back(r.name);
    const std::string s = nearest_word(name, names);
    problems_.push_back(problem{rules_.file, path, 0, 0, "unknown-role",
                                "unknown role `" + name + "` in the network's vocabulary" + did_you_mean(s), s});
  }

  const context& ctx_;
  const rule_set& rules_;
  std::vector<problem> problems_;
};

context make_context(const network& net, const rule_set& rules, std::optional<date> as_of) {
  const auto on = check_day(net, rules, as_of);
  return context{net, on, on ? net.as_of(*on) : nullptr};
}

const rule_entry& entry_of(const rule& r) {
  const rule_entry* entry = find_entry(r.check);
  if (!entry) throw error("unknown rule `" + r.check + "` (" + r.path + ")");
  return *entry;
}

std::vector<finding> find_in(const context& ctx, const rule_set& rules) {
  std::vector<finding> out;
  for (std::uint32_t i = 0; i < rules.rules.size(); ++i) {
    const auto& r = rules.rules[i];
    if (!r.enabled) continue;
    const auto& entry = entry_of(r);
    if (entry.definition.needs_date && !ctx.on) continue;
    rule_run(ctx, r, i, entry).find(out);
  }
  return out;
}

std::vector<violation> describe_in(const context& ctx, const rule_set& rules, const std::vector<finding>& findings) {
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
      run.emplace(ctx, r, f.rule, entry_of(r));
      current = f.rule;
    }
    out.push_back(run->describe(f));
  }
  return out;
}

}  // namespace

}  // namespace detail::coverage

using namespace detail::coverage;

// ---- the public functions ----------------------------------------------------------------

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
  const auto& d = detail::data_of(checked);
  if (f.detail == 1) return d.str(d.orphans.at(f.a).org);     // orphaned-role
  const auto origin = role_view(checked, f.a).carried_from();  // inherited-role
  return origin ? origin->org : std::string_view{};
}

std::vector<finding> find_violations(const network& net, const rule_set& rules, std::optional<date> as_of) {
  const context ctx = make_context(net, rules, as_of);
  reference_check(ctx, rules).run();
  return find_in(ctx, rules);
}

std::vector<violation> describe(const network& net, const rule_set& rules, std::optional<date> as_of,
                                const std::vector<finding>& findings) {
  return describe_in(make_context(net, rules, as_of), rules, findings);
}

std::vector<violation> check(const network& net, const rule_set& rules, std::optional<date> as_of) {
  const context ctx = make_context(net, rules, as_of);
  reference_check(ctx, rules).run();
  return describe_in(ctx, rules, find_in(ctx, rules));
}

}  // namespace danvan
