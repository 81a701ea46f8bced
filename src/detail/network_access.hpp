// The library's own way into a network's compact arrays and lazily built indexes:
// the public class keeps them private, so that only the queries in src/ (which know
// the records' invariants) read them.
#pragma once

#include <danvan/network.hpp>

namespace danvan::detail {

struct lazy_indexes;

struct network_access {
  static const network_data& data(const network& net) noexcept { return net.data(); }
  static lazy_indexes& lazy(const network& net) noexcept { return net.lazy(); }
};

/// The compact arrays of `net`.
inline const network_data& data_of(const network& net) noexcept { return network_access::data(net); }

}  // namespace danvan::detail
