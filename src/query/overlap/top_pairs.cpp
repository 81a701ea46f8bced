// The k pairs of organizations that share most: top_pairs(), by the busiest
// organizations' item bitsets when that is cheap, else row by row with the projection's
// kernel (kernel.hpp).
#include "kernel.hpp"
#include "detail/network_access.hpp"
#include "../dated.hpp"

#include "detail/parallel.hpp"

#include <atomic>
#include <cmath>
#include <numeric>
#include <tuple>
#include <variant>

namespace danvan {

using namespace detail::kernel;

namespace {

/// Orders candidate pairs: larger weight first, then (a, b) ascending.
bool better(const organization_pair& x, const organization_pair& y) noexcept {
  if (x.weight != y.weight) return x.weight > y.weight;
  if (x.a != y.a) return x.a < y.a;
  return x.b < y.b;
}

/// Keeps `cand` among the k best pairs in `heap` (a heap with the worst kept pair on
/// top); false when it is not good enough to be kept.
bool keep_if_among_best(std::vector<organization_pair>& heap, std::size_t k, const organization_pair& cand) {
  const auto worse_on_top = [](const organization_pair& x, const organization_pair& y) { return better(x, y); };
  if (heap.size() < k) {
    heap.push_back(cand);
    std::push_heap(heap.begin(), heap.end(), worse_on_top);
  } else if (better(cand, heap.front())) {
    std::pop_heap(heap.begin(), heap.end(), worse_on_top);
    heap.back() = cand;
    std::push_heap(heap.begin(), heap.end(), worse_on_top);
  } else {
    return false;
  }
  return true;
}

/// A shared, monotone lower bound on the k-th best weight, read by every thread.
class shared_floor {
 public:
  explicit shared_floor(double start) : v_(start) {}
  double get() const noexcept { return v_.load(std::memory_order_relaxed); }
  void raise(double x) noexcept {
    double cur = v_.load(std::memory_order_relaxed);
    while (x > cur && !v_.compare_exchange_weak(cur, x, std::memory_order_relaxed)) {
    }
  }

