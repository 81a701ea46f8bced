// Indexes a network builds on first use. They hang off the network through a
// shared_ptr so that the network stays movable and copies share them; each is
// built once under std::call_once, so const queries stay thread-safe.
#pragma once

#include <danvan/text/search.hpp>

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>

#include <array>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace danvan::detail {

struct overlap_layout;  // src/query/overlap/kernel.hpp

struct lazy_indexes {
  std::array<std::once_flag, 8> name_once;
  std::array<text::fuzzy_index, 8> names;  // one per entity_kind
  // Networks as of a day, built by network::as_of(); kept for the network's lifetime,
  // since query results refer to them by position.
  std::mutex as_of_mutex;
  std::vector<std::pair<date, std::shared_ptr<const danvan::network>>> as_of;
  // The whole network's organization × item incidence packed for the projection
  // kernel, one per item kind and role filter asked for (a few at most).
  std::mutex overlap_mutex;
  std::vector<std::shared_ptr<const overlap_layout>> overlap_layouts;
  std::vector<std::pair<entity_kind, std::vector<bool>>> overlap_asked;  // once each, not yet built
};

}  // namespace danvan::detail
