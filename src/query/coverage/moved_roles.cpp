// Rules orphaned-role and inherited-role: roles after reorganizations, on the check's
// day. Findings: entity = no_index with kind organization (the original organization is
// not in the network as of the day; describe() names it); a = the orphan's position
// (detail 1, orphaned-role) or the carried role (inherited-role).
#include "engine.hpp"
#include "detail/network_access.hpp"

#include <algorithm>

namespace danvan::detail::coverage {

namespace {

/// Still running on the day: not done or cancelled, and not ended before it.
bool active(const rule_run& run, entity_kind kind, index target) {
  const auto& d = detail::data_of(run.net());
  const date on = *run.ctx().on;
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

bool role_named(const rule_run& run, std::uint16_t role) {
  const auto& name = run.net().vocabulary()[role].name;
  const auto& roles = run.file_rule().scope.roles;
  return std::find(roles.begin(), roles.end(), name) != roles.end();
}

void find_orphaned(rule_run& run) {
  if (!run.ctx().on) return;
  const bool active_only = run.params().value<bool>("active_only", true);
  const auto& d = detail::data_of(run.net());
  for (std::uint32_t k = 0; k < d.orphans.size(); ++k) {
    const auto& o = d.orphans[k];
    const bool in = o.target_kind == entity_kind::task ? run.task_in(o.target) : run.program_in(o.target);
    if (!in || (active_only && !active(run, o.target_kind, o.target))) continue;
    if (!run.file_rule().scope.roles.empty() && !role_named(run, o.role)) continue;
    run.emit(entity_kind::organization, no_index, k, 1);
  }
}

void find_inherited(rule_run& run) {
  if (!run.ctx().on) return;
  const bool active_only = run.params().value<bool>("active_only", true);
  const auto& d = detail::data_of(run.net());
  for (const auto& o : d.role_origins) {
    if (!run.role_in(o.role) || (active_only && !active(run, d.role_target_kind(o.role), d.role_target(o.role)))) continue;
    run.emit(entity_kind::organization, no_index, o.role);
  }
}

/// `org:x` (its name in the network it came from, when that has it).
std::string former(const rule_run& run, std::string_view org_id) {
  const network& source = run.ctx().source;
  if (const auto o = source.find(entity_kind::organization, org_id)) return named(organization_view(source, *o));
  return ticked(org_id);
}

/// `event:x` (kind, date), or nothing without an event.
std::string by_event(const rule_run& run, std::string_view event_id, date when) {
  if (event_id.empty()) return {};
  const network& source = run.ctx().source;
  std::string s = ticked(event_id) + " (";
  if (const auto e = source.find(entity_kind::event, event_id)) s += std::string(to_string(event_view(source, *e).kind())) + ", ";
  return s + when.to_string() + ")";
}

void describe_orphaned(rule_run& run, const finding& f, violation& v) {
  const auto& net = run.net();
  const auto& d = detail::data_of(net);
  const auto& o = d.orphans[f.a];
  const auto org_id = d.str(o.org), event_id = d.str(o.event);
  const auto target_id = net.id_of(o.target_kind, o.target);
  v.evidence = {std::string(org_id), std::string(target_id)};
  if (!event_id.empty()) v.evidence.emplace_back(event_id);
  const std::string ended = !event_id.empty() ? "ended by " + by_event(run, event_id, o.date)
                            : !o.date.empty() ? "ended " + o.date.to_string()
                                              : "no longer exists";
  v.message = "organization " + former(run, org_id) + " " + ended + " without successor; its role `" +
              net.vocabulary()[o.role].name + "` on " + std::string(to_string(o.target_kind)) + " " +
              ticked(target_id) + " has no holder on " + run.ctx().on->to_string();
}

void describe_inherited(rule_run& run, const finding& f, violation& v) {
  const auto& net = run.net();
  const role_view role(net, f.a);
  const auto origin = *role.carried_from();
  const auto target_id = net.id_of(role.target_kind(), role.target());
  v.evidence = {std::string(origin.org), std::string(target_id), std::string(role.org().id())};
  if (!origin.event.empty()) v.evidence.emplace_back(origin.event);
  const std::string how = by_event(run, origin.event, origin.date);
  v.message = "the role `" + std::string(role.role_name()) + "` of " + former(run, origin.org) + " on " +
              std::string(to_string(role.target_kind())) + " " + ticked(target_id) + " passed to " +
              ticked(role.org().id()) + (how.empty() ? "" : " by " + how) + " (as of " + run.ctx().on->to_string() + ")";
}

std::vector<param_spec> active_only() {
  return {param("active_only", param_type::boolean, "true", "only roles on tasks and programs still running on the date")};
}

}  // namespace

rule_family moved_role_rules() {
  return {
      {{"orphaned-role", severity::error, entity_kind::organization, true,
        "no role is held by an organization that ended without successor", active_only()},
       find_orphaned,
       describe_orphaned},
      {{"inherited-role", severity::info, entity_kind::organization, true,
        "reports each role that passed to a successor by the date", active_only()},
       find_inherited,
       describe_inherited},
  };
}

}  // namespace danvan::detail::coverage
