// The organization × organization projection and its relatives.
//
// How the projection is computed (the work is Σ over items of C(d, 2) pair
// increments; everything here is about doing each one in a few cycles):
//
// - The incidence is built in one pass over the roles (each organization once per
//   item) and counting-sort transpositions, never a comparison sort
//   (build_incidence).
// - It is then laid out for the inner loop: each item's organizations stored next to
//   each other in 16-bit numbers when there are fewer than 65,536 organizations, and
//   each row's items as offsets into that array, read with software prefetch
//   (packed_rows, packed_upper). M's whole incidence then fits in a core's L2 cache.
// - Row a is accumulated in a dense per-thread counter array; the first touch of a
//   column appends it to a list without a branch (accumulator). Reading the row back
//   sorts the list when short, else marks and scans a bitmap, so columns come out
//   ascending; the threshold is applied right there, so entries under it are never
//   stored.
// - A symmetric projection either visits only the pairs b > a (the upper triangle)
//   and then writes each entry twice, the mirror image scattered into the lower parts
//   of the rows (project_symmetric), or visits full rows and writes entries once, in
//   order (fill_projection): the first wins while the result fits in the caches, the
//   second beyond (projection_method::automatic decides by size).
// - Rows are split into contiguous ranges of equal work, one per thread; each range
//   writes into its own region of the output, sized by an upper bound and left
//   uninitialized (detail::buffer), so only pages that receive entries are touched;
//   big regions are 2 MiB-aligned and advised for transparent huge pages, which turns
//   thousands of page faults into a few.
//
// This header is private to src/query/overlap/: the layouts and the kernel that the
// projection, its estimate and the top pairs share.
#pragma once

#include "detail/incidence.hpp"
#include <danvan/query/overlap.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace danvan::detail::kernel {

/// Throws argument_error for a threshold that is not a weight of zero or more.
void check_threshold(double min_weight);

/// The kind of the items of a projection.
entity_kind item_kind(projection_on on);

/// Gives back the item lists of an incidence (the packed layout has a copy); the
/// counts per organization stay for the weights.
void release_lists(incidence& inc);

/// Both sides of a projection resolved against one network and scope.
struct sides {
  scope_filter filter;
  bool symmetric;
  incidence left;
  incidence right_own;  // only when not symmetric
  const incidence* right;
  std::vector<double> item_weight;  // Newman: 1 / (d(t) − 1), 0 when d(t) < 2

  /// `order`: how each item's organizations must be listed (ascending for merges and
  /// upper triangles; as found for the projection, which only needs the sets).
  sides(const network& net, const scope& s, const projection_options& o, bool newman,
        item_order order = item_order::ascending);
  std::uint32_t left_degree(index o) const noexcept { return left.org_begin[o + 1] - left.org_begin[o]; }
  std::uint32_t right_degree(index o) const noexcept { return right->org_begin[o + 1] - right->org_begin[o]; }
};

/// A dense accumulator over columns. Each add appends its column to a list without a
/// branch (the list only advances on a column's first touch), so an increment is a
/// load, an add and two stores; drain() visits the touched columns in ascending order,
/// sorting the list when it is short and otherwise marking a bitmap and scanning it.
class accumulator {
 public:
  accumulator(std::size_t n, bool with_weights)
      : count_(n, 0), weight_(with_weights ? n : 0, 0.0), touched_(n + 1), bits_((n + 63) / 64, 0) {}

  void add(index b) noexcept {
    touched_[k_] = b;
    k_ += count_[b]++ == 0;
  }
  void add(index b, double w) noexcept {
    touched_[k_] = b;
    k_ += count_[b]++ == 0;
    weight_[b] += w;
  }
  /// Forgets column b (the row's own organization); drain() skips it.
  void drop(index b) noexcept {
    count_[b] = 0;
    if (!weight_.empty()) weight_[b] = 0;
  }
  /// Calls f(b, count, weight) for every touched column in ascending order and resets them.
  template <class F> void drain(F&& f) {
    const bool weighted = !weight_.empty();
    auto visit = [&](index b) {
      const std::uint32_t c = count_[b];
      if (c == 0) return;  // dropped
      count_[b] = 0;
      double x = 0;
      if (weighted) {
        x = weight_[b];
        weight_[b] = 0;
      }
      f(b, c, x);
    };
    const std::size_t k = k_;
    k_ = 0;
    if (k == 0) return;
    // Sorting k columns costs about k log k; scanning the bitmap n / 64 words.
    if (k * static_cast<std::size_t>(std::bit_width(k)) * 4 < bits_.size()) {
      std::sort(touched_.begin(), touched_.begin() + static_cast<std::ptrdiff_t>(k));
      for (std::size_t i = 0; i < k; ++i) visit(touched_[i]);
      return;
    }
    std::uint64_t* bits = bits_.data();
    for (std::size_t i = 0; i < k; ++i) bits[touched_[i] >> 6] |= std::uint64_t{1} << (touched_[i] & 63);
    for (std::size_t w = 0; w < bits_.size(); ++w) {
      std::uint64_t word = bits[w];
      if (!word) continue;
      bits[w] = 0;
      do {
        visit(static_cast<index>(w * 64 + static_cast<std::size_t>(std::countr_zero(word))));
        word &= word - 1;
      } while (word);
    }
  }

