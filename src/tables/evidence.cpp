// evidence_table(): every evidence entry of a network, of entities and of roles.
#include "detail/network_access.hpp"
#include <danvan/tables.hpp>

#include <vector>

#include "fill.hpp"

namespace danvan {

table evidence_table(const network& net) {
  const detail::network_data& d = detail::data_of(net);
  // The holder's kind: an entity kind, or one past the last of them for a role.
  column holder_kind = column::codes_of<entity_kind>("holder_kind", "holder_kind");
  const auto role_code = static_cast<std::uint8_t>(holder_kind.words.size());
  holder_kind.words.emplace_back("role");
  column holder("holder", column_kind::integer);
  std::vector<const detail::evidence_record*> entries;
  auto add = [&](std::uint8_t kind, std::size_t pos, std::uint32_t side) {
    if (side == no_index) return;
    const auto& s = d.sides[side];
    for (std::uint32_t k = 0; k < s.sources.length; ++k) {
      holder_kind.codes.push_back(kind);
      holder.integers.push_back(static_cast<std::int64_t>(pos));
      entries.push_back(&d.evidence[s.sources.offset + k]);
    }
  };
  auto add_all = [&](entity_kind kind, const auto& recs) {
    for (std::size_t i = 0; i < recs.size(); ++i)
      add(static_cast<std::uint8_t>(kind), i, d.rare_of(recs[i], static_cast<index>(i)).side);
  };
  add_all(entity_kind::area, d.areas);
  add_all(entity_kind::topic, d.topics);
  add_all(entity_kind::organization, d.organizations);
  add_all(entity_kind::document, d.documents);
  add_all(entity_kind::program, d.programs);
  add_all(entity_kind::task, d.tasks);
  add_all(entity_kind::event, d.events);
  add_all(entity_kind::source, d.sources);
  for (const auto& [role, side] : d.role_sides) add(role_code, role, side);

  const std::size_t n = entries.size();
  table t;
  t.add(std::move(holder_kind));
  t.add(std::move(holder));
  t.add(tables::fill(column("source", column_kind::reference, entity_kind::source), n,
                     [&](std::size_t i) { return entries[i]->source; }));
  t.add(tables::fill(column("span_begin", column_kind::integer), n,
                     [&](std::size_t i) { return tables::offset_or_none(entries[i]->begin); }));
  t.add(tables::fill(column("span_end", column_kind::integer), n,
                     [&](std::size_t i) { return tables::offset_or_none(entries[i]->end); }));
  t.add(tables::fill(column("note", column_kind::text), n, [&](std::size_t i) { return d.str(entries[i]->note); }));
  return t;
}

}  // namespace danvan
