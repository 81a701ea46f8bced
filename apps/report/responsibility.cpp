// Responsibility: who leads, advises, directs and coordinates each program and each
// directive (organization names, RACI letters), and the accountability chains of tasks.
#include "report.hpp"

#include "html.hpp"

#include <danvan/query/responsibility.hpp>

#include <algorithm>
#include <array>
#include <functional>

namespace danvan::cli::report {
namespace {

// The columns: the four roles analysts ask about first, then every other role.
constexpr std::array<std::string_view, 4> main_roles{"lead", "advise", "direct", "coordinate"};
constexpr std::size_t names_per_cell = 6;

/// The organizations of `rows` by column (each once per column, in row order).
struct role_columns {
  std::array<std::vector<index>, main_roles.size()> main;
  std::vector<std::pair<index, role_index>> other;
};

role_columns columns_of(const network& net, const std::vector<responsibility_row>& rows) {
  role_columns c;
  for (const auto& r : rows) {
    const auto name = net.vocabulary()[r.name].name;
    const auto at = std::find(main_roles.begin(), main_roles.end(), name);
    if (at == main_roles.end()) {
      if (std::find(c.other.begin(), c.other.end(), std::pair(r.org, r.name)) == c.other.end()) c.other.emplace_back(r.org, r.name);
      continue;
    }
    auto& list = c.main[static_cast<std::size_t>(at - main_roles.begin())];
    if (std::find(list.begin(), list.end(), r.org) == list.end()) list.push_back(r.org);
  }
  return c;
}

/// Names, one a line, the first few; `+K` for the rest.
std::string names_cell(const input& in, std::size_t count, const std::function<std::string(std::size_t)>& item) {
  std::string out;
  for (std::size_t i = 0; i < count && i < names_per_cell; ++i) out += (i ? "<br>" : "") + item(i);
  if (count > names_per_cell) out += "<br><span class=\"more\">" + escape(in.w.more(count - names_per_cell, "rows")) + "</span>";
  return out;
}

std::vector<std::string> role_headings(const input& in, std::string_view first) {
  std::vector<std::string> h{std::string(in.w(first))};
  for (const auto name : main_roles) {
    const auto r = in.net.vocabulary().find(name);
    const auto& def = in.net.vocabulary()[*r];
    h.push_back(in.w.role(def) + " (" + std::string(to_string(def.letter)) + ")");
  }
  h.push_back(std::string(in.w("other_roles")));
  return h;
}

std::vector<cell> role_cells(const input& in, const std::vector<responsibility_row>& rows) {
  const role_columns c = columns_of(in.net, rows);
  std::vector<cell> cells;
  for (const auto& list : c.main)
    cells.push_back({names_cell(in, list.size(), [&](std::size_t i) { return org_html(in.net, list[i]); }),
                     std::to_string(list.size())});
  cells.push_back({names_cell(in, c.other.size(),
                              [&](std::size_t i) {
                                const auto& def = in.net.vocabulary()[c.other[i].second];
                                return badge(std::string(to_string(def.letter)), in.w.role(def)) +
                                       org_html(in.net, c.other[i].first);
                              }),
                   std::to_string(c.other.size())});
  return cells;
}

/// How much work an entity carries, cheaply (one pass, no query per entity): a program's
/// roles in scope; a document's programs and tasks in scope that implement it directly.
std::vector<std::pair<std::size_t, index>> ranked(const input& in, const scope_filter& filter, entity_kind kind) {
  std::vector<std::size_t> score(in.net.size(kind), 0);
  if (kind == entity_kind::program) {
    for (const auto p : in.net.programs())
      for (const auto r : p.roles()) score[p.position()] += filter.role(r.position());
  } else {
    for (const auto p : in.net.programs())
      if (filter.program(p.position()))
        for (const index d : p.implements()) ++score[d];
    for (const auto t : in.net.tasks())
      if (filter.task(t.position()))
        for (const index d : t.implements()) ++score[d];
  }
  std::vector<std::pair<std::size_t, index>> out;
  for (index i = 0; i < score.size(); ++i)
    if (kind == entity_kind::program ? filter.program(i) && score[i] > 0 : filter.document(i)) out.emplace_back(score[i], i);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  return out;
}

/// The table of one kind (program or document): the `top` entities with most work.
std::string by_entity(const input& in, entity_kind kind, std::string_view heading, std::string_view what) {
  const scope s = in.query_scope();
  const scope_filter filter(in.net, s);
  const bool programs = kind == entity_kind::program;
  const auto order = ranked(in, filter, kind);
  table t;
  t.headings = role_headings(in, programs ? "program" : "document");
  std::size_t tried = 0;
  for (; tried < order.size() && t.rows.size() < in.top && tried < 4 * in.top; ++tried) {
    const index i = order[tried].second;
    const auto rows = roles_of(in.net, kind, i, s, !programs);
    if (rows.empty()) continue;
    std::vector<cell> row{{"<span title=\"" + escape(in.net.id_of(kind, i)) + "\">" + escape(name_of(in.net, kind, i)) + "</span>", {}}};
    for (auto& c : role_cells(in, rows)) row.push_back(std::move(c));
    t.rows.push_back(std::move(row));
  }
  std::size_t rest = 0;  // entities not shown that carry work
  for (std::size_t k = tried; k < order.size(); ++k) rest += order[k].first > 0;
  t.note = in.w.more(rest, what);
  return "<h3>" + escape(in.w(heading)) + "</h3>\n" + t.html(in.w("filter"));
}

std::string chain_html(const input& in, const std::vector<chain_step>& chain) {
  std::string out;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto& step = chain[i];
    const std::string letter = step.link == chain_link::responsible ? "R" : step.link == chain_link::accountable ? "A" : "↑";
    out += (i ? " → " : "") + badge(step.link == chain_link::parent ? "I" : letter, letter) + org_html(in.net, step.org);
  }
  return out;
}

std::string chains(const input& in) {
  const scope s = in.query_scope();
  const scope_filter filter(in.net, s);
  table t;
  t.headings = {std::string(in.w("task")), std::string(in.w("program")), std::string(in.w("chain"))};
  std::size_t more = 0;
  for (const auto task : in.net.tasks()) {
    if (!filter.task(task.position())) continue;
    if (t.rows.size() == in.top) {
      ++more;
      continue;
    }
    const auto program = task.program();
    t.rows.push_back({{"<span title=\"" + escape(task.id()) + "\">" + escape(task.name()) + "</span>", {}},
                      text_cell(program ? program->name() : in.w("none")),
                      {chain_html(in, accountability_chain(in.net, task.position(), s)), {}}});
  }
  t.note = in.w.more(more, "tasks");
  return "<h3>" + escape(in.w("chains_heading")) + "</h3>\n" + t.html(in.w("filter"));
}

}  // namespace

std::string responsibility_section(const input& in) {
  return section(in, "responsibility",
                 by_entity(in, entity_kind::program, "programs_heading", "programs") +
                     by_entity(in, entity_kind::document, "documents_heading", "documents") + chains(in));
}

}  // namespace danvan::cli::report
