// The organization × item incidence of a network within a scope, as two CSR
// arrays (item → organizations and organization → items), each organization
// counted once per item however many roles it holds there. Shared by the
// overlap, duplicate and metric queries (src/query/*.cpp).
#pragma once

#include <danvan/fwd.hpp>
#include <danvan/network.hpp>
#include <danvan/query/scope.hpp>

#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <span>
#include <string>
#include <vector>

namespace danvan::detail {

/// std::allocator whose resize() leaves new elements of trivial types uninitialized
/// (the incidence arrays are written in full right after they are sized).
template <class T> struct uninitialized_allocator : std::allocator<T> {
  template <class U> struct rebind {
    using other = uninitialized_allocator<U>;
  };
  uninitialized_allocator() = default;
  template <class U> uninitialized_allocator(const uninitialized_allocator<U>&) noexcept {}
  template <class U> void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args> void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using index_array = std::vector<index, uninitialized_allocator<index>>;

struct incidence {
  std::size_t orgs = 0, items = 0;
  std::vector<std::uint32_t> item_begin;  // items + 1
  index_array item_orgs;                  // ascending within an item (unless item_order::any)
  std::vector<std::uint32_t> org_begin;   // orgs + 1
  index_array org_items;                  // ascending within an organization

  [[nodiscard]] std::span<const index> orgs_of(index item) const noexcept {
    return {item_orgs.data() + item_begin[item], item_begin[item + 1] - item_begin[item]};
  }
  [[nodiscard]] std::span<const index> items_of(index org) const noexcept {
    return {org_items.data() + org_begin[org], org_begin[org + 1] - org_begin[org]};
  }
  [[nodiscard]] std::uint32_t degree_of_item(index item) const noexcept {
    return item_begin[item + 1] - item_begin[item];
  }
};

/// One flag per role of the vocabulary: the roles named. Empty names → empty mask
/// (any role). Throws argument_error naming `what` for an unknown role.
std::vector<bool> role_mask(const network& net, const std::vector<std::string>& names, const char* what);

/// How the organizations of each item are listed.
enum class item_order : std::uint8_t {
  ascending,  ///< by position
  any,        ///< as found (saves a pass when only the sets matter)
};

/// The incidence on tasks or programs of the roles in scope whose role is in `mask`
/// (empty: any), in both directions. Linear in the roles: one pass over them, then
/// counting-sort transpositions (no comparison sort).
incidence build_incidence(const scope_filter& filter, entity_kind on, const std::vector<bool>& mask,
                          item_order order = item_order::ascending);

/// Writes into `out` (parallel to inc.item_orgs) each item's organizations listed in the
/// order `org_at` (rank → organization), as ranks when `as_ranks`, else as positions.
void list_items_in_order(const incidence& inc, const std::vector<index>& org_at, bool as_ranks, index* out);

/// Worker threads for `requested` (0: every core), at least 1 and at most `work_units`.
unsigned worker_count(unsigned requested, std::size_t work_units);

}  // namespace danvan::detail
