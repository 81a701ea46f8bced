// Indexes a network builds on first use. They hang off the network through a
// shared_ptr so that the network stays movable and copies share them; each is
// built once under std::call_once, so const queries stay thread-safe.
#pragma once

#include <danvan/text/search.hpp>

#include <array>
#include <mutex>

namespace danvan::detail {

struct lazy_indexes {
  std::array<std::once_flag, 8> name_once;
  std::array<text::fuzzy_index, 8> names;  // one per entity_kind
};

}  // namespace danvan::detail
