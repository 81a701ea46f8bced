// role_table() and orphan_table(): the roles of a network, and those nobody holds in a
// network as of a day.
#include "detail/network_access.hpp"
#include <danvan/tables.hpp>

#include <algorithm>
#include <vector>

#include "fill.hpp"

namespace danvan {

namespace {

/// The entry of `list` (sorted by role) for role `i`, or null. Rows are asked for in
/// order, so `cursor` only moves forward.
template <class Record> const Record* sparse(const std::vector<Record>& list, std::size_t i, std::size_t& cursor) {
  while (cursor < list.size() && list[cursor].role < i) ++cursor;
  return cursor < list.size() && list[cursor].role == i ? &list[cursor] : nullptr;
}

}  // namespace

table role_table(const network& net) {
  const detail::network_data& d = detail::data_of(net);
  const std::size_t n = d.roles.size();
  column org("org", column_kind::reference, entity_kind::organization);
  column target_kind = column::codes_of<entity_kind>("target_kind", "entity_kind");
  column target("target", column_kind::integer);
  column role("role", column_kind::integer);
  column letter = column::codes_of<raci>("raci", "raci");
  column cls = column::codes_of<classification>("classification", "classification");
  column own_cls = column::codes_of<classification>("own_classification", "classification");
  column source("source", column_kind::reference, entity_kind::source);
  column begin("span_begin", column_kind::integer);
  column end("span_end", column_kind::integer);
  column evidence("evidence", column_kind::integer);
  for (auto* c : {&org, &source}) c->positions.reserve(n);
  for (auto* c : {&target_kind, &letter, &cls, &own_cls}) c->codes.reserve(n);
  for (auto* c : {&target, &role, &begin, &end, &evidence}) c->integers.reserve(n);

  const auto& vocab = net.vocabulary();
  std::vector<std::uint8_t> letters(vocab.size());
  for (std::size_t i = 0; i < vocab.size(); ++i) letters[i] = static_cast<std::uint8_t>(vocab[static_cast<role_index>(i)].letter);
  auto side = d.role_sides.begin();
  auto rare = d.task_rares.begin();
  const auto targets = d.role_targets();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = d.roles[i];
    org.positions.push_back(r.org);
    const entity_kind tk = targets.kind(static_cast<index>(i));
    const index tp = targets.target(static_cast<index>(i));
    target_kind.codes.push_back(static_cast<std::uint8_t>(tk));
    target.integers.push_back(tp);
    role.integers.push_back(r.role);
    letter.codes.push_back(letters[r.role]);
    const std::uint8_t own = tables::classification_of(net, r.classification);
    own_cls.codes.push_back(own);
    // A role is as classified as the highest of itself and what it joins.
    std::uint8_t target_cls = detail::inherit_classification;
    if (tk == entity_kind::program) {
      target_cls = d.programs[tp].classification;
    } else {  // the tasks' roles come in task order, as do the tasks' rare fields
      while (rare != d.task_rares.end() && rare->task < tp) ++rare;
      if (rare != d.task_rares.end() && rare->task == tp) target_cls = rare->classification;
    }
    cls.codes.push_back(std::max({own, tables::classification_of(net, d.organizations[r.org].classification),
                                  tables::classification_of(net, target_cls)}));
    while (side != d.role_sides.end() && side->first < i) ++side;
    const bool has_side = side != d.role_sides.end() && side->first == i;
    const auto* s = has_side ? &d.sides[side->second] : nullptr;
    const auto* first = s && s->sources.length > 0 ? &d.evidence[s->sources.offset] : nullptr;
    evidence.integers.push_back(s ? s->sources.length : 0);
    source.positions.push_back(first ? first->source : no_index);
    begin.integers.push_back(first ? tables::offset_or_none(first->begin) : -1);
    end.integers.push_back(first ? tables::offset_or_none(first->end) : -1);
  }
  table t;
  for (auto* c : {&org, &target_kind, &target, &role, &letter, &cls, &own_cls, &source, &begin, &end, &evidence})
    t.add(std::move(*c));
  // Few roles have dates or an origin: looked up in their sparse lists, in role order.
  std::size_t from_cursor = 0, to_cursor = 0, org_cursor = 0, event_cursor = 0;
  t.add(tables::fill(column("valid_from", column_kind::date), n, [&](std::size_t i) {
    const auto* p = sparse(d.role_periods, i, from_cursor);
    return p ? p->valid_from : date{};
  }));
  t.add(tables::fill(column("valid_to", column_kind::date), n, [&](std::size_t i) {
    const auto* p = sparse(d.role_periods, i, to_cursor);
    return p ? p->valid_to : date{};
  }));
  column carried_from("carried_from", column_kind::text), carried_event("carried_event", column_kind::text);
  carried_from.empty_is_none = carried_event.empty_is_none = true;
  t.add(tables::fill(std::move(carried_from), n, [&](std::size_t i) {
    const auto* o = sparse(d.role_origins, i, org_cursor);
    return o ? d.str(o->org) : std::string_view{};
  }));
  t.add(tables::fill(std::move(carried_event), n, [&](std::size_t i) {
    const auto* o = sparse(d.role_origins, i, event_cursor);
    return o ? d.str(o->event) : std::string_view{};
  }));
  return t;
}

table orphan_table(const network& net) {
  const detail::network_data& d = detail::data_of(net);
  const auto& o = d.orphans;
  const std::size_t n = o.size();
  table t;
  t.add(tables::fill(column::codes_of<entity_kind>("target_kind", "entity_kind"), n,
                     [&](std::size_t i) { return static_cast<std::uint8_t>(o[i].target_kind); }));
  t.add(tables::fill(column("target", column_kind::text), n,
                     [&](std::size_t i) { return net.id_of(o[i].target_kind, o[i].target); }));
  t.add(tables::fill(column("role", column_kind::text), n,
                     [&](std::size_t i) { return std::string_view(net.vocabulary()[o[i].role].name); }));
  t.add(tables::fill(column("org", column_kind::text), n, [&](std::size_t i) { return d.str(o[i].org); }));
  column event("event", column_kind::text);
  event.empty_is_none = true;
  t.add(tables::fill(std::move(event), n, [&](std::size_t i) { return d.str(o[i].event); }));
  t.add(tables::fill(column("date", column_kind::date), n, [&](std::size_t i) { return o[i].date; }));
  return t;
}

}  // namespace danvan
