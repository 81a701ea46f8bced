// The organization × organization projection and its relatives.
//
// How the projection is computed (the work is Σ over items of C(d, 2) pair
// increments; everything here is about doing each one in a few cycles):
//
// - The incidence is built in one pass over the roles (each organization once per
//   item) and counting-sort transpositions, never a comparison sort
//   (build_incidence).
// - It is then laid out for the inner loop: when items are small, every pair
//   increment written out, row by row and sorted (expanded_rows: a row of the
//   projection is the runs of equal columns of one contiguous read, with no counter
//   array and no per-item work); otherwise each item's organizations stored next to each other and
//   each row's items as offsets into them, read with software prefetch (packed_items,
//   and packed_rows for two different sides), in 16-bit numbers when there are fewer
//   than 65,536 organizations.
// - For the whole network (no scope, the same roles on both sides) that layout is built
//   once and kept with the network (cached_layout), so that later projections and top
//   pairs start at the kernel, with no pass over the roles.
// - On packed items row a is accumulated in a dense per-thread counter array; the
//   first touch of a column appends it to a list without a branch (accumulator).
//   Reading the row back sorts the list when short, else marks and scans a bitmap, so
//   columns come out ascending; the threshold is applied right there, so entries under
//   it are never stored.
// - A symmetric projection either visits only the pairs b > a (the upper triangle)
//   and then writes each entry twice, the mirror image scattered into the lower parts
//   of the rows (project_upper), or visits full rows and writes entries once, in
//   order (project_rows): on packed items the first wins while the result fits in
//   the caches, the second beyond (projection_method::automatic decides by size); on
//   expanded rows full rows always win.
// - The result's arrays are left, when the projection is dropped, for the next one
//   (projection.cpp): filling memory already mapped saves the system clearing fresh
//   pages, a fifth of the time of a projection of tens of megabytes.
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
#include <memory>
#include <stdexcept>
#include <variant>
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

/// The weight of (a, b) from its count (and Newman sum); the sides' items per
/// organization are differences of their offsets (org_begin, row_begin).
struct weigher {
  overlap_weight kind;
  const std::uint32_t* left_begin;   // organizations + 1
  const std::uint32_t* right_begin;  // organizations + 1
  weigher(overlap_weight w, const std::uint32_t* left, const std::uint32_t* right) noexcept
      : kind(w), left_begin(left), right_begin(right) {}
  weigher(overlap_weight w, const sides& sd) noexcept
      : weigher(w, sd.left.org_begin.data(), sd.right->org_begin.data()) {}
  double operator()(index a, index b, std::uint32_t c, double newman) const noexcept {
    const auto da = [&] { return left_begin[a + 1] - left_begin[a]; };
    const auto db = [&] { return right_begin[b + 1] - right_begin[b]; };
    switch (kind) {
      case overlap_weight::count: return static_cast<double>(c);
      case overlap_weight::jaccard: return static_cast<double>(c) / static_cast<double>(da() + db() - c);
      case overlap_weight::overlap: return static_cast<double>(c) / static_cast<double>(std::min(da(), db()));
      case overlap_weight::newman: return newman;
    }
    return 0;
  }
  /// Weights of row a's entries from their columns `idx` and counts `cnt` (k of them)
  /// into `wts`, as operator() gives them; not for Newman's, which need their sums.
  void fill(index a, const index* idx, const std::uint32_t* cnt, double* wts, std::size_t k) const noexcept {
    const std::uint32_t da = left_begin[a + 1] - left_begin[a];
    const std::uint32_t* rb = right_begin;
    switch (kind) {
      case overlap_weight::jaccard:
        for (std::size_t e = 0; e < k; ++e)
          wts[e] = static_cast<double>(cnt[e]) / static_cast<double>(da + (rb[idx[e] + 1] - rb[idx[e]]) - cnt[e]);
        return;
      case overlap_weight::overlap:
        for (std::size_t e = 0; e < k; ++e)
          wts[e] = static_cast<double>(cnt[e]) / static_cast<double>(std::min(da, rb[idx[e] + 1] - rb[idx[e]]));
        return;
      default:
        for (std::size_t e = 0; e < k; ++e) wts[e] = static_cast<double>(cnt[e]);
    }
  }
};