 private:
  std::vector<std::uint32_t> count_;
  std::vector<double> weight_;
  std::vector<index> touched_;
  std::size_t k_ = 0;
  std::vector<std::uint64_t> bits_;
};

/// Accumulates row a (columns b on a's items, b ≠ a); with `upper`, only b > a.
template <bool Newman, bool Upper>
void accumulate_row(const sides& sd, index a, accumulator& acc) {
  const incidence& L = sd.left;
  const incidence& R = *sd.right;
  for (std::uint32_t i = L.org_begin[a]; i < L.org_begin[a + 1]; ++i) {
    const index t = L.org_items[i];
    const index* first = R.item_orgs.data() + R.item_begin[t];
    const index* last = R.item_orgs.data() + R.item_begin[t + 1];
    if constexpr (Upper) first = std::upper_bound(first, last, a);
    if constexpr (Newman) {
      const double w = sd.item_weight[t];
      for (const index* p = first; p < last; ++p) acc.add(*p, w);
    } else {
      for (const index* p = first; p < last; ++p) acc.add(*p);
    }
  }
  if constexpr (!Upper) acc.drop(a);
}

/// The weight of (a, b) from its count (and Newman sum).
struct weigher {
  overlap_weight kind;
  const sides* sd;
  double operator()(index a, index b, std::uint32_t c, double newman) const noexcept {
    switch (kind) {
      case overlap_weight::count: return static_cast<double>(c);
      case overlap_weight::jaccard:
        return static_cast<double>(c) / static_cast<double>(sd->left_degree(a) + sd->right_degree(b) - c);
      case overlap_weight::overlap:
        return static_cast<double>(c) / static_cast<double>(std::min(sd->left_degree(a), sd->right_degree(b)));
      case overlap_weight::newman: return newman;
    }
    return 0;
  }
};

/// The inner loop of both packed layouts: for each entry i in [first, last) of a row,
/// adds the size(i, p) organizations that start at p = start(i) to acc (each with the
/// entry's Newman weight), fetching the entry `ahead` places on into the cache first.
template <bool Newman, class Start, class Size>
void add_items(std::uint32_t first, std::uint32_t last, const std::vector<double>& weight, accumulator& acc, Start start,
               Size size) {
  constexpr std::uint32_t ahead = 8;
  for (std::uint32_t i = first; i < last; ++i) {
    if (i + ahead < last) __builtin_prefetch(start(i + ahead));
    const auto* p = start(i);
    const std::uint32_t k = size(i, p);
    if constexpr (Newman) {
      const double w = weight[i];
      for (std::uint32_t j = 0; j < k; ++j) acc.add(p[j], w);
    } else {
      for (std::uint32_t j = 0; j < k; ++j) acc.add(p[j]);
    }
  }
}

/// The incidence laid out for the projection's inner loop: each item's organizations
/// stored right after their count (one cache miss per item instead of two), in 16-bit
/// numbers when there are fewer than 65,536 organizations (half the bytes: M's whole
/// incidence then fits in a core's L2 cache), and each row's items as offsets into it.
template <class V> struct packed_rows {
  std::vector<V> data;                   // per item: d, then its d organizations
  std::vector<std::uint32_t> row_begin;  // organizations + 1, into at
  std::vector<std::uint32_t> at;         // offset in data of each item of each row
  std::vector<double> weight;            // Newman weight of each entry of `at`

  packed_rows(const sides& sd, bool newman) {
    const incidence& L = sd.left;
    const incidence& R = *sd.right;
    std::vector<std::uint32_t> offset(R.items, 0);
    data.reserve(R.item_orgs.size() + R.items);
    for (index t = 0; t < R.items; ++t) {
      offset[t] = static_cast<std::uint32_t>(data.size());
      const auto orgs = R.orgs_of(t);
      data.push_back(static_cast<V>(orgs.size()));
      for (index b : orgs) data.push_back(static_cast<V>(b));
    }
    row_begin = L.org_begin;
    at.resize(L.org_items.size());
    for (std::size_t i = 0; i < at.size(); ++i) at[i] = offset[L.org_items[i]];
    if (newman) {
      weight.resize(at.size());
      for (std::size_t i = 0; i < at.size(); ++i) weight[i] = sd.item_weight[L.org_items[i]];
    }
  }

  /// Adds row a's columns (every organization on a's items but a) to acc.
  template <bool Newman> void accumulate(index a, accumulator& acc) const {
    const V* d = data.data();
    add_items<Newman>(
        row_begin[a], row_begin[a + 1], weight, acc, [d, this](std::uint32_t i) { return d + at[i] + 1; },
        [](std::uint32_t, const V* p) -> std::uint32_t { return p[-1]; });
    acc.drop(a);
  }
};

