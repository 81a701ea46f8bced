// Rule review-overdue: review obligations (sơ kết, tổng kết) due by the check's day have
// a review task. Findings: entity = the document; a = the obligation among the document's,
// step = the occurrence of a recurring one.
#include "engine.hpp"
#include "detail/network_access.hpp"

#include <algorithm>
#include <climits>

namespace danvan::detail::coverage {

namespace {

using review_lists = std::vector<std::vector<index>>;

/// The review tasks in scope of each document (built once per run).
const review_lists& review_tasks(rule_run& run) {
  return run.memo<review_lists>([&] {
    const bool require_done = run.params().value<bool>("require_done", false);
    const auto& d = detail::data_of(run.net());
    review_lists reviews(d.documents.size());
    for (index t = 0; t < d.tasks.size(); ++t) {
      const auto& rec = d.tasks[t];
      const auto status = static_cast<task_status>(rec.status);
      if (static_cast<task_kind>(rec.kind) != task_kind::review || !run.task_in(t) || status == task_status::cancelled)
        continue;
      if (require_done && status != task_status::done) continue;
      for (index doc : d.list(rec.implements())) reviews[doc].push_back(t);
    }
    return reviews;
  });
}

std::int32_t year_start(int y) { return y < 1 ? date(1).first_day() : date(y).first_day(); }

/// Does one of `tasks` fall in the days [from, to]? An undated task may.
bool any_in(const network_data& d, const std::vector<index>& tasks, std::int32_t from, std::int32_t to) {
  return std::any_of(tasks.begin(), tasks.end(), [&](index t) {
    const auto& task = d.tasks[t];
    std::int32_t lo = INT32_MIN, hi = INT32_MAX;
    if (!task.period.empty()) {
      lo = task.period.start.empty() ? INT32_MIN : task.period.start.first_day();
      hi = task.period.end.empty() ? INT32_MAX : task.period.end.last_day();
    } else if (!task.due.empty()) {
      lo = task.due.first_day();
      hi = task.due.last_day();
    }  // undated: nothing says it is outside the window
    return lo <= to && hi >= from;
  });
}

void find_overdue(rule_run& run) {
  if (!run.ctx().on) return;
  const date on = *run.ctx().on;
  const auto kinds = run.params().value<std::vector<std::string>>("kinds", {});
  const auto early = static_cast<int>(run.params().value<std::int64_t>("early_years", 1));
  const auto grace = static_cast<std::int32_t>(run.params().value<std::int64_t>("grace_days", 0));
  const auto& d = detail::data_of(run.net());
  const auto& reviews = review_tasks(run);
  for (index x = 0; x < d.documents.size(); ++x) {
    const auto& rec = d.documents[x];
    if (rec.reviews.length == 0 || rec.date.empty() || !run.document_in(x)) continue;
    for (std::uint32_t o = 0; o < rec.reviews.length; ++o) {
      const auto& ob = d.reviews[rec.reviews.offset + o];
      if (ob.years == 0) continue;
      const auto kind_word = std::string(to_string(static_cast<review_kind>(ob.kind)));
      if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), kind_word) == kinds.end()) continue;
      for (int k = 1; k < 10000; ++k) {
        if (rec.date.year() + k * ob.years > 9999) break;
        const date due = rec.date.plus_years(k * ob.years);
        if (!(due.last_day() + grace < on.first_day())) break;  // not yet overdue
        const std::int32_t from = year_start(due.year() - early);
        std::int32_t to = INT32_MAX;
        if (ob.recurring && due.year() + ob.years <= 9999) to = year_start(due.year() + ob.years - early) - 1;
        if (!any_in(d, reviews[x], from, to)) run.emit(entity_kind::document, x, o, 0, static_cast<std::uint16_t>(k));
        if (!ob.recurring) break;
      }
    }
  }
}

void describe_overdue(rule_run& run, const finding& f, violation& v) {
  const auto& net = run.net();
  const document_view doc(net, f.entity);
  const auto& d = detail::data_of(net);
  const auto& ob = d.reviews[d.documents[f.entity].reviews.offset + f.a];
  const int k = f.step;
  const int years = k * ob.years;
  const auto early = static_cast<int>(run.params().value<std::int64_t>("early_years", 1));
  const date due = doc.date().plus_years(years);
  const auto& on = run.ctx().on;
  v.evidence.emplace_back(doc.id());
  for (index t : review_tasks(run)[f.entity]) v.evidence.emplace_back(net.id_of(entity_kind::task, t));
  const char* word = ob.kind == static_cast<std::uint8_t>(review_kind::preliminary) ? "preliminary review (sơ kết)"
                                                                                     : "final review (tổng kết)";
  v.message = std::string("the ") + word + (ob.recurring ? " no. " + std::to_string(k) : "") + " of " + named(doc) +
              " was due " + due.to_string() + " (" + std::to_string(years) + " years after " + doc.date().to_string() +
              "); no review task of it falls in " + std::to_string(due.year() - early) +
              (ob.recurring ? "–" + std::to_string(due.year() + ob.years - early - 1) : " or later") +
              (on ? " (as of " + on->to_string() + ")" : "");
  if (v.evidence.size() > 1) v.message += "; its review tasks: " + joined({v.evidence.begin() + 1, v.evidence.end()});
}

}  // namespace

rule_family review_rules() {
  rule_definition def{
      "review-overdue", severity::error, entity_kind::document, true,
      "review obligations (sơ kết, tổng kết) due by the date have a review task",
      {param("kinds", param_type::string_list, "[]", "obligation kinds checked (empty: both)", {"preliminary", "final"}),
       param("early_years", param_type::integer, "1",
             "a review counts from the start of this many years before the due year"),
       param("grace_days", param_type::integer, "0", "days after the due date before it is overdue"),
       param("require_done", param_type::boolean, "false", "only review tasks with status done count")}};
  return {{std::move(def), find_overdue, describe_overdue}};
}

}  // namespace danvan::detail::coverage
