// danvan — finding entities by name, the Vietnamese way.
#pragma once

#include <danvan/fwd.hpp>
#include <danvan/network.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

/// One entity found by name.
struct name_match {
  entity_kind kind = entity_kind::organization;  ///< the entity's kind
  index position = no_index;  ///< position of the entity among its kind
  double score = 0;          ///< in [0, 1]; 1 for the same search key
  std::string matched_name;  ///< the name or alias that matched
  std::string how;           ///< `exact`, `prefix`, `tokens` or `edit`
};

/// Entities of `kind` whose name, English name or an alias matches `query`,
/// best first: case-, accent- and tone-placement-insensitive (`tinh uy hai duong`
/// finds `Tỉnh ủy Hải Dương`), then by prefix, shared words, and edit distance
/// (danvan::text::fuzzy_index). The index of a kind is built on first use and
/// kept with the network; safe to call from many threads.
[[nodiscard]] std::vector<name_match> find_by_name(const network& net, std::string_view query,
                                                   entity_kind kind = entity_kind::organization,
                                                   std::size_t limit = 10);

}  // namespace danvan
