// Rule program-lead: every program has an organization holding a leading role (of a
// RACI letter, or of the named roles). Findings: entity = the program.
#include "engine.hpp"
#include "detail/network_access.hpp"

#include <algorithm>

namespace danvan::detail::coverage {

namespace {

void find_unled(rule_run& run) {
  const auto counts = run.counting_roles();
  const bool include_tasks = run.params().value<bool>("include_tasks", false);
  const auto kinds = word_mask<program_kind>(run.params().value<std::vector<std::string>>("kinds", {}));
  const auto& d = detail::data_of(run.net());
  std::vector<bool> led(d.programs.size(), false);
  auto see = [&](index r, index program) {
    if (counts[d.roles[r].role]) run.holders(r, [&](index) { led[program] = true; });
  };
  for (index p = 0; p < d.programs.size(); ++p)
    for (index r = d.program_role_begin[p]; r < d.program_role_begin[p + 1]; ++r) see(r, p);
  if (include_tasks)
    for (index t = 0; t < d.tasks.size(); ++t)
      if (d.tasks[t].program != no_index && run.task_in(t))
        for (index r = d.task_role_begin[t]; r < d.task_role_begin[t + 1]; ++r) see(r, d.tasks[t].program);
  for (index p = 0; p < d.programs.size(); ++p)
    if (run.program_in(p) && kinds[d.programs[p].kind] && !led[p]) run.emit(entity_kind::program, p);
}

void describe_unled(rule_run& run, const finding& f, violation& v) {
  const program_view pr(run.net(), f.entity);
  v.evidence.emplace_back(pr.id());
  for (auto role : pr.roles()) {
    const auto id = std::string(role.org().id());
    if (std::find(v.evidence.begin(), v.evidence.end(), id) == v.evidence.end()) v.evidence.push_back(id);
  }
  const bool include_tasks = run.params().value<bool>("include_tasks", false);
  v.message = "no organization " + run.counted_what() + " on program " + named(pr) +
              (include_tasks ? " or its tasks" : "") +
              (v.evidence.size() > 1 ? "; it has roles of " + joined({v.evidence.begin() + 1, v.evidence.end()}) : "");
}

}  // namespace

rule_family program_rules() {
  rule_definition def{
      "program-lead", severity::warning, entity_kind::program, false, "every program has a lead",
      {param("letter", param_type::string, "\"R\"", "RACI letter of the roles that count as leading",
             {"R", "A", "C", "I"}),
       roles_param(),
       param("include_tasks", param_type::boolean, "false", "a lead on one of the program's tasks counts"),
       param("kinds", param_type::string_list, "[]", "program kinds checked (empty: all)", words<program_kind>())}};
  return {{std::move(def), find_unled, describe_unled, {{"roles", reference::role}}}};
}

}  // namespace danvan::detail::coverage
