// danvan — finding entities by name, the Vietnamese way.
#pragma once

#include <danvan/fwd.hpp>
#include <danvan/network.hpp>

#include <cstddef>
#include <span>
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

/// Short labels of entities for charts and tables, one per position of `positions`
/// (entities of `kind`), in that order: an entity's shortest alias ("UBND tỉnh", "MTTQ")
/// when it is shorter than its name, else its name; with `max_width` (code points; 0: no
/// limit), a longer label loses words from its middle, the first and last kept
/// ("Trung tâm Bồi … huyện Thanh Miện"). Never two alike: a label several share becomes
/// each one's name (shortened the same way, then whole), and one still shared gets its
/// id after it. Deterministic: depends on the network and the arguments only.
[[nodiscard]] std::vector<std::string> short_labels(const network& net, std::span<const index> positions,
                                                    std::size_t max_width = 0,
                                                    entity_kind kind = entity_kind::organization);

}  // namespace danvan
