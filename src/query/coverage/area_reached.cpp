// Rule area-reached: every area of a level is reached by a given program, or by some
// program of the given kinds (its own areas, its tasks' areas, the areas of the
// organizations holding roles on them). Findings: entity = the area.
#include "engine.hpp"
#include "detail/network_access.hpp"

namespace danvan::detail::coverage {

namespace {

/// The programs whose reach counts: the `program` parameter, else those of `kinds`.
std::vector<bool> chosen_programs(const rule_run& run) {
  const auto& d = detail::data_of(run.net());
  const auto program_id = run.params().value<std::string>("program", "");
  const auto kinds = word_mask<program_kind>(run.params().value<std::vector<std::string>>("kinds", {}));
  std::vector<bool> chosen(d.programs.size(), false);
  if (!program_id.empty()) {
    const index p = run.net().at(entity_kind::program, program_id);
    chosen[p] = run.program_in(p);
  } else {
    for (index p = 0; p < d.programs.size(); ++p) chosen[p] = run.program_in(p) && kinds[d.programs[p].kind];
  }
  return chosen;
}

/// The areas the chosen programs reach, with every area that contains one.
std::vector<bool> reached_areas(const rule_run& run) {
  const auto& d = detail::data_of(run.net());
  const bool via_tasks = run.params().value<bool>("via_tasks", true);
  const bool via_orgs = run.params().value<bool>("via_organizations", true);
  const auto chosen = chosen_programs(run);
  std::vector<bool> reached(d.areas.size(), false);
  auto reach = [&](index a) {
    for (; a != no_index && !reached[a]; a = d.areas[a].parent) reached[a] = true;
  };
  auto reach_by_roles = [&](const std::vector<std::uint32_t>& begin, index target) {
    if (!via_orgs) return;
    for (index r = begin[target]; r < begin[target + 1]; ++r)
      run.holders(r, [&](index o) {
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
      if (d.tasks[t].program == no_index || !chosen[d.tasks[t].program] || !run.task_in(t)) continue;
      for (index a : d.list(d.tasks[t].areas())) reach(a);
      reach_by_roles(d.task_role_begin, t);
    }
  return reached;
}

void find_unreached(rule_run& run) {
  const auto& d = detail::data_of(run.net());
  const auto lvl = static_cast<std::uint8_t>(*enum_from_string<level>(run.params().value<std::string>("level", "district")));
  const auto under = run.params().value<std::string>("under", "");
  const auto reached = reached_areas(run);
  const index inside = under.empty() ? no_index : run.net().at(entity_kind::area, under);
  for (index a = 0; a < d.areas.size(); ++a) {
    if (d.areas[a].level != lvl || reached[a]) continue;
    if (inside != no_index) {
      bool in = false;
      for (index y = d.areas[a].parent; y != no_index && !in; y = d.areas[y].parent) in = y == inside;
      if (!in) continue;
    }
    run.emit(entity_kind::area, a);
  }
}

void describe_unreached(rule_run& run, const finding& f, violation& v) {
  const auto& net = run.net();
  const area_view area(net, f.entity);
  const auto program_id = run.params().value<std::string>("program", "");
  const auto kinds = run.params().value<std::vector<std::string>>("kinds", {});
  const auto& on = run.ctx().on;
  const std::string by = !program_id.empty()
                             ? "program " + named(program_view(net, net.at(entity_kind::program, program_id)))
                             : "any program" + (kinds.empty() ? std::string() : " of kind " + words_joined(kinds));
  v.evidence.emplace_back(area.id());
  if (!program_id.empty()) v.evidence.push_back(program_id);
  v.message = std::string(to_string(area.level())) + " " + named(area) + " is not reached by " + by +
              (on ? " (as of " + on->to_string() + ")" : "");
}

}  // namespace

rule_family area_rules() {
  rule_definition def{
      "area-reached", severity::warning, entity_kind::area, false,
      "every area (of a level) is reached by a given program, or by some program of the given kinds",
      {param("program", param_type::string, "", "the program or movement (empty: every program of `kinds`)"),
       param("kinds", param_type::string_list, "[]", "program kinds that count when no program is given",
             words<program_kind>()),
       param("level", param_type::string, "\"district\"", "level of the areas checked", words<level>()),
       param("under", param_type::string, "", "check only areas inside this one"),
       param("via_tasks", param_type::boolean, "true", "the areas of the program's tasks count"),
       param("via_organizations", param_type::boolean, "true",
             "the area of an organization holding a role on the program or its tasks counts")}};
  return {{std::move(def), find_unreached, describe_unreached,
           {{"program", reference::program}, {"under", reference::area}}}};
}

}  // namespace danvan::detail::coverage
