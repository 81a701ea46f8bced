// Time: the timeline of programs and tasks on a date axis, and the reorganization
// events with what each carried (with --as-of: the roles the network as of that day
// holds through each event, and the roles left without a holder).
#include "report.hpp"

#include "html.hpp"
#include "svg_timeline.hpp"

#include <danvan/query/time.hpp>

#include <algorithm>
#include <map>

namespace danvan::cli::report {
namespace {

constexpr std::size_t timeline_rows = 60;

bool dated(const period& p) { return !p.start.empty() || !p.end.empty(); }
period task_period(const task_view& t) { return dated(t.period()) ? t.period() : period{t.due(), t.due()}; }
std::int32_t start_of(const period& p) { return p.start.empty() ? p.end.first_day() : p.start.first_day(); }

std::string period_title(std::string_view name, const period& p) {
  return std::string(name) + " (" + (p.start.empty() ? "…" : p.start.to_string()) + " – " +
         (p.end.empty() ? "…" : p.end.to_string()) + ")";
}

/// Programs by start, each followed by its dated tasks by start, then the tasks of no program.
std::string timeline(const input& in) {
  const scope_filter filter(in.net, in.query_scope());
  std::map<index, std::vector<index>> tasks_of;  // program position (no_index: none) → tasks
  std::size_t undated = 0, total = 0;
  for (const auto t : in.net.tasks()) {
    if (!filter.task(t.position())) continue;
    if (!dated(task_period(t))) {
      ++undated;
      continue;
    }
    const auto p = t.program();
    tasks_of[p ? p->position() : no_index].push_back(t.position());
  }
  std::vector<index> programs;
  for (const auto p : in.net.programs())
    if (filter.program(p.position()) && (dated(p.period()) || tasks_of.count(p.position()))) programs.push_back(p.position());
  auto program_start = [&](index p) { return dated(in.net.programs()[p].period()) ? start_of(in.net.programs()[p].period()) : INT32_MAX; };
  std::stable_sort(programs.begin(), programs.end(), [&](index a, index b) { return program_start(a) < program_start(b); });
  programs.push_back(no_index);
  std::vector<timeline_row> rows;
  for (const index p : programs) {
    if (p != no_index) {
      const auto prog = in.net.programs()[p];
      ++total;
      if (rows.size() < timeline_rows) rows.push_back({std::string(prog.name()), period_title(prog.name(), prog.period()), prog.period(), true});
    }
    auto& tasks = tasks_of[p];
    std::stable_sort(tasks.begin(), tasks.end(), [&](index a, index b) {
      return start_of(task_period(in.net.tasks()[a])) < start_of(task_period(in.net.tasks()[b]));
    });
    for (const index t : tasks) {
      const auto task = in.net.tasks()[t];
      ++total;
      if (rows.size() < timeline_rows) rows.push_back({std::string(task.name()), period_title(task.name(), task_period(task)), task_period(task), false});
    }
  }
  std::erase_if(rows, [](const timeline_row& r) { return !dated(r.when); });
  std::string out = "<h3>" + escape(in.w("timeline")) + "</h3>\n";
  if (!rows.empty()) out += timeline_svg(rows, in.as_of.value_or(date{})) + "\n";
  std::string note = in.w.more(total > rows.size() ? total - rows.size() : 0, "rows");
  if (undated) note += (note.empty() ? "" : " · ") + std::to_string(undated) + " " + std::string(in.w("tasks")) + " " + std::string(in.w("undated"));
  if (!note.empty()) out += "<p class=\"more\">" + escape(note) + "</p>\n";
  return out;
}

std::string org_list(const network& net, std::span<const index> orgs) {
  std::string out;
  for (std::size_t i = 0; i < orgs.size(); ++i) out += (i ? "<br>" : "") + org_html(net, orgs[i]);
  return out;
}

/// For each event id: the roles of the network as of the day carried through it.
std::map<std::string_view, std::vector<index>> carried_by_event(const network& net) {
  std::map<std::string_view, std::vector<index>> out;
  for (const auto r : net.roles())
    if (const auto origin = r.carried_from(); origin && !origin->event.empty()) out[origin->event].push_back(r.position());
  return out;
}

std::string carried_html(const input& in, const std::vector<index>& roles) {
  std::string out = std::to_string(roles.size());
  for (std::size_t k = 0; k < roles.size() && k < 4; ++k) {
    const auto r = in.net.roles()[roles[k]];
    out += "<br>" + badge(std::string(to_string(r.letter())), in.w.role(r.definition())) +
           escape(shorten(name_of(in.net, r.target_kind(), r.target()), 50)) + " → " + org_html(in.net, r.org().position());
  }
  if (roles.size() > 4) out += "<br><span class=\"more\">" + escape(in.w.more(roles.size() - 4, "roles")) + "</span>";
  return out;
}

std::string events(const input& in) {
  const auto order = events_in_order(in.full);
  std::string out = "<h3>" + escape(in.w("reorganizations")) + "</h3>\n";
  if (order.empty()) return out + "<p>" + escape(in.w("no_events")) + "</p>\n";
  const auto carried = carried_by_event(in.net);
  if (in.as_of) out += "<p class=\"note\">" + escape(in.w("events_as_of_note")) + in.as_of->to_string() + ".</p>\n";
  table t;
  t.headings = {std::string(in.w("date")), std::string(in.w("kind")), std::string(in.w("from")), std::string(in.w("to")),
                std::string(in.w(in.as_of ? "carried" : "held"))};
  for (std::size_t k = 0; k < order.size() && k < 4 * in.top; ++k) {
    const auto e = in.full.events()[order[k]];
    std::size_t held = 0;
    for (const index o : e.from()) held += in.full.organizations()[o].roles().size();
    const auto it = carried.find(e.id());
    const std::string date_html = escape(e.date().to_string()) + (e.approximate() ? "<br><span class=\"note\">" + escape(in.w("approximate")) + "</span>" : "");
    t.rows.push_back({{date_html, e.date().to_string()},
                      text_cell(in.w.event(e.kind())),
                      {org_list(in.full, e.from()), {}},
                      {org_list(in.full, e.to()), {}},
                      in.as_of ? cell{carried_html(in, it == carried.end() ? std::vector<index>{} : it->second), {}} : number_cell(held)});
  }
  t.note = in.w.more(order.size() > 4 * in.top ? order.size() - 4 * in.top : 0, "events");
  return out + t.html(in.w("filter"));
}

std::string orphaned(const input& in) {
  table t;
  t.headings = {std::string(in.w("entity")), std::string(in.w("roles")), std::string(in.w("held_by")), std::string(in.w("date"))};
  std::size_t total = 0;
  auto add = [&](entity_kind kind, index i, const std::vector<orphaned_role_view>& list) {
    for (const auto& o : list) {
      if (++total > 4 * in.top) continue;
      const auto org = in.full.find(entity_kind::organization, o.origin.org);
      t.rows.push_back({text_cell(name_of(in.net, kind, i)),
                        {badge(std::string(to_string(in.net.vocabulary()[o.role].letter)), in.w.role(in.net.vocabulary()[o.role])), {}},
                        {org ? org_html(in.full, *org) : escape(o.origin.org), {}},
                        text_cell(o.origin.date.empty() ? std::string() : o.origin.date.to_string())});
    }
  };
  for (const auto p : in.net.programs()) add(entity_kind::program, p.position(), p.orphaned_roles());
  for (const auto task : in.net.tasks()) add(entity_kind::task, task.position(), task.orphaned_roles());
  if (total == 0) return {};
  t.note = in.w.more(total > 4 * in.top ? total - 4 * in.top : 0, "roles");
  return "<h3>" + escape(in.w("orphaned")) + " (" + std::to_string(total) + ")</h3>\n" + t.html(in.w("filter"));
}

}  // namespace

std::string time_section(const input& in) { return section(in, "time", timeline(in) + events(in) + orphaned(in)); }

}  // namespace danvan::cli::report