/// Work of each row (Σ of its items' column counts), for splitting rows between threads.
std::vector<std::uint64_t> row_work_prefix(const sides& sd);

/// Row ranges of about equal work, one per thread.
std::vector<index> split_rows(const std::vector<std::uint64_t>& prefix, unsigned parts);

// Below this many increments a second thread costs more than it saves.
inline constexpr std::uint64_t parallel_threshold = 200'000;

/// Threads for `work` units over `units` rows: as asked, or (0) every core unless the
/// work is too small to pay for starting threads.
unsigned parts_for(unsigned requested, std::uint64_t work, std::uint64_t threshold, std::size_t units);

/// The symmetric case laid out for the upper triangle: each item's organizations
/// ascending, and for each (row a, item t) the offset and length of the organizations
/// after a on t, found while the lists are written (no search, no comparison in the
/// inner loop). Row a then visits exactly the pairs (a, b > a): Σ C(d, 2) increments
/// in all, half of what full rows cost.
template <class V> struct packed_upper {
  std::vector<V> data;
  std::vector<std::uint32_t> row_begin;  // organizations + 1, into from/count
  std::vector<std::uint32_t> from;       // offset in data of the first organization after the row's
  std::vector<std::uint32_t> count;      // how many follow it
  std::vector<double> weight;            // Newman weight of each incidence

  packed_upper(const sides& sd, bool newman) {
    const incidence& L = sd.left;
    std::vector<std::uint32_t> fill(L.items + 1, 0);
    for (index t = 0; t < L.items; ++t) fill[t + 1] = fill[t] + L.degree_of_item(t);
    const std::vector<std::uint32_t> end(fill.begin() + 1, fill.end());
    data.resize(fill[L.items]);
    row_begin = L.org_begin;
    from.resize(L.org_items.size());
    count.resize(L.org_items.size());
    const index* oi = L.org_items.data();
    for (index a = 0; a < L.orgs; ++a)  // organizations ascending: each list comes out sorted
      for (std::uint32_t i = L.org_begin[a]; i < L.org_begin[a + 1]; ++i) {
        const std::uint32_t p = fill[oi[i]]++;
        data[p] = static_cast<V>(a);
        from[i] = p + 1;
      }
    for (std::size_t i = 0; i < from.size(); ++i) count[i] = end[oi[i]] - from[i];
    if (newman) {
      weight.resize(from.size());
      for (std::size_t i = 0; i < from.size(); ++i) weight[i] = sd.item_weight[oi[i]];
    }
  }

  [[nodiscard]] std::uint64_t work(index a) const noexcept {
    std::uint64_t w = 0;
    for (std::uint32_t i = row_begin[a]; i < row_begin[a + 1]; ++i) w += count[i];
    return w;
  }

  /// Adds row a's columns after a (the upper triangle) to acc.
  template <bool Newman> void accumulate(index a, accumulator& acc) const {
    const V* d = data.data();
    add_items<Newman>(
        row_begin[a], row_begin[a + 1], weight, acc, [d, this](std::uint32_t i) { return d + from[i]; },
        [this](std::uint32_t i, const V*) { return count[i]; });
  }
};

/// Accumulates row `a` and writes its entries of weight at least `min_weight` at
/// idx/cnt/wts[pos...] (wts only when weighted), calling written(b) for each; returns
/// the position after the last entry written.
template <class Rows, class Written>
std::uint64_t write_row(const Rows& rows, index a, accumulator& acc, bool newman, bool count_only,
                        const weigher& weigh, double min_weight, index* idx, std::uint32_t* cnt, double* wts,
                        std::uint64_t pos, Written&& written) {
  if (newman) rows.template accumulate<true>(a, acc);
  else rows.template accumulate<false>(a, acc);
  if (count_only) {
    acc.drain([&](index b, std::uint32_t c, double) {
      if (c >= min_weight) {
        idx[pos] = b;
        cnt[pos++] = c;
        written(b);
      }
    });
  } else {
    acc.drain([&](index b, std::uint32_t c, double x) {
      const double w = weigh(a, b, c, x);
      if (w >= min_weight) {
        idx[pos] = b;
        cnt[pos] = c;
        wts[pos++] = w;
        written(b);
      }
    });
  }
  return pos;
}
}  // namespace danvan::detail::kernel

namespace danvan::detail {

/// The arrays of a projection or topic matrix, for the code that fills them in place.
struct csr_access {
  template <class M> static auto& indptr(M& m) noexcept { return m.indptr_; }
  template <class M> static auto& indices(M& m) noexcept { return m.indices_; }
  template <class M> static auto& counts(M& m) noexcept { return m.counts_; }
  static auto& weights(projection& p) noexcept { return p.weights_; }
};

}  // namespace danvan::detail