/// The inner loop of packed_rows: for each entry i in [first, last) of a row,
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

/// The symmetric case laid out for both methods: each item's organizations stored
/// ascending right after their count, in 16-bit numbers when there are fewer than
/// 65,536 organizations, and for each (row a, item t) the offset of t's list and a's
/// place in it, found while the lists are written (no search, no comparison in the
/// inner loop). A full row visits all of t's organizations (Σ d(d − 1) increments in
/// all), the upper triangle only those after a (Σ C(d, 2), half of it). Newman's
/// weight of t is 1 / (d − 1), read from the count. Built per call, or once per
/// network for the whole network (cached_layout).
template <class V> struct packed_items {
  std::vector<V> data;                   // per item: d, then its d organizations ascending
  std::vector<std::uint32_t> row_begin;  // organizations + 1, into at and rank
  std::vector<std::uint32_t> at;         // offset in data of the count of each item of each row
  std::vector<V> rank;                   // the row's place among the item's organizations
  std::vector<std::uint64_t> full_work;  // organizations + 1: prefix of 4 + Σ d per row
  std::vector<std::uint64_t> upper_work; // organizations + 1: prefix of 4 + Σ (d − rank − 1) per row
  std::uint64_t pair_work = 0;           // Σ over items of d(d − 1)

  explicit packed_items(const incidence& inc) {
    const std::size_t n = inc.orgs;
    std::vector<std::uint32_t> fill(inc.items, 0);
    std::uint32_t size = 0;
    for (index t = 0; t < inc.items; ++t) {
      const std::uint64_t d = inc.degree_of_item(t);
      fill[t] = size;
      size += static_cast<std::uint32_t>(d) + 1;
      pair_work += d * (d ? d - 1 : 0);
    }
    data.resize(size);
    for (index t = 0; t < inc.items; ++t) data[fill[t]] = static_cast<V>(inc.degree_of_item(t));
    std::vector<std::uint32_t> next(fill);
    for (auto& x : next) ++x;
    row_begin = inc.org_begin;
    at.resize(inc.org_items.size());
    rank.resize(inc.org_items.size());
    full_work.assign(n + 1, 0);
    upper_work.assign(n + 1, 0);
    const index* oi = inc.org_items.data();
    for (index a = 0; a < n; ++a) {  // organizations ascending: each list comes out sorted
      std::uint64_t full = 4, upper = 4;
      for (std::uint32_t i = row_begin[a]; i < row_begin[a + 1]; ++i) {
        const index t = oi[i];
        const std::uint32_t r = next[t]++ - fill[t] - 1;
        data[fill[t] + 1 + r] = static_cast<V>(a);
        at[i] = fill[t];
        rank[i] = static_cast<V>(r);
        const std::uint32_t d = data[fill[t]];
        full += d;
        upper += d - r - 1;
      }
      full_work[a + 1] = full_work[a] + full;
      upper_work[a + 1] = upper_work[a] + upper;
    }
  }

  [[nodiscard]] std::size_t orgs() const noexcept { return row_begin.size() - 1; }
  /// Organizations + 1 offsets whose differences are the items of each organization.
  [[nodiscard]] const std::uint32_t* degree_begin() const noexcept { return row_begin.data(); }

  /// Adds row a's columns to acc: every organization on a's items but a, or with
  /// `Upper` only those after a.
  template <bool Newman, bool Upper> void accumulate(index a, accumulator& acc) const {
    constexpr std::uint32_t ahead = 8;
    const V* d = data.data();
    const std::uint32_t first = row_begin[a], last = row_begin[a + 1];
    for (std::uint32_t i = first; i < last; ++i) {
      if (i + ahead < last) __builtin_prefetch(d + at[i + ahead]);
      const V* p = d + at[i];
      const std::uint32_t size = p[0];
      if (size < 2) continue;  // a alone
      std::uint32_t skip = 0;
      if constexpr (Upper) skip = static_cast<std::uint32_t>(rank[i]) + 1;
      const V* q = p + 1 + skip;
      const std::uint32_t k = size - skip;
      if constexpr (Newman) {
        const double w = 1.0 / static_cast<double>(size - 1);
        for (std::uint32_t j = 0; j < k; ++j) acc.add(q[j], w);
      } else {
        for (std::uint32_t j = 0; j < k; ++j) acc.add(q[j]);
      }
    }
    if constexpr (!Upper) acc.drop(a);
  }
};

