// danvan report — short labels of organizations for charts: the shortest alias
// ("UBND tỉnh", "MTTQ") when there is one, else the name; never two alike.
#pragma once

#include <danvan/network.hpp>

#include <span>
#include <string>
#include <vector>

namespace danvan::cli::report {

/// One label per organization of `orgs` (positions in `net`), in that order. A label
/// shared by several of them is replaced by each one's name; names still shared get
/// the id after them. Deterministic: depends on the network and `orgs` only.
[[nodiscard]] std::vector<std::string> short_labels(const network& net, std::span<const index> orgs);

}  // namespace danvan::cli::report
