// Rule organization-idle: every organization has some role on a task or program in a
// window. Findings: entity = the organization.
#include "engine.hpp"
#include "detail/network_access.hpp"

#include <algorithm>
#include <climits>

namespace danvan::detail::coverage {

namespace {

/// The `window` parameter, else the scope's window, else the year of the check's day.
std::optional<period> idle_window(const rule_run& run) {
  std::optional<period> window = run.params().get<period>("window");
  if (!window && run.file_rule().scope.window) window = run.file_rule().scope.window;
  if (!window && run.ctx().on) window = period{date(run.ctx().on->year()), date(run.ctx().on->year())};
  return window;
}

/// Could an item of these dates fall in the window? Undated ones may, as in a scope. Years
/// decide most comparisons; days are computed only at the window's edges.
class window_test {
 public:
  explicit window_test(const std::optional<period>& window)
      : open_(!window),
        lo_year_(window && !window->start.empty() ? window->start.year() : INT_MIN),
        hi_year_(window && !window->end.empty() ? window->end.year() : INT_MAX),
        lo_day_(window && !window->start.empty() ? window->start.first_day() : INT32_MIN),
        hi_day_(window && !window->end.empty() ? window->end.last_day() : INT32_MAX) {}

  bool operator()(const period& p, date due) const {
    if (open_) return true;
    if (p.empty() && due.empty()) return true;
    if (!p.empty() && starts_by_end(p.start) && ends_from_start(p.end)) return true;
    return !due.empty() && starts_by_end(due) && ends_from_start(due);
  }

 private:
  bool starts_by_end(date x) const {  // x may start no later than the window ends
    return x.empty() || x.year() < hi_year_ || (x.year() == hi_year_ && x.first_day() <= hi_day_);
  }
  bool ends_from_start(date x) const {  // x may end no earlier than the window starts
    return x.empty() || x.year() > lo_year_ || (x.year() == lo_year_ && x.last_day() >= lo_day_);
  }
  bool open_;
  int lo_year_, hi_year_;
  std::int32_t lo_day_, hi_day_;
};

/// Per organization: 1 when it holds a role that counts as work, 2 when only a sub-unit
/// of it does (with `include_subunits`), 0 when idle.
std::vector<std::uint8_t> busy_organizations(const rule_run& run, const std::optional<period>& window) {
  const auto& net = run.net();
  const auto& d = detail::data_of(net);
  std::vector<std::uint8_t> work(net.vocabulary().size(), 1);
  const auto names = run.params().value<std::vector<std::string>>("roles", {});
  if (!names.empty()) {
    std::fill(work.begin(), work.end(), 0);
    for (const auto& n : names)
      if (auto r = net.vocabulary().find(n)) work[*r] = 1;
  }
  const window_test in_window(window);
  std::vector<std::uint8_t> task_ok(d.tasks.size()), program_ok(d.programs.size());
  for (index t = 0; t < d.tasks.size(); ++t) task_ok[t] = run.task_in(t) && in_window(d.tasks[t].period, d.tasks[t].due);
  for (index p = 0; p < d.programs.size(); ++p) program_ok[p] = run.program_in(p) && in_window(d.programs[p].period, {});
  // A role carried to a successor counts as work whatever its dates: the successor
  // answers for it now.
  std::vector<bool> carried(d.roles.size(), false);
  for (const auto& o : d.role_origins) carried[o.role] = true;
  auto target_in = [&](index r) {
    const index t = d.role_target(r);
    return d.role_target_kind(r) == entity_kind::task ? run.task_in(t) : run.program_in(t);
  };
  // An organization is busy at its first role that counts: most stop after one or two.
  std::vector<std::uint8_t> busy(d.organizations.size(), 0);
  for (index o = 0; o < d.organizations.size(); ++o)
    for (std::uint32_t k = d.org_role_begin[o]; k < d.org_role_begin[o + 1]; ++k) {
      const index r = d.org_roles[k];
      const auto& rec = d.roles[r];
      if (!work[rec.role]) continue;
      const index t = d.role_target(r);
      const bool dated_in = d.role_target_kind(r) == entity_kind::task ? task_ok[t] : program_ok[t];
      if (!(dated_in || (carried[r] && target_in(r)))) continue;
      if (run.role_in(r)) {
        busy[o] = 1;
        break;
      }
    }
  if (run.params().value<bool>("include_subunits", true))
    for (index o = 0; o < d.organizations.size(); ++o)
      if (busy[o] == 1)
        for (index p = d.organizations[o].parent; p != no_index && busy[p] != 2; p = d.organizations[p].parent)
          busy[p] = busy[p] == 1 ? 1 : 2;  // 2: busy through a sub-unit
  return busy;
}

void find_idle(rule_run& run) {
  const auto& d = detail::data_of(run.net());
  const auto window = idle_window(run);
  const auto kinds = word_mask<org_kind>(run.params().value<std::vector<std::string>>("kinds", {}));
  const auto levels = run.params().value<std::vector<std::string>>("levels", {});
  const auto busy = busy_organizations(run, window);
  std::vector<bool> level_ok(std::size(enum_names<level>::names), levels.empty());
  for (const auto& w : levels)
    if (auto l = enum_from_string<level>(w)) level_ok[static_cast<std::size_t>(*l)] = true;
  for (index o = 0; o < d.organizations.size(); ++o) {
    const auto& rec = d.organizations[o];
    if (busy[o] || !kinds[rec.kind] || !run.organization_in(o)) continue;
    if (!levels.empty() && (rec.level == no_level || !level_ok[rec.level])) continue;
    if (window && !period{rec.valid_from, rec.valid_to}.overlaps(*window)) continue;  // did not exist then
    run.emit(entity_kind::organization, o);
  }
}

void describe_idle(rule_run& run, const finding& f, violation& v) {
  const organization_view org(run.net(), f.entity);
  const auto window = idle_window(run);
  std::string when;
  if (window) {
    when = window->start.empty() ? std::string("…") : window->start.to_string();
    if (!(window->start == window->end)) when += "–" + (window->end.empty() ? std::string("…") : window->end.to_string());
  }
  const bool subunits = run.params().value<bool>("include_subunits", true);
  v.evidence.emplace_back(org.id());
  v.message = "organization " + named(org) + " has no role on any task or program" +
              (window ? " in " + when : std::string()) + (subunits ? ", nor has any of its sub-units" : "");
}

}  // namespace

rule_family organization_rules() {
  rule_definition def{
      "organization-idle", severity::info, entity_kind::organization, false,
      "every organization has some role on a task or program in a window",
      {param("window", param_type::period_value, "", "the window (default: the year of the date, or all time)"),
       param("roles", param_type::string_list, "[]", "only roles of these names count as work"),
       param("kinds", param_type::string_list, "[]", "organization kinds checked (empty: all)", words<org_kind>()),
       param("levels", param_type::string_list, "[]", "organization levels checked (empty: all)", words<level>()),
       param("include_subunits", param_type::boolean, "true", "work of a sub-unit counts for its parents")}};
  return {{std::move(def), find_idle, describe_idle, {{"roles", reference::role}}}};
}

}  // namespace danvan::detail::coverage