 private:
  std::atomic<double> v_;
};

/// The k best pairs row by row with the projection's kernel, keeping a heap instead of
/// the rows. Rows are visited in `order` (threads take chunks of it in turn); row a
/// offers its pairs (a, b) for which keep(a, b) holds, ordered (smaller, larger) with
/// `mirror`. A row whose bound is under the k-th best weight found so far (by any
/// thread) is skipped; when the bounds descend along `order`, so is every row after it.
template <class Rows, class Keep>
std::vector<organization_pair> top_by_rows(std::size_t n, const Rows& rows, const std::uint32_t* row_begin,
                                           const weigher& weigh, const std::vector<index>& order,
                                           const std::vector<double>& bound, bool descending, bool mirror, Keep keep,
                                           std::size_t k, const projection_options& o) {
  const bool newman = o.weight == overlap_weight::newman;
  const unsigned parts = parts_for(o.threads, std::uint64_t{row_begin[n]} * 8, parallel_threshold, n);
  shared_floor kth(o.min_weight);
  std::vector<std::vector<organization_pair>> heaps(parts);
  constexpr std::size_t chunk = 16;
  detail::run_parallel(parts, [&](unsigned q) {
    auto& heap = heaps[q];
    heap.reserve(k + 1);
    accumulator acc(n, newman);
    std::vector<index> run_idx;  // a row written as runs (rows.runs), when the rows can
    std::vector<std::uint32_t> run_cnt;
    auto offer = [&](index a, index b, std::uint32_t c, double x) {
      if (!keep(a, b)) return;
      const double w = weigh(a, b, c, x);
      if (w < o.min_weight || (!heap.empty() && heap.size() == k && w < heap.front().weight)) return;  // most pairs
      organization_pair cand{a, b, c, w};
      if (mirror && b < a) std::swap(cand.a, cand.b);
      if (!keep_if_among_best(heap, k, cand)) return;
      if (heap.size() == k) kth.raise(heap.front().weight);
    };
    for (std::size_t first = std::size_t{q} * chunk; first < n; first += std::size_t{parts} * chunk) {
      const std::size_t last = std::min<std::size_t>(n, first + chunk);
      for (std::size_t i = first; i < last; ++i) {
        const index a = order[i];
        if (row_begin[a] == row_begin[a + 1]) continue;
        if (!bound.empty() && bound[a] < kth.get()) {
          if (descending) return;
          continue;
        }
        if constexpr (requires(index* i, std::uint32_t* c) { rows.runs(a, i, c, 0); }) {
          run_idx.resize(n);
          run_cnt.resize(n);
          const std::uint64_t found = rows.runs(a, run_idx.data(), run_cnt.data(), 0);
          for (std::uint64_t e = 0; e < found; ++e) offer(a, run_idx[e], run_cnt[e], 0.0);
        } else {
          if (newman) rows.template accumulate<true>(a, acc);
          else rows.template accumulate<false>(a, acc);
          acc.drain([&](index b, std::uint32_t c, double x) { offer(a, b, c, x); });
        }
      }
    }
  });
  std::vector<organization_pair> all;
  for (auto& h : heaps) all.insert(all.end(), h.begin(), h.end());
  std::sort(all.begin(), all.end(), better);
  if (all.size() > k) all.resize(k);
  return all;
}

/// The k pairs sharing most items of the whole network (symmetric) from its layout's
/// hubs: with τ the k-th best count among them, a pair with an organization outside
/// them shares at most that organization's items, fewer than τ when the first one left
/// out has fewer than τ items — then the hubs' pairs are the answer. Otherwise nothing.
std::optional<std::vector<organization_pair>> top_count_from_hubs(const detail::overlap_layout& layout,
                                                                  std::size_t k, double min_weight) {
  const std::size_t h = layout.hubs.size();
  std::vector<organization_pair> heap;
  for (std::size_t i = 0; i < h; ++i)
    for (std::size_t j = i + 1; j < h; ++j) {
      const std::uint32_t c = layout.hub_shared[i * h + j];
      if (c == 0 || c < min_weight) continue;
      const index a = std::min(layout.hubs[i], layout.hubs[j]), b = std::max(layout.hubs[i], layout.hubs[j]);
      keep_if_among_best(heap, k, organization_pair{a, b, c, static_cast<double>(c)});
    }
  const double tau = std::max({heap.size() == k ? heap.front().weight : 0.0, min_weight, 1.0});
  if (layout.most_items_outside >= tau) return std::nullopt;
  std::sort(heap.begin(), heap.end(), better);
  return heap;
}

/// The k best pairs of the whole network, symmetric, on its cached layout (no Newman).
/// For count a pair shares at most the smaller of its two organizations' items: rows
/// are visited full, most items first, each offering its pairs with the rows after it,
/// and the visit stops at the first row with fewer items than the k-th best count —
/// every pair not offered by then has both ends under it. Jaccard and the overlap
/// coefficient have no such bound: every row, upper triangle.
template <class Layout>
std::vector<organization_pair> top_of_layout(const Layout& items, std::size_t k, const projection_options& o) {
  const std::size_t n = items.orgs();
  const std::uint32_t* begin = items.degree_begin();
  const weigher weigh(o.weight, begin, begin);
  std::vector<index> order(n);
  std::iota(order.begin(), order.end(), index{0});
  if (o.weight != overlap_weight::count)
    return top_by_rows(n, rows_view<Layout, true>{&items}, begin, weigh, order, {}, false, false,
                       [](index, index) { return true; }, k, o);
  std::vector<double> bound(n);
  for (index a = 0; a < n; ++a) bound[a] = begin[a + 1] - begin[a];
  std::stable_sort(order.begin(), order.end(), [&](index x, index y) { return bound[x] > bound[y]; });
  std::vector<index> place(n);
  for (index i = 0; i < n; ++i) place[order[i]] = i;
  return top_by_rows(n, rows_view<Layout, false>{&items}, begin, weigh, order, bound, true, true,
                     [&place](index a, index b) { return place[b] > place[a]; }, k, o);
}

/// |x ∩ y| of two item bitsets.
[[gnu::target("popcnt")]] std::uint32_t and_count_popcnt(const std::uint64_t* x, const std::uint64_t* y,
                                                          std::size_t words) noexcept {
  std::uint64_t c0 = 0, c1 = 0;
  std::size_t i = 0;
  for (; i + 2 <= words; i += 2) {
    c0 += static_cast<std::uint64_t>(__builtin_popcountll(x[i] & y[i]));
    c1 += static_cast<std::uint64_t>(__builtin_popcountll(x[i + 1] & y[i + 1]));
  }
  if (i < words) c0 += static_cast<std::uint64_t>(__builtin_popcountll(x[i] & y[i]));
  return static_cast<std::uint32_t>(c0 + c1);
}
std::uint32_t and_count_plain(const std::uint64_t* x, const std::uint64_t* y, std::size_t words) noexcept {
  std::uint64_t c = 0;
  for (std::size_t i = 0; i < words; ++i) c += static_cast<std::uint64_t>(std::popcount(x[i] & y[i]));
  return static_cast<std::uint32_t>(c);
}

/// u of each organization, left and right: its number of roles without a scope or role
/// filter (`all`), else its exact number of items on each side.
std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>> side_sizes(const detail::network_data& d,
                                                                            const scope_filter& f,
                                                                            const std::vector<bool>& lmask,
                                                                            const std::vector<bool>& rmask, bool all,
                                                                            entity_kind kind) {
  const std::size_t n = d.organizations.size();
  const std::size_t items = kind == entity_kind::task ? d.tasks.size() : d.programs.size();
  std::vector<std::uint32_t> ul(n), ur;
  if (all) {
    for (index a = 0; a < n; ++a) ul[a] = d.org_role_begin[a + 1] - d.org_role_begin[a];
  } else {
    // Exact items per organization and side, in one pass over the roles.
    const auto& begin = kind == entity_kind::task ? d.task_role_begin : d.program_role_begin;
    ur.assign(n, 0);
    std::vector<index> seen_l(n, no_index), seen_r(n, no_index);
    for (index t = 0; t < items; ++t) {
      if (!(kind == entity_kind::task ? f.task(t) : f.program(t))) continue;
      for (std::uint32_t r = begin[t]; r < begin[t + 1]; ++r) {
        if (!f.role(r)) continue;
        const auto& rec = d.roles[r];
        if ((lmask.empty() || lmask[rec.role]) && seen_l[rec.org] != t) {
          seen_l[rec.org] = t;
          ++ul[rec.org];
        }
        if ((rmask.empty() || rmask[rec.role]) && seen_r[rec.org] != t) {
          seen_r[rec.org] = t;
          ++ur[rec.org];
        }
      }
    }
  }
  return {std::move(ul), std::move(ur)};
}

/// Top pairs by shared count among the busiest organizations ("hubs"), for skewed
/// networks where a few organizations carry most of the work. A pair shares at most
/// min(u(a), u(b)) items, u being an organization's number of roles (or its exact
/// number of items under a scope or role filter). Take the W organizations with the
/// largest u on each side, count every pair among them exactly by intersecting item
/// bitsets, and let τ be the k-th best count: a pair outside the window would need
/// both ends with u ≥ τ, so once every organization with u ≥ τ is in the window, the
/// answer is exact; otherwise the window grows to them. Nothing else is touched, so
/// this costs W² / 2 bitset intersections instead of a pass over every pair. Gives up
/// (nothing) when the window would cost more than the row-by-row method.
std::optional<std::vector<organization_pair>> top_count_by_window(const network& net, const scope_filter& f,
                                                                  const std::vector<bool>& lmask,
                                                                  const std::vector<bool>& rmask, bool symmetric,
                                                                  entity_kind kind, std::size_t k, double min_weight) {
  const auto& d = detail::data_of(net);
  const std::size_t n = d.organizations.size();
  const std::size_t items = kind == entity_kind::task ? d.tasks.size() : d.programs.size();
  if (n < 2 || items == 0) return std::nullopt;
  const std::size_t words = (items + 63) / 64;
  const std::uint64_t budget = 8 * static_cast<std::uint64_t>(d.roles.size()) + 4096;
  const bool all = f.everything() && lmask.empty() && rmask.empty();

  std::vector<std::uint32_t> ul, ur;
  std::tie(ul, ur) = side_sizes(d, f, lmask, rmask, all, kind);
  if (symmetric) ur = ul;
  auto by_key = [](const std::vector<std::uint32_t>& u) {
    std::vector<index> order(u.size());
    std::iota(order.begin(), order.end(), index{0});
    std::stable_sort(order.begin(), order.end(), [&](index x, index y) { return u[x] > u[y]; });
    return order;
  };
  const auto rows = by_key(ul);
  const auto cols = symmetric ? rows : by_key(ur);

  // Item bitsets, built on first use.
  const auto targets = d.role_targets();
  std::vector<std::vector<std::uint64_t>> lbits(n), rbits_own(symmetric ? 0 : n);
  auto& rbits = symmetric ? lbits : rbits_own;
  auto bits_of = [&](std::vector<std::vector<std::uint64_t>>& cache, index a,
                     const std::vector<bool>& mask) -> const std::uint64_t* {
    auto& b = cache[a];
    if (b.empty()) {
      b.assign(words, 0);
      for (std::uint32_t i = d.org_role_begin[a]; i < d.org_role_begin[a + 1]; ++i) {
        const index r = d.org_roles[i];
        const auto& rec = d.roles[r];
        if (targets.kind(r) != kind) continue;
        if (!all && (!f.role(r) || (!mask.empty() && !mask[rec.role]))) continue;
        const index t = targets.target(r);
        b[t >> 6] |= std::uint64_t{1} << (t & 63);
      }
    }
    return b.data();
  };
  static const bool popcnt = __builtin_cpu_supports("popcnt");
  const auto count = popcnt ? and_count_popcnt : and_count_plain;

  std::vector<organization_pair> heap;
  auto offer = [&](index a, index b) {
    const std::uint32_t c = count(bits_of(lbits, a, lmask), bits_of(rbits, b, rmask), words);
    if (c == 0 || c < min_weight) return;
    organization_pair cand{a, b, c, static_cast<double>(c)};
    if (symmetric && b < a) std::swap(cand.a, cand.b);
    keep_if_among_best(heap, k, cand);
  };

  std::size_t width = std::min<std::size_t>(n, std::max<std::size_t>(8, static_cast<std::size_t>(std::sqrt(8.0 * k)) + 2));
  std::size_t done = 0;
  for (;;) {
    const std::uint64_t pairs = symmetric ? width * (width - 1) / 2 : width * width;
    if (pairs * words > budget) return std::nullopt;
    if (symmetric) {
      for (std::size_t j = done; j < width; ++j)
        for (std::size_t i = 0; i < j; ++i) offer(rows[i], rows[j]);
    } else {
      for (std::size_t i = 0; i < width; ++i)
        for (std::size_t j = (i < done ? done : 0); j < width; ++j)
          if (rows[i] != cols[j]) offer(rows[i], cols[j]);
    }
    done = width;
    if (width == n) break;
    // τ: the k-th best so far (or the threshold, or 1: a pair must share something).
    const double tau = std::max({heap.size() == k ? heap.front().weight : 0.0, min_weight, 1.0});
    auto reach = [&](const std::vector<index>& order, const std::vector<std::uint32_t>& u) {
      return static_cast<std::size_t>(std::partition_point(order.begin(), order.end(),
                                                           [&](index a) { return u[a] >= tau; }) -
                                      order.begin());
    };
    // Every organization that can still be in a pair of weight τ or more is in the
    // window: the heap holds the answer (or every pair there is, when not full).
    const std::size_t need = std::max(reach(rows, ul), reach(cols, ur));
    if (need <= width) break;
    width = std::min(n, need);
  }
  std::sort(heap.begin(), heap.end(), better);
  return heap;
}

}  // namespace

std::vector<organization_pair> top_pairs(const network& net, const scope& s, std::size_t k,
                                         const projection_options& o) {
  if (const detail::dated_query dated{net, s}) return top_pairs(dated.net(), dated.rest(), k, o);
  check_threshold(o.min_weight);
  if (k == 0) {
    (void)scope_filter(net, s);  // a bad scope is still an error
    (void)detail::role_mask(net, o.left_roles, "left roles");
    (void)detail::role_mask(net, o.right_roles, "right roles");
    return {};
  }
  // The whole network's cached layout, from the second such query on (the first goes
  // the way of a single query, which need not pay for building it).
  std::shared_ptr<const detail::overlap_layout> layout;
  if (whole_network(net, s) && o.weight != overlap_weight::newman) {
    const auto lmask = detail::role_mask(net, o.left_roles, "left roles");
    if (lmask == detail::role_mask(net, o.right_roles, "right roles")) layout = cached_layout(net, item_kind(o.on), lmask);
  }
  if (layout && o.weight == overlap_weight::count)
    if (auto found = top_count_from_hubs(*layout, k, o.min_weight)) return std::move(*found);
  if (o.weight == overlap_weight::count) {
    const scope_filter f(net, s);
    const auto lmask = detail::role_mask(net, o.left_roles, "left roles");
    const auto rmask = detail::role_mask(net, o.right_roles, "right roles");
    if (auto found = top_count_by_window(net, f, lmask, rmask, lmask == rmask, item_kind(o.on), k, o.min_weight))
      return std::move(*found);
  }
  if (layout) return std::visit([&](const auto& items) { return top_of_layout(items, k, o); }, layout->rows);
  const bool newman = o.weight == overlap_weight::newman;
  const sides sd(net, s, o, newman, detail::item_order::any);
  const std::size_t n = sd.left.orgs;
  if (n == 0) return {};
  // A row's pairs weigh at most its own number of items (count) or Newman sum.
  std::vector<double> bound;
  if (o.weight == overlap_weight::count || newman) {
    bound.assign(n, 0.0);
    for (index a = 0; a < n; ++a) {
      if (newman)
        for (index t : sd.left.items_of(a)) bound[a] += sd.item_weight[t];
      else
        bound[a] = sd.left_degree(a);
    }
  }
  std::vector<index> order(n);
  std::iota(order.begin(), order.end(), index{0});
  const weigher weigh(o.weight, sd);
  const std::uint32_t* begin = sd.left.org_begin.data();
  auto any = [](index, index) { return true; };
  auto by_rows = [&](auto tag) {
    using V = decltype(tag);
    if (sd.symmetric) {
      const packed_items<V> items(sd.left);
      return top_by_rows(n, rows_view<packed_items<V>, true>{&items}, begin, weigh, order, bound, false, false, any, k, o);
    }
    return top_by_rows(n, packed_rows<V>(sd, newman), begin, weigh, order, bound, false, false, any, k, o);
  };
  return n < 65536 ? by_rows(std::uint16_t{}) : by_rows(std::uint32_t{});
}

}  // namespace danvan
