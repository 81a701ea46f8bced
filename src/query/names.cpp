#include "detail/lazy_indexes.hpp"
#include "detail/network_access.hpp"
#include <danvan/query/names.hpp>

#include <type_traits>

namespace danvan {

namespace {

template <class View> std::vector<text::fuzzy_entry> names_of(view_range<View> all) {
  std::vector<text::fuzzy_entry> entries;
  entries.reserve(all.size());
  for (auto v : all) {
    entries.push_back({std::string(v.name()), v.position()});
    if (!v.name_en().empty()) entries.push_back({std::string(v.name_en()), v.position()});
    for (auto a : v.aliases()) entries.push_back({std::string(a), v.position()});
    if constexpr (std::is_same_v<View, organization_view>)
      for (const auto& n : v.names()) entries.push_back({std::string(n.name), v.position()});  // former names find it too
  }
  return entries;
}

std::vector<text::fuzzy_entry> names_of(const network& net, entity_kind kind) {
  switch (kind) {
    case entity_kind::area: return names_of(net.areas());
    case entity_kind::topic: return names_of(net.topics());
    case entity_kind::organization: return names_of(net.organizations());
    case entity_kind::document: return names_of(net.documents());
    case entity_kind::program: return names_of(net.programs());
    case entity_kind::task: return names_of(net.tasks());
    case entity_kind::event: return names_of(net.events());
    case entity_kind::source: return names_of(net.sources());
  }
  return {};
}

}  // namespace

std::vector<name_match> find_by_name(const network& net, std::string_view query, entity_kind kind, std::size_t limit) {
  auto& lazy = detail::network_access::lazy(net);
  const auto k = static_cast<std::size_t>(kind);
  std::call_once(lazy.name_once[k], [&] { lazy.names[k] = text::fuzzy_index(names_of(net, kind)); });
  std::vector<name_match> out;
  for (auto& m : lazy.names[k].find(query, limit)) {
    constexpr std::string_view how[] = {"exact", "prefix", "tokens", "edit"};
    out.push_back({kind, static_cast<index>(m.item), m.score, std::move(m.name), std::string(how[static_cast<int>(m.kind)])});
  }
  return out;
}

}  // namespace danvan
