// The pieces of the projection kernel that need no template (kernel.hpp).
#include "kernel.hpp"
#include "detail/lazy_indexes.hpp"

#include <algorithm>
#include "detail/network_access.hpp"

#include <danvan/query/argument_error.hpp>

#include <cmath>
#include <string>

namespace danvan::detail::kernel {

void check_threshold(double min_weight) {
  if (std::isnan(min_weight) || min_weight < 0)
    throw argument_error("min_weight: " + std::to_string(min_weight) +
                         " is not allowed; a threshold is a weight of zero or more (0 keeps every pair that "
                         "shares something)");
}

entity_kind item_kind(projection_on on) { return on == projection_on::tasks ? entity_kind::task : entity_kind::program; }

void release_lists(incidence& inc) {
  index_array().swap(inc.item_orgs);
  index_array().swap(inc.org_items);
}

sides::sides(const network& net, const scope& s, const projection_options& o, bool newman, item_order order)
    : filter(net, s) {
  const auto lmask = role_mask(net, o.left_roles, "left roles");
  const auto rmask = role_mask(net, o.right_roles, "right roles");
  symmetric = lmask == rmask;
  const auto kind = item_kind(o.on);
  left = build_incidence(filter, kind, lmask, order);
  if (!symmetric) right_own = build_incidence(filter, kind, rmask, order);
  right = symmetric ? &left : &right_own;
  if (newman) {
    item_weight.assign(left.items, 0.0);
    std::vector<index> stamp(symmetric ? 0 : left.orgs, no_index);
    for (index t = 0; t < left.items; ++t) {
      std::size_t deg = left.degree_of_item(t);
      if (!symmetric) {  // |L_t ∪ R_t|
        for (index a : left.orgs_of(t)) stamp[a] = t;
        for (index b : right->orgs_of(t)) deg += stamp[b] != t;
      }
      item_weight[t] = deg >= 2 ? 1.0 / static_cast<double>(deg - 1) : 0.0;
    }
  }
}

std::vector<std::uint64_t> row_work_prefix(const sides& sd) {
  const incidence& L = sd.left;
  const incidence& R = *sd.right;
  std::vector<std::uint64_t> prefix(L.orgs + 1, 0);
  for (index a = 0; a < L.orgs; ++a) {
    std::uint64_t w = 4;  // the row's fixed cost
    for (std::uint32_t i = L.org_begin[a]; i < L.org_begin[a + 1]; ++i) w += R.degree_of_item(L.org_items[i]);
    prefix[a + 1] = prefix[a] + w;
  }
  return prefix;
}

std::vector<index> split_rows(const std::vector<std::uint64_t>& prefix, unsigned parts) {
  const std::size_t n = prefix.size() - 1;
  std::vector<index> cut(parts + 1, 0);
  cut[parts] = static_cast<index>(n);
  for (unsigned p = 1; p < parts; ++p) {
    const std::uint64_t target = prefix[n] * p / parts;
    cut[p] = static_cast<index>(std::lower_bound(prefix.begin(), prefix.end(), target) - prefix.begin());
    cut[p] = std::clamp(cut[p], cut[p - 1], static_cast<index>(n));
  }
  return cut;
}

/// Threads for `work` units over `units` rows: as asked, or (0) every core unless the
/// work is too small to pay for starting threads.
unsigned parts_for(unsigned requested, std::uint64_t work, std::uint64_t threshold, std::size_t units) {
  if (requested == 0 && work < threshold) return 1;
  return worker_count(requested, units);
}

bool whole_network(const network& net, const scope& s) {
  if (s.as_of && !(net.meta().as_of == *s.as_of)) return false;  // scope_filter says why
  scope rest = s;
  rest.as_of.reset();
  return rest == scope{};
}

std::shared_ptr<const overlap_layout> cached_layout(const network& net, entity_kind kind,
                                                    const std::vector<bool>& mask) {
  // Each layout holds about 8 bytes per (organization, item) pair: a few are kept, so
  // that a caller cycling through role filters does not grow the network without end.
  constexpr std::size_t most_kept = 4;
  auto& lazy = network_access::lazy(net);
  auto find = [&]() -> std::shared_ptr<const overlap_layout> {
    for (const auto& l : lazy.overlap_layouts)
      if (l->kind == kind && l->mask == mask) return l;
    return nullptr;
  };
  {
    std::lock_guard lock(lazy.overlap_mutex);
    if (auto l = find()) return l;
    const std::pair<entity_kind, std::vector<bool>> key{kind, mask};
    if (std::find(lazy.overlap_asked.begin(), lazy.overlap_asked.end(), key) == lazy.overlap_asked.end()) {
      if (lazy.overlap_asked.size() < 4 * most_kept) lazy.overlap_asked.push_back(key);
      return nullptr;
    }
  }
  // Built outside the lock so that queries on other layouts are not held up; a racing
  // thread may build the same layout too, and the first one stored wins.
  const auto built =
      std::make_shared<const overlap_layout>(kind, mask, build_incidence(scope_filter(net, scope{}), kind, mask, item_order::any));
  std::lock_guard lock(lazy.overlap_mutex);
  if (auto l = find()) return l;
  if (lazy.overlap_layouts.size() < most_kept) lazy.overlap_layouts.push_back(built);
  return built;
}

}  // namespace danvan::detail::kernel