/// The symmetric case with every pair increment written out: row a lists, in ascending
/// order, the organizations it shares an item with, each once per shared item, so that
/// a row of the projection is the runs of equal numbers of its row here (the column and
/// the run's length, its count: a sequential read and no per-column state, see runs()),
/// and the upper triangle is the suffix after a. Σ d(d − 1) numbers: kept
/// (cached_layout) only while that is a few per (organization, item) pair, as when
/// items have a handful of organizations; larger items use packed_items. No Newman
/// weights (packed_items).
template <class V> struct expanded_rows {
  std::vector<V> cols;                    // per row: its columns ascending, each once per shared item
  std::vector<std::uint64_t> row_begin;   // organizations + 1, into cols
  std::vector<std::uint64_t> upper_begin; // organizations: start of each row's upper part (columns after a)
  std::vector<std::uint32_t> item_begin;  // organizations + 1: items per organization as differences
  std::vector<std::uint64_t> full_work;   // organizations + 1: prefix of 4 + row length
  std::vector<std::uint64_t> upper_work;  // organizations + 1: prefix of 4 + upper part length
  std::uint64_t pair_work = 0;            // Σ over items of d(d − 1)

  /// Σ d(d − 1) of an incidence: the numbers the expanded rows would hold.
  static std::uint64_t size_of(const incidence& inc) noexcept {
    std::uint64_t pairs = 0;
    for (index t = 0; t < inc.items; ++t) {
      const std::uint64_t d = inc.degree_of_item(t);
      pairs += d * (d ? d - 1 : 0);
    }
    return pairs;
  }

  explicit expanded_rows(const incidence& inc) {
    const std::size_t n = inc.orgs;
    pair_work = size_of(inc);
    cols.resize(pair_work);
    row_begin.assign(n + 1, 0);
    upper_begin.assign(n, 0);
    full_work.assign(n + 1, 0);
    upper_work.assign(n + 1, 0);
    item_begin = inc.org_begin;
    for (index a = 0; a < n; ++a) {
      std::uint64_t len = 0;
      for (index t : inc.items_of(a)) len += inc.degree_of_item(t) - 1;
      row_begin[a + 1] = row_begin[a] + len;
    }
    // A transposition, not a sort: column b is appended to the rows of its items'
    // other organizations, b ascending, so every row comes out ascending.
    std::vector<std::uint64_t> fill(row_begin.begin(), row_begin.end() - 1);
    for (index b = 0; b < n; ++b) {
      upper_begin[b] = fill[b];  // the columns before b are all in
      for (index t : inc.items_of(b))
        for (index a : inc.orgs_of(t))
          if (a != b) cols[fill[a]++] = static_cast<V>(b);
    }
    for (index a = 0; a < n; ++a) {
      full_work[a + 1] = full_work[a] + 4 + (row_begin[a + 1] - row_begin[a]);
      upper_work[a + 1] = upper_work[a] + 4 + (row_begin[a + 1] - upper_begin[a]);
    }
  }

  [[nodiscard]] std::size_t orgs() const noexcept { return row_begin.size() - 1; }
  [[nodiscard]] const std::uint32_t* degree_begin() const noexcept { return item_begin.data(); }

  template <bool Newman, bool Upper> void accumulate(index a, accumulator& acc) const {
    if constexpr (Newman) throw std::logic_error("danvan: Newman weights are projected from packed_items");
    const V* c = cols.data();
    for (std::uint64_t i = Upper ? upper_begin[a] : row_begin[a]; i < row_begin[a + 1]; ++i) acc.add(c[i]);
  }

  /// Writes row a's columns (with `Upper` only those after a), ascending, at idx[pos...]
  /// and their counts (the lengths of their runs) at cnt[pos...]; returns the position
  /// after the last. Each number is one step without a branch: the current run's
  /// column and length are written at pos, and pos moves on where the run ends.
  template <bool Upper> std::uint64_t runs(index a, index* idx, std::uint32_t* cnt, std::uint64_t pos) const {
    const V* c = cols.data();
    std::uint64_t i = Upper ? upper_begin[a] : row_begin[a];
    const std::uint64_t last = row_begin[a + 1];
    if (i == last) return pos;
    std::uint64_t run = i;  // where the current run started
    for (; i + 1 < last; ++i) {
      const V b = c[i];
      idx[pos] = b;
      cnt[pos] = static_cast<std::uint32_t>(i + 1 - run);
      const bool ends = c[i + 1] != b;
      pos += ends;
      run = ends ? i + 1 : run;
    }
    idx[pos] = c[i];
    cnt[pos] = static_cast<std::uint32_t>(last - run);
    return pos + 1;
  }
};

