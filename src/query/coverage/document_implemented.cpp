// Rule document-implemented: every document that applies has an implementing task or
// program (in time, with `within_days`). Findings: entity = the document; detail 0 none,
// 1 late (a = the first implementing program), 2 late (a = the first implementing task).
#include "engine.hpp"
#include "detail/network_access.hpp"

#include <algorithm>
#include <climits>
#include <span>

namespace danvan::detail::coverage {

namespace {

/// The first day an item's dates start, INT32_MIN when it has none (nothing says it is late).
std::int32_t start_day(const period& p, date due) {
  if (!p.start.empty()) return p.start.first_day();
  if (!due.empty()) return due.first_day();
  if (!p.end.empty()) return p.end.first_day();
  return INT32_MIN;
}

/// The earliest start of an implementer of each document (INT32_MAX: none) and which
/// item it is: (1, program) or (2, task).
struct implementers {
  std::vector<std::int32_t> best;
  std::vector<std::pair<std::uint8_t, index>> first_by;

  implementers(const rule_run& run, bool timed) {
    const auto& d = detail::data_of(run.net());
    const auto task_kinds = word_mask<task_kind>(run.params().value<std::vector<std::string>>("task_kinds", {}));
    best.assign(d.documents.size(), INT32_MAX);
    first_by.assign(d.documents.size(), {0, no_index});
    // Without a deadline only "is there an implementer" matters: every day counts as the same.
    auto day_of = [&](const period& p, date due) { return timed ? start_day(p, due) : 0; };
    for (index p = 0; p < d.programs.size(); ++p)
      if (d.programs[p].implements.length && run.program_in(p))
        offer(d.list(d.programs[p].implements), day_of(d.programs[p].period, {}), 1, p);
    for (index t = 0; t < d.tasks.size(); ++t) {
      const auto& rec = d.tasks[t];
      if (rec.implements_end != 0 && run.task_in(t) && static_cast<task_status>(rec.status) != task_status::cancelled &&
          task_kinds[rec.kind])
        offer(d.list(rec.implements()), day_of(rec.period, rec.due), 2, t);
    }
    if (run.params().value<bool>("transitive", true)) lift(d);
  }

  void offer(std::span<const index> docs, std::int32_t day, std::uint8_t kind, index item) {
    for (index doc : docs)
      if (day < best[doc]) {
        best[doc] = day;
        first_by[doc] = {kind, item};
      }
  }

  /// A document that implements or continues another passes its implementers up.
  void lift(const network_data& d) {
    for (bool changed = true; changed;) {
      changed = false;
      for (index x = 0; x < d.documents.size(); ++x) {
        if (best[x] == INT32_MAX) continue;
        auto up = [&](std::span<const index> ups) {
          for (index u : ups)
            if (best[x] < best[u]) {
              best[u] = best[x];
              first_by[u] = first_by[x];
              changed = true;
            }
        };
        up(d.list(d.documents[x].implements));
        up(d.list(d.documents[x].continues));
      }
    }
  }
};

/// Areas a document may have to apply: one of `areas`, inside one, or containing one
/// (empty when `areas` is).
std::vector<bool> areas_kept(const network& net, const std::vector<std::string>& areas) {
  const auto& d = detail::data_of(net);
  std::vector<bool> keep;
  if (areas.empty()) return keep;
  keep.assign(d.areas.size(), false);
  for (const auto& id : areas) {
    const index a = net.at(entity_kind::area, id);
    for (index x = a; x != no_index; x = d.areas[x].parent) keep[x] = true;
    for (index x = 0; x < d.areas.size(); ++x)
      for (index y = d.areas[x].parent; y != no_index; y = d.areas[y].parent)
        if (y == a) keep[x] = true;
  }
  return keep;
}

void find_unimplemented(rule_run& run) {
  const auto& d = detail::data_of(run.net());
  const auto& on = run.ctx().on;
  const auto within = run.params().get<std::int64_t>("within_days");
  const auto types = run.params().value<std::vector<std::string>>("types", {});
  const auto areas = run.params().value<std::vector<std::string>>("areas", {});
  const implementers found(run, within.has_value());
  const auto area_keep = areas_kept(run.net(), areas);
  for (index x = 0; x < d.documents.size(); ++x) {
    const auto& rec = d.documents[x];
    if (!run.document_in(x)) continue;
    if (on && !rec.date.empty() && surely_after(rec.date, *on)) continue;  // not issued yet
    if (!types.empty() && std::find(types.begin(), types.end(), d.str(rec.type)) == types.end()) continue;
    const auto doc_areas = d.list(rec.areas);
    if (!areas.empty() && !doc_areas.empty() &&
        std::none_of(doc_areas.begin(), doc_areas.end(), [&](index a) { return area_keep[a]; }))
      continue;
    const bool timed = within && !rec.date.empty();
    const std::int32_t deadline = timed ? rec.date.last_day() + static_cast<std::int32_t>(*within) : INT32_MAX;
    if (found.best[x] == INT32_MAX) {
      if (timed && on && on->first_day() <= deadline) continue;  // there is still time
      run.emit(entity_kind::document, x);
    } else if (timed && found.best[x] > deadline) {
      run.emit(entity_kind::document, x, found.first_by[x].second, found.first_by[x].first);
    }
  }
}

void describe_unimplemented(rule_run& run, const finding& f, violation& v) {
  const auto& net = run.net();
  const document_view doc(net, f.entity);
  const auto within = run.params().get<std::int64_t>("within_days");
  v.evidence.emplace_back(doc.id());
  if (f.detail == 0) {
    const bool timed = within && !doc.date().empty();
    v.message = "document " + named(doc) + " has no implementing task or program" +
                (timed ? " within " + std::to_string(*within) + " days of its date " + doc.date().to_string() : "");
    return;
  }
  const auto first = std::string(net.id_of(f.detail == 1 ? entity_kind::program : entity_kind::task, f.a));
  v.evidence.push_back(first);
  v.message = "document " + named(doc) + " of " + doc.date().to_string() + " was first implemented by " +
              ticked(first) + ", which starts more than " + std::to_string(within.value_or(0)) + " days after it";
}

}  // namespace

rule_family document_rules() {
  rule_definition def{
      "document-implemented", severity::warning, entity_kind::document, false,
      "every document that applies has an implementing task or program",
      {param("within_days", param_type::integer, "",
             "the first implementing item must start within this many days of the document's date"),
       param("types", param_type::string_list, "[]", "document types checked (empty: all)"),
       param("areas", param_type::string_list, "[]",
             "check only documents without areas or with an area that is one of these, inside one or contains one"),
       param("transitive", param_type::boolean, "true",
             "an item implementing a document that implements or continues this one counts"),
       param("task_kinds", param_type::string_list, "[]", "task kinds that count as implementing (empty: all)",
             words<task_kind>())}};
  return {{std::move(def), find_unimplemented, describe_unimplemented, {{"areas", reference::area}}}};
}

}  // namespace danvan::detail::coverage
