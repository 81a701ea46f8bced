// Rules task-responsible and task-accountable: how many organizations hold a counting
// role (of a RACI letter, or of the named roles) on each task. Findings: entity = the task.
#include "engine.hpp"
#include "detail/network_access.hpp"

#include <algorithm>

namespace danvan::detail::coverage {

namespace {

std::vector<param_spec> count_params(const char* letter, const char* min, const char* max) {
  return {
      param("letter", param_type::string, std::string("\"") + letter + "\"",
            "RACI letter of the roles that count (used when `roles` is empty)", {"R", "A", "C", "I"}),
      roles_param(),
      param("min", param_type::integer, min, "fewest organizations holding such a role"),
      param("max", param_type::integer, max, "most organizations holding such a role"),
      param("statuses", param_type::string_list, R"(["planned", "in_progress", "done"])", "task statuses checked",
            words<task_status>()),
      param("kinds", param_type::string_list, "[]", "task kinds checked (empty: all)", words<task_kind>()),
  };
}

/// Organizations holding a counting role on task t, each once, in role order.
void count_holders(const rule_run& run, index t, const std::vector<std::uint8_t>& counts, std::vector<index>& found) {
  const auto& d = detail::data_of(run.net());
  found.clear();
  for (index r = d.task_role_begin[t]; r < d.task_role_begin[t + 1]; ++r) {
    if (!counts[d.roles[r].role]) continue;
    run.holders(r, [&](index o) {
      if (std::find(found.begin(), found.end(), o) == found.end()) found.push_back(o);
    });
  }
}

std::string plural(std::string s) {
  if (s.rfind("is ", 0) == 0) return "are " + s.substr(3);
  if (s.rfind("holds ", 0) == 0) return "hold " + s.substr(6);
  return s;
}

void find_counts(rule_run& run) {
  const auto& params = run.params();
  const auto counts = run.counting_roles();
  const auto min = params.value<std::int64_t>("min", 1), max = params.value<std::int64_t>("max", 1);
  const auto statuses = word_mask<task_status>(params.value<std::vector<std::string>>("statuses", {}));
  const auto kinds = word_mask<task_kind>(params.value<std::vector<std::string>>("kinds", {}));
  const auto& d = detail::data_of(run.net());
  std::vector<index> found;
  for (index t = 0; t < d.tasks.size(); ++t) {
    if (!run.task_in(t) || !statuses[d.tasks[t].status] || !kinds[d.tasks[t].kind]) continue;
    count_holders(run, t, counts, found);
    const auto n = static_cast<std::int64_t>(found.size());
    if (n < min || n > max) run.emit(entity_kind::task, t);
  }
}

/// What describe() needs of every finding of the rule, built once.
struct counting {
  std::vector<std::uint8_t> counts;
  std::string what;
};

void describe_count(rule_run& run, const finding& f, violation& v) {
  const auto& c = run.memo<counting>([&] { return counting{run.counting_roles(), run.counted_what()}; });
  const auto& net = run.net();
  std::vector<index> found;
  count_holders(run, f.entity, c.counts, found);
  const auto min = run.params().value<std::int64_t>("min", 1), max = run.params().value<std::int64_t>("max", 1);
  const auto n = static_cast<std::int64_t>(found.size());
  const task_view task(net, f.entity);
  v.evidence.emplace_back(task.id());
  for (index o : found) v.evidence.emplace_back(net.id_of(entity_kind::organization, o));
  const std::string expected = min == max ? "exactly " + std::to_string(min)
                               : n < min  ? "at least " + std::to_string(min)
                                          : "at most " + std::to_string(max);
  if (n == 0) {
    v.message = "no organization " + c.what + " on task " + named(task) + "; " + expected + " expected";
  } else {
    v.message = std::to_string(n) + " organization" + (n == 1 ? " " : "s ") +
                joined({v.evidence.begin() + 1, v.evidence.end()}) + " " + (n == 1 ? c.what : plural(c.what)) +
                " on task " + named(task) + "; " + expected + " expected";
  }
}

}  // namespace

rule_family task_count_rules() {
  return {
      {{"task-responsible", severity::error, entity_kind::task, false,
        "every task has exactly one responsible organization (R, or the chosen roles)", count_params("R", "1", "1")},
       find_counts,
       describe_count,
       {{"roles", reference::role}}},
      {{"task-accountable", severity::warning, entity_kind::task, false,
        "every task has at most one accountable organization (A, or the chosen roles)", count_params("A", "0", "1")},
       find_counts,
       describe_count,
       {{"roles", reference::role}}},
  };
}

}  // namespace danvan::detail::coverage