/// The rows of a symmetric layout (packed_items, expanded_rows), full or upper, in the
/// form write_row and the top pairs take (accumulate<Newman>).
template <class Layout, bool Upper> struct rows_view {
  const Layout* layout;
  template <bool Newman> void accumulate(index a, accumulator& acc) const {
    layout->template accumulate<Newman, Upper>(a, acc);
  }
  /// The row's entries and counts written directly, where the layout can (expanded_rows).
  std::uint64_t runs(index a, index* idx, std::uint32_t* cnt, std::uint64_t pos) const
    requires requires(const Layout& l, index* i, std::uint32_t* c) { l.template runs<Upper>(index{}, i, c, 0); }
  {
    return layout->template runs<Upper>(a, idx, cnt, pos);
  }
};

/// Accumulates row `a` and writes its entries of weight at least `min_weight` at
/// idx/cnt/wts[pos...] (wts only when weighted), calling written(b) for each; returns
/// the position after the last entry written.
template <class Rows, class Written>
std::uint64_t write_row(const Rows& rows, index a, accumulator& acc, bool newman, bool count_only,
                        const weigher& weigh, double min_weight, index* idx, std::uint32_t* cnt, double* wts,
                        std::uint64_t pos, Written&& written) {
  if constexpr (requires { rows.runs(a, idx, cnt, pos); }) {
    const std::uint64_t first = pos;
    const std::uint64_t last = rows.runs(a, idx, cnt, pos);
    if (!count_only) weigh.fill(a, idx + first, cnt + first, wts + first, last - first);
    if (min_weight > 0) {  // keep the entries at the threshold or above, in place
      pos = first;
      for (std::uint64_t e = first; e < last; ++e) {
        if ((count_only ? static_cast<double>(cnt[e]) : wts[e]) < min_weight) continue;
        idx[pos] = idx[e];
        cnt[pos] = cnt[e];
        if (!count_only) wts[pos] = wts[e];
        ++pos;
      }
    } else {
      pos = last;
    }
    for (std::uint64_t e = first; e < pos; ++e) written(idx[e]);
    return pos;
  }
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

/// The whole network's incidence on one kind of item, both sides with the roles of
/// `mask` (empty: any), packed for the kernel: 16-bit organization numbers below
/// 65,536 organizations.
struct overlap_layout {
  using layouts = std::variant<kernel::expanded_rows<std::uint16_t>, kernel::expanded_rows<std::uint32_t>,
                               kernel::packed_items<std::uint16_t>, kernel::packed_items<std::uint32_t>>;
  entity_kind kind;
  std::vector<bool> mask;
  layouts rows;
  // Entries of each row of the projection without a threshold (the organizations it
  // shares an item with): the output is then sized exactly, and each thread writes its
  // rows in place, with no gaps to close between the threads' parts.
  std::vector<std::uint32_t> row_entries;
  // The organizations with the most items (most first, ties by position), at most
  // `hub_count`, and the items each two of them share (hub_shared[i * hubs + j]): the
  // top pairs by count come from there whenever every organization that could beat the
  // k-th best of them is among them (top_pairs).
  static constexpr std::size_t hub_count = 128;
  std::vector<index> hubs;
  std::vector<std::uint32_t> hub_shared;
  std::uint32_t most_items_outside = 0;  // items of the first organization left out (0: none)

  overlap_layout(entity_kind k, std::vector<bool> m, const incidence& inc)
      : kind(k), mask(std::move(m)), rows(pick(inc)) {
    const std::size_t n = inc.orgs;
    std::vector<index> order(n);
    for (index a = 0; a < n; ++a) order[a] = a;
    auto degree = [&inc](index a) { return inc.org_begin[a + 1] - inc.org_begin[a]; };
    std::stable_sort(order.begin(), order.end(), [&](index x, index y) { return degree(x) > degree(y); });
    hubs.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(n, hub_count)));
    if (n > hubs.size()) most_items_outside = degree(order[hubs.size()]);
    std::vector<std::uint32_t> hub_of(n, no_index);
    for (std::uint32_t i = 0; i < hubs.size(); ++i) hub_of[hubs[i]] = i;
    hub_shared.assign(hubs.size() * hubs.size(), 0);
    // One pass over the full rows: each row's entries, and the hubs' shared items.
    std::visit(
        [&](const auto& items) {
          row_entries.assign(n, 0);
          auto entry = [&](index a, index b, std::uint32_t c) {
            ++row_entries[a];
            const std::uint32_t i = hub_of[a];
            if (i != no_index && hub_of[b] != no_index) hub_shared[i * hubs.size() + hub_of[b]] = c;
          };
          if constexpr (requires(index* i, std::uint32_t* c) { items.template runs<false>(0, i, c, 0); }) {
            std::vector<index> idx(n);
            std::vector<std::uint32_t> cnt(n);
            for (index a = 0; a < n; ++a) {
              const std::uint64_t k = items.template runs<false>(a, idx.data(), cnt.data(), 0);
              for (std::uint64_t e = 0; e < k; ++e) entry(a, idx[e], cnt[e]);
            }
          } else {
            kernel::accumulator acc(n, false);
            for (index a = 0; a < n; ++a) {
              items.template accumulate<false, false>(a, acc);
              acc.drain([&](index b, std::uint32_t c, double) { entry(a, b, c); });
            }
          }
        },
        rows);
  }

 private:
  // The expanded rows while they hold at most 8 numbers per (organization, item) pair
  // (items of about 9 organizations or fewer on average), else the packed items.
  static layouts pick(const incidence& inc) {
    const bool small = inc.orgs < 65536;
    if (kernel::expanded_rows<std::uint32_t>::size_of(inc) <= 8 * std::uint64_t{inc.org_items.size()})
      return small ? layouts(std::in_place_index<0>, inc) : layouts(std::in_place_index<1>, inc);
    return small ? layouts(std::in_place_index<2>, inc) : layouts(std::in_place_index<3>, inc);
  }
};

namespace kernel {

/// Whether scope `s` keeps all of `net` (nothing to filter).
bool whole_network(const network& net, const scope& s);

/// The overlap_layout of `net` for `kind` and `mask`, kept with the network
/// (lazy_indexes) for projections and top pairs (but Newman's, which need
/// packed_items): they then start at the kernel, without the pass over every role.
/// Null the first time a layout is asked for — a single query is faster without
/// building one (three times over on the largest networks) — and built the second
/// time. Thread-safe; a few layouts are kept (one per kind and role filter asked for),
/// past that they are built per call.
std::shared_ptr<const overlap_layout> cached_layout(const network& net, entity_kind kind,
                                                    const std::vector<bool>& mask);

}  // namespace kernel

/// The arrays of a projection or topic matrix, for the code that fills them in place.
struct csr_access {
  template <class M> static auto& indptr(M& m) noexcept { return m.indptr_; }
  template <class M> static auto& indices(M& m) noexcept { return m.indices_; }
  template <class M> static auto& counts(M& m) noexcept { return m.counts_; }
  static auto& weights(projection& p) noexcept { return p.weights_; }
};

}  // namespace danvan::detail
