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
#include "detail/huge_pages.hpp"
#include "detail/incidence.hpp"
#include "detail/parallel.hpp"
#include "detail/suggest.hpp"
#include <danvan/query/overlap.hpp>
#include "dated.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace danvan {

// ---- shared helpers (declared in detail/incidence.hpp) ------------------------

namespace detail {

void* allocate_bytes(std::size_t bytes) {
  constexpr std::size_t huge = std::size_t{2} << 20;
  void* p = nullptr;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= huge_page_minimum) {
    // 2 MiB-aligned, so that every page of the block can be a huge one.
    const std::size_t rounded = (bytes + huge - 1) / huge * huge;
    if (posix_memalign(&p, huge, rounded) != 0) throw std::bad_alloc();
    prefer_huge_pages(p, rounded);
    return p;
  }
#endif
  p = std::malloc(bytes == 0 ? 1 : bytes);
  if (!p) throw std::bad_alloc();
  return p;
}

std::vector<bool> role_mask(const network& net, const std::vector<std::string>& names, const char* what) {
  std::vector<bool> mask;
  if (names.empty()) return mask;
  mask.assign(net.vocabulary().size(), false);
  for (const auto& name : names) {
    const auto r = net.vocabulary().find(name);
    if (!r) {
      nearest near(name, 1);
      for (const auto& def : net.vocabulary().all()) near.offer(def.name);
      const auto best = near.result();
      throw argument_error(std::string(what) + ": unknown role `" + name + "`" +
                           (best.empty() ? std::string{} : "; did you mean `" + best.front() + "`?"));
    }
    mask[*r] = true;
  }
  return mask;
}

incidence build_incidence(const scope_filter& f, entity_kind on, const std::vector<bool>& mask, item_order order) {
  const auto& d = f.net().data();
  const bool tasks = on == entity_kind::task;
  const auto& begin = tasks ? d.task_role_begin : d.program_role_begin;
  incidence inc;
  inc.orgs = d.organizations.size();
  inc.items = tasks ? d.tasks.size() : d.programs.size();
  inc.item_begin.assign(inc.items + 1, 0);
  inc.org_begin.assign(inc.orgs + 1, 0);
  const std::size_t span = inc.items == 0 ? 0 : begin[inc.items] - begin[0];
  inc.item_orgs.resize(span);
  std::vector<index> stamp(inc.orgs, no_index);
  const bool all = f.everything() && mask.empty();
  const detail::role_record* roles = d.roles.data();
  index* out = inc.item_orgs.data();
  std::uint32_t* degree = inc.org_begin.data() + 1;
  std::uint32_t pos = 0;
  // One pass over the roles: each item's organizations as found, once each (an
  // organization with two roles on an item counts once).
  if (all) {
    for (index t = 0; t < inc.items; ++t) {
      inc.item_begin[t] = pos;
      for (std::uint32_t r = begin[t]; r < begin[t + 1]; ++r) {
        const index o = roles[r].org;
        const bool fresh = stamp[o] != t;
        stamp[o] = t;
        out[pos] = o;
        pos += fresh;
        degree[o] += fresh;
      }
    }
  } else {
    for (index t = 0; t < inc.items; ++t) {
      inc.item_begin[t] = pos;
      if (!(tasks ? f.task(t) : f.program(t))) continue;
      for (std::uint32_t r = begin[t]; r < begin[t + 1]; ++r) {
        const auto& rec = roles[r];
        if (!f.role(r) || (!mask.empty() && !mask[rec.role])) continue;
        if (stamp[rec.org] == t) continue;
        stamp[rec.org] = t;
        out[pos++] = rec.org;
        ++degree[rec.org];
      }
    }
  }
  inc.item_begin[inc.items] = pos;
  inc.item_orgs.resize(pos);
  // Organization → items by a counting sort (items come out ascending)...
  for (std::size_t o = 0; o < inc.orgs; ++o) inc.org_begin[o + 1] += inc.org_begin[o];
  inc.org_items.resize(pos);
  {
    std::vector<std::uint32_t> fill(inc.org_begin.begin(), inc.org_begin.end() - 1);
    index* oi = inc.org_items.data();
    for (index t = 0; t < inc.items; ++t)
      for (std::uint32_t i = inc.item_begin[t]; i < inc.item_begin[t + 1]; ++i) oi[fill[out[i]]++] = t;
  }
  // ...and back, which lists each item's organizations ascending.
  if (order == item_order::ascending) list_items_in_order(inc, {}, false, out);
  return inc;
}

void list_items_in_order(const incidence& inc, const std::vector<index>& org_at, bool as_ranks, index* out) {
  std::vector<std::uint32_t> fill(inc.item_begin.begin(), inc.item_begin.end() - 1);
  const index* oi = inc.org_items.data();
  for (index r = 0; r < inc.orgs; ++r) {
    const index o = org_at.empty() ? r : org_at[r];
    const index value = as_ranks ? r : o;
    for (std::uint32_t i = inc.org_begin[o]; i < inc.org_begin[o + 1]; ++i) out[fill[oi[i]]++] = value;
  }
}

unsigned worker_count(unsigned requested, std::size_t work_units) {
  unsigned n = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  if (work_units < n) n = static_cast<unsigned>(std::max<std::size_t>(1, work_units));
  return n;
}

}  // namespace detail

// ---- words ----------------------------------------------------------------------

namespace {

template <class E> E parse_word(std::string_view word, const char* what) {
  if (auto e = enum_from_string<E>(word)) return *e;
  std::string all;
  for (auto w : enum_names<E>::names) all += (all.empty() ? "" : ", ") + std::string(w);
  throw argument_error(std::string(what) + ": `" + std::string(word) + "` is not one of " + all);
}

}  // namespace

projection_on parse_projection_on(std::string_view word) { return parse_word<projection_on>(word, "on"); }
overlap_weight parse_overlap_weight(std::string_view word) { return parse_word<overlap_weight>(word, "weight"); }

// ---- the projection -----------------------------------------------------------

std::optional<std::size_t> projection::find(index a, index b) const noexcept {
  if (a >= size) return std::nullopt;
  const index* first = indices.data() + indptr[a];
  const index* last = indices.data() + indptr[a + 1];
  const index* it = std::lower_bound(first, last, b);
  if (it == last || *it != b) return std::nullopt;
  return static_cast<std::size_t>(it - indices.data());
}

std::size_t projection::memory_bytes() const noexcept {
  return indptr.size() * sizeof(std::uint64_t) + indices.size() * sizeof(index) +
         counts.size() * sizeof(std::uint32_t) + weights.size() * sizeof(double) +
         (row_items.capacity() + col_items.capacity()) * sizeof(std::uint32_t);
}

namespace {

using detail::incidence;

void check_threshold(double min_weight) {
  if (std::isnan(min_weight) || min_weight < 0)
    throw argument_error("min_weight: " + std::to_string(min_weight) +
                         " is not allowed; a threshold is a weight of zero or more (0 keeps every pair that "
                         "shares something)");
}

entity_kind item_kind(projection_on on) { return on == projection_on::tasks ? entity_kind::task : entity_kind::program; }

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
        detail::item_order order = detail::item_order::ascending)
      : filter(net, s) {
    const auto lmask = detail::role_mask(net, o.left_roles, "left roles");
    const auto rmask = detail::role_mask(net, o.right_roles, "right roles");
    symmetric = lmask == rmask;
    const auto kind = item_kind(o.on);
    left = detail::build_incidence(filter, kind, lmask, order);
    if (!symmetric) right_own = detail::build_incidence(filter, kind, rmask, order);
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
    const std::uint32_t first = row_begin[a], last = row_begin[a + 1];
    constexpr std::uint32_t ahead = 8;
    for (std::uint32_t i = first; i < last; ++i) {
      if (i + ahead < last) __builtin_prefetch(d + at[i + ahead]);
      const V* p = d + at[i];
      const std::uint32_t k = p[0];
      if constexpr (Newman) {
        const double w = weight[i];
        for (std::uint32_t j = 1; j <= k; ++j) acc.add(p[j], w);
      } else {
        for (std::uint32_t j = 1; j <= k; ++j) acc.add(p[j]);
      }
    }
    acc.drop(a);
  }
};

/// Work of each row (Σ of its items' column counts), for splitting rows between threads.
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

/// Row ranges of about equal work, one per thread.
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

// Below this many increments a second thread costs more than it saves.
constexpr std::uint64_t parallel_threshold = 200'000;

/// Threads for `work` units over `units` rows: as asked, or (0) every core unless the
/// work is too small to pay for starting threads.
unsigned parts_for(unsigned requested, std::uint64_t work, std::uint64_t threshold, std::size_t units) {
  if (requested == 0 && work < threshold) return 1;
  return detail::worker_count(requested, units);
}

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

  template <bool Newman> void accumulate(index a, accumulator& acc) const {
    const V* d = data.data();
    const std::uint32_t first = row_begin[a], last = row_begin[a + 1];
    constexpr std::uint32_t ahead = 8;
    for (std::uint32_t i = first; i < last; ++i) {
      if (i + ahead < last) __builtin_prefetch(d + from[i + ahead]);
      const V* p = d + from[i];
      const std::uint32_t k = count[i];
      if constexpr (Newman) {
        const double w = weight[i];
        for (std::uint32_t j = 0; j < k; ++j) acc.add(p[j], w);
      } else {
        for (std::uint32_t j = 0; j < k; ++j) acc.add(p[j]);
      }
    }
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

/// Gives back the item lists of an incidence (the packed layout has a copy); the
/// counts per organization stay for the weights.
void release_lists(detail::incidence& inc) {
  detail::index_array().swap(inc.item_orgs);
  detail::index_array().swap(inc.org_items);
}

/// The symmetric projection: the upper triangle row by row (threads take ranges of
/// rows of equal work), then each entry (a, b) written twice into the final CSR
/// arrays: in row a after a's lower part, and in row b's lower part. Rows of lower
/// threads come first in every lower part, so rows stay sorted.
template <class V>
void project_symmetric(sides& sd, const projection_options& o, projection& p) {
  const std::size_t n = sd.left.orgs;
  const bool newman = o.weight == overlap_weight::newman;
  const bool keep_weights = o.weight != overlap_weight::count;
  auto packed = std::make_unique<const packed_upper<V>>(sd, newman);
  const packed_upper<V>& rows = *packed;
  release_lists(sd.left);  // peak memory: the packed copy is all the rows need

  std::vector<std::uint64_t> prefix(n + 1, 0);
  for (index a = 0; a < n; ++a) prefix[a + 1] = prefix[a] + 4 + rows.work(a);
  const unsigned parts = parts_for(o.threads, prefix[n], parallel_threshold / 2, n);
  const auto cut = split_rows(prefix, parts);
  std::vector<std::uint64_t> region(parts + 1, 0);
  for (unsigned q = 0; q < parts; ++q) {
    std::uint64_t bound = 0;
    for (index a = cut[q]; a < cut[q + 1]; ++a)
      bound += std::min<std::uint64_t>(n - 1 - a, prefix[a + 1] - prefix[a] - 4);
    region[q + 1] = region[q] + bound;
  }
  // The upper triangle, each part in its region; per part, entries per column.
  detail::buffer<index> up_idx(region[parts]);
  detail::buffer<std::uint32_t> up_cnt(region[parts]);
  detail::buffer<double> up_w(keep_weights ? region[parts] : 0);
  std::vector<std::uint32_t> up_len(n, 0);
  std::vector<std::vector<std::uint32_t>> column(parts);
  const weigher weigh{o.weight, &sd};
  const double min_weight = o.min_weight;
  detail::run_parallel(parts, [&](unsigned q) {
    accumulator acc(n, newman);
    auto& col = column[q];
    col.assign(n, 0);
    std::uint64_t pos = region[q];
    index* idx = up_idx.data();
    std::uint32_t* cnt = up_cnt.data();
    double* wts = up_w.data();
    for (index a = cut[q]; a < cut[q + 1]; ++a) {
      const std::uint64_t start = pos;
      pos = write_row(rows, a, acc, newman, o.weight == overlap_weight::count, weigh, min_weight, idx, cnt, wts, pos,
                      [&col](index b) { ++col[b]; });
      up_len[a] = static_cast<std::uint32_t>(pos - start);
    }
  });

  packed.reset();

  // Row a: its lower part (entries (r, a), r < a), then its upper part.
  std::vector<std::uint64_t> lower_len(n, 0);
  for (unsigned q = 0; q < parts; ++q)
    for (std::size_t c = 0; c < n; ++c) lower_len[c] += column[q][c];
  for (std::size_t a = 0; a < n; ++a) p.indptr[a + 1] = p.indptr[a] + lower_len[a] + up_len[a];
  const std::uint64_t total = p.indptr[n];
  detail::buffer<index> indices(total);
  detail::buffer<std::uint32_t> counts(total);
  detail::buffer<double> weights(keep_weights ? total : 0);
  // Where part q starts writing in each row's lower part: after the parts before it.
  for (std::size_t c = 0; c < n; ++c) {
    std::uint32_t before = 0;
    for (unsigned q = 0; q < parts; ++q) {
      const std::uint32_t mine = column[q][c];
      column[q][c] = before;
      before += mine;
    }
  }
  detail::run_parallel(parts, [&](unsigned q) {
    auto& lower_fill = column[q];
    std::uint64_t pos = region[q];
    for (index a = cut[q]; a < cut[q + 1]; ++a) {
      const std::uint64_t upper_at = p.indptr[a] + lower_len[a];
      const std::uint32_t len = up_len[a];
      if (len == 0) continue;  // (memcpy from an empty buffer's null pointer is undefined, even for 0 bytes)
      std::memcpy(indices.data() + upper_at, up_idx.data() + pos, len * sizeof(index));
      std::memcpy(counts.data() + upper_at, up_cnt.data() + pos, len * sizeof(std::uint32_t));
      if (keep_weights) std::memcpy(weights.data() + upper_at, up_w.data() + pos, len * sizeof(double));
      for (std::uint32_t e = 0; e < len; ++e) {
        const index b = up_idx[pos + e];
        const std::uint64_t at = p.indptr[b] + lower_fill[b]++;
        indices[at] = a;
        counts[at] = up_cnt[pos + e];
        if (keep_weights) weights[at] = up_w[pos + e];
      }
      pos += len;
    }
  });
  p.indices = std::move(indices);
  p.counts = std::move(counts);
  p.weights = std::move(weights);
}

/// Computes the rows of each part into its region of the output.
template <class Rows>
void fill_projection(const sides& sd, const Rows& rows, const projection_options& o, const std::vector<index>& cut,
                     const std::vector<std::uint64_t>& region, detail::buffer<index>& indices,
                     detail::buffer<std::uint32_t>& counts, detail::buffer<double>& weights, projection& p,
                     std::vector<std::uint64_t>& used) {
  const bool newman = o.weight == overlap_weight::newman;
  const weigher weigh{o.weight, &sd};
  const double min_weight = o.min_weight;
  const std::size_t n = sd.left.orgs;
  const auto parts = static_cast<unsigned>(cut.size() - 1);
  detail::run_parallel(parts, [&](unsigned q) {
    accumulator acc(n, newman);
    std::uint64_t pos = region[q];
    index* idx = indices.data();
    std::uint32_t* cnt = counts.data();
    double* wts = weights.data();
    for (index a = cut[q]; a < cut[q + 1]; ++a) {
      const std::uint64_t start = pos;
      pos = write_row(rows, a, acc, newman, o.weight == overlap_weight::count, weigh, min_weight, idx, cnt, wts, pos,
                      [](index) {});
      p.indptr[a + 1] = pos - start;
    }
    used[q] = pos - region[q];
  });
}

}  // namespace

projection project(const network& net, const scope& s, const projection_options& o) {
  if (const detail::dated_query dated{net, s}) return project(dated.net(), dated.rest(), o);
  check_threshold(o.min_weight);
  const bool newman = o.weight == overlap_weight::newman;
  sides sd(net, s, o, newman, detail::item_order::any);
  const std::size_t n = sd.left.orgs;

  projection p;
  p.on = o.on;
  p.weight = o.weight;
  p.symmetric = sd.symmetric;
  p.size = n;
  p.row_items.resize(n);
  p.col_items.resize(n);
  for (index a = 0; a < n; ++a) {
    p.row_items[a] = sd.left_degree(a);
    p.col_items[a] = sd.right_degree(a);
  }
  p.indptr = detail::buffer<std::uint64_t>(n + 1, 0);
  if (n == 0) return p;
  // The upper triangle and its mirror image do half the increments but write each entry
  // of the result twice, the second time scattered; that pays while the result fits in
  // the caches (M), not when it is tens of megabytes (L).
  const std::uint64_t ub = [&] {
    std::uint64_t pairs = 0;
    for (index t = 0; t < sd.left.items; ++t) {
      const std::uint64_t d = sd.left.degree_of_item(t);
      pairs += d * (d ? d - 1 : 0);
    }
    return pairs;
  }();
  const bool triangle = o.method == projection_method::upper_triangle ||
                        (o.method == projection_method::automatic &&
                         ub * (sizeof(index) + sizeof(std::uint32_t)) <= (std::uint64_t{16} << 20));
  if (sd.symmetric && triangle) {
    if (n < 65536) project_symmetric<std::uint16_t>(sd, o, p);
    else project_symmetric<std::uint32_t>(sd, o, p);
    return p;
  }

  const auto prefix = row_work_prefix(sd);
  const unsigned parts = parts_for(o.threads, prefix[n], parallel_threshold, n);
  const auto cut = split_rows(prefix, parts);

  // Each part writes into its own region, sized by the bound min(n − 1, Σ d(t)) per row.
  std::vector<std::uint64_t> region(parts + 1, 0);
  for (unsigned q = 0; q < parts; ++q) {
    std::uint64_t bound = 0;
    for (index a = cut[q]; a < cut[q + 1]; ++a)
      bound += std::min<std::uint64_t>(n - 1, prefix[a + 1] - prefix[a] - 4);
    region[q + 1] = region[q] + bound;
  }
  const std::uint64_t capacity = region[parts];
  detail::buffer<index> indices(capacity);
  detail::buffer<std::uint32_t> counts(capacity);
  const bool keep_weights = o.weight != overlap_weight::count;
  detail::buffer<double> weights(keep_weights ? capacity : 0);
  std::vector<std::uint64_t> used(parts, 0);

  auto rows_then_release = [&](auto&& rows) -> decltype(auto) {
    release_lists(sd.left);
    if (!sd.symmetric) release_lists(sd.right_own);
    return std::forward<decltype(rows)>(rows);
  };
  if (n < 65536)
    fill_projection(sd, rows_then_release(packed_rows<std::uint16_t>(sd, newman)), o, cut, region, indices, counts,
                    weights, p, used);
  else
    fill_projection(sd, rows_then_release(packed_rows<std::uint32_t>(sd, newman)), o, cut, region, indices, counts,
                    weights, p, used);

  // Close the gaps between the parts' regions, then give back the unused tail.
  std::uint64_t total = used[0];
  for (unsigned q = 1; q < parts; ++q) {
    if (used[q] && region[q] != total) {
      std::memmove(indices.data() + total, indices.data() + region[q], used[q] * sizeof(index));
      std::memmove(counts.data() + total, counts.data() + region[q], used[q] * sizeof(std::uint32_t));
      if (keep_weights) std::memmove(weights.data() + total, weights.data() + region[q], used[q] * sizeof(double));
    }
    total += used[q];
  }
  indices.shrink(total);
  counts.shrink(total);
  weights.shrink(keep_weights ? total : 0);
  for (std::size_t a = 0; a < n; ++a) p.indptr[a + 1] += p.indptr[a];
  p.indices = std::move(indices);
  p.counts = std::move(counts);
  p.weights = std::move(weights);
  return p;
}

// ---- size before projecting -----------------------------------------------------

projection_estimate estimate_projection(const network& net, const scope& s, const projection_options& o, bool exact) {
  if (const detail::dated_query dated{net, s}) return estimate_projection(dated.net(), dated.rest(), o, exact);
  check_threshold(o.min_weight);
  const bool newman = o.weight == overlap_weight::newman;
  const sides sd(net, s, o, newman && exact);
  const std::size_t n = sd.left.orgs;
  projection_estimate e;
  std::vector<bool> active(n, false);
  for (index t = 0; t < sd.left.items; ++t) {
    const auto l = sd.left.orgs_of(t);
    if (sd.symmetric) {
      const std::uint64_t d = l.size();
      if (d < 2) continue;
      ++e.items;
      e.pair_increments += d * (d - 1) / 2;
    } else {
      const auto r = sd.right->orgs_of(t);
      std::uint64_t common = 0;
      for (std::size_t i = 0, j = 0; i < l.size() && j < r.size();) {
        if (l[i] < r[j]) ++i;
        else if (r[j] < l[i]) ++j;
        else { ++common; ++i; ++j; }
      }
      const std::uint64_t ordered = static_cast<std::uint64_t>(l.size()) * r.size() - common;
      if (ordered == 0) continue;
      ++e.items;
      e.pair_increments += ordered;
    }
    for (index a : l) active[a] = true;
  }
  const std::uint64_t m = static_cast<std::uint64_t>(std::count(active.begin(), active.end(), true));
  const std::uint64_t dense = sd.symmetric ? m * (m ? m - 1 : 0) : static_cast<std::uint64_t>(n) * (n ? n - 1 : 0);
  e.upper_bound = std::min(sd.symmetric ? 2 * e.pair_increments : e.pair_increments, dense);
  const std::uint64_t per_entry = sizeof(index) + sizeof(std::uint32_t) + (o.weight == overlap_weight::count ? 0 : sizeof(double));
  const std::uint64_t fixed = (n + 1) * sizeof(std::uint64_t) + 2 * n * sizeof(std::uint32_t);

  if (exact && n > 0) {
    // Symmetric: count the upper triangle (half the work) and double it.
    const auto prefix = row_work_prefix(sd);
    const unsigned parts = parts_for(o.threads, prefix[n], parallel_threshold, n);
    const auto cut = split_rows(prefix, parts);
    std::vector<std::uint64_t> found(parts, 0);
    const weigher weigh{o.weight, &sd};
    detail::run_parallel(parts, [&](unsigned q) {
      accumulator acc(n, newman);
      std::uint64_t k = 0;
      for (index a = cut[q]; a < cut[q + 1]; ++a) {
        if (sd.symmetric) {
          if (newman) accumulate_row<true, true>(sd, a, acc);
          else accumulate_row<false, true>(sd, a, acc);
        } else {
          if (newman) accumulate_row<true, false>(sd, a, acc);
          else accumulate_row<false, false>(sd, a, acc);
        }
        acc.drain([&](index b, std::uint32_t c, double x) { k += weigh(a, b, c, x) >= o.min_weight; });
      }
      found[q] = k;
    });
    std::uint64_t entries = std::accumulate(found.begin(), found.end(), std::uint64_t{0});
    if (sd.symmetric) entries *= 2;
    e.entries = entries;
    e.bytes = fixed + entries * per_entry;
  } else {
    e.bytes = fixed + e.upper_bound * per_entry;
  }
  return e;
}

// ---- top pairs ----------------------------------------------------------------

namespace {

/// Orders candidate pairs: larger weight first, then (a, b) ascending.
bool better(const organization_pair& x, const organization_pair& y) noexcept {
  if (x.weight != y.weight) return x.weight > y.weight;
  if (x.a != y.a) return x.a < y.a;
  return x.b < y.b;
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
/// the rows (symmetric: the upper triangle, so each pair once). Rows whose bound is
/// under the k-th best weight found so far (by any thread) are skipped.
template <class Rows>
std::vector<organization_pair> top_by_rows(const sides& sd, const Rows& rows, const std::vector<double>& bound,
                                           std::size_t k, const projection_options& o) {
  const std::size_t n = sd.left.orgs;
  const bool newman = o.weight == overlap_weight::newman;
  std::uint64_t work = 0;
  for (index a = 0; a < n; ++a) work += sd.left_degree(a);
  const unsigned parts = parts_for(o.threads, work * 8, parallel_threshold, n);
  shared_floor kth(o.min_weight);
  const weigher weigh{o.weight, &sd};
  std::vector<std::vector<organization_pair>> heaps(parts);
  constexpr index chunk = 16;
  detail::run_parallel(parts, [&](unsigned q) {
    auto& heap = heaps[q];
    heap.reserve(k + 1);
    const auto worse_on_top = [](const organization_pair& x, const organization_pair& y) { return better(x, y); };
    accumulator acc(n, newman);
    for (std::size_t first = std::size_t{q} * chunk; first < n; first += std::size_t{parts} * chunk) {
      const std::size_t last = std::min<std::size_t>(n, first + chunk);
      for (auto a = static_cast<index>(first); a < last; ++a) {
        if (sd.left_degree(a) == 0) continue;
        if (!bound.empty() && bound[a] < kth.get()) continue;
        if (newman) rows.template accumulate<true>(a, acc);
        else rows.template accumulate<false>(a, acc);
        acc.drain([&](index b, std::uint32_t c, double x) {
          const double w = weigh(a, b, c, x);
          if (w < o.min_weight) return;
          const organization_pair cand{a, b, c, w};
          if (heap.size() < k) {
            heap.push_back(cand);
            std::push_heap(heap.begin(), heap.end(), worse_on_top);
          } else if (better(cand, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), worse_on_top);
            heap.back() = cand;
            std::push_heap(heap.begin(), heap.end(), worse_on_top);
          } else {
            return;
          }
          if (heap.size() == k) kth.raise(heap.front().weight);
        });
      }
    }
  });
  std::vector<organization_pair> all;
  for (auto& h : heaps) all.insert(all.end(), h.begin(), h.end());
  std::sort(all.begin(), all.end(), better);
  if (all.size() > k) all.resize(k);
  return all;
}

}  // namespace

namespace {

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
  const auto& d = net.data();
  const std::size_t n = d.organizations.size();
  const std::size_t items = kind == entity_kind::task ? d.tasks.size() : d.programs.size();
  if (n < 2 || items == 0) return std::nullopt;
  const std::size_t words = (items + 63) / 64;
  const std::uint64_t budget = 8 * static_cast<std::uint64_t>(d.roles.size()) + 4096;
  const bool all = f.everything() && lmask.empty() && rmask.empty();

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
        if (rec.target_kind != kind) continue;
        if (!all && (!f.role(r) || (!mask.empty() && !mask[rec.role]))) continue;
        b[rec.target >> 6] |= std::uint64_t{1} << (rec.target & 63);
      }
    }
    return b.data();
  };
  static const bool popcnt = __builtin_cpu_supports("popcnt");
  const auto count = popcnt ? and_count_popcnt : and_count_plain;

  std::vector<organization_pair> heap;
  const auto worse_on_top = [](const organization_pair& x, const organization_pair& y) { return better(x, y); };
  auto offer = [&](index a, index b) {
    const std::uint32_t c = count(bits_of(lbits, a, lmask), bits_of(rbits, b, rmask), words);
    if (c == 0 || c < min_weight) return;
    organization_pair cand{a, b, c, static_cast<double>(c)};
    if (symmetric && b < a) std::swap(cand.a, cand.b);
    if (heap.size() < k) {
      heap.push_back(cand);
      std::push_heap(heap.begin(), heap.end(), worse_on_top);
    } else if (better(cand, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), worse_on_top);
      heap.back() = cand;
      std::push_heap(heap.begin(), heap.end(), worse_on_top);
    }
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
  if (o.weight == overlap_weight::count) {
    const scope_filter f(net, s);
    const auto lmask = detail::role_mask(net, o.left_roles, "left roles");
    const auto rmask = detail::role_mask(net, o.right_roles, "right roles");
    if (auto found = top_count_by_window(net, f, lmask, rmask, lmask == rmask, item_kind(o.on), k, o.min_weight))
      return std::move(*found);
  }
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
  if (n < 65536) {
    if (sd.symmetric) return top_by_rows(sd, packed_upper<std::uint16_t>(sd, newman), bound, k, o);
    return top_by_rows(sd, packed_rows<std::uint16_t>(sd, newman), bound, k, o);
  }
  if (sd.symmetric) return top_by_rows(sd, packed_upper<std::uint32_t>(sd, newman), bound, k, o);
  return top_by_rows(sd, packed_rows<std::uint32_t>(sd, newman), bound, k, o);
}

// ---- the items two organizations share -----------------------------------------

std::vector<shared_item> shared_items(const network& net, const scope& s, index a, index b,
                                      const projection_options& o) {
  const auto& d = net.data();
  if (a >= d.organizations.size() || b >= d.organizations.size())
    throw std::out_of_range("danvan: organization position " + std::to_string(std::max(a, b)) +
                            " is past the end (" + std::to_string(d.organizations.size()) + " organizations)");
  if (const detail::dated_query dated{net, s}) {
    const index x = dated.position(entity_kind::organization, a), y = dated.position(entity_kind::organization, b);
    return x == no_index || y == no_index ? std::vector<shared_item>{} : shared_items(dated.net(), dated.rest(), x, y, o);
  }
  const scope_filter f(net, s);
  const auto lmask = detail::role_mask(net, o.left_roles, "left roles");
  const auto rmask = detail::role_mask(net, o.right_roles, "right roles");
  std::vector<shared_item> out;
  if (a == b) return out;
  const entity_kind kind = item_kind(o.on);

  // (target, role) of an organization's roles in scope, in role order (grouped by target).
  auto held = [&](index org, const std::vector<bool>& mask) {
    std::vector<std::pair<index, role_index>> v;
    for (std::uint32_t i = d.org_role_begin[org]; i < d.org_role_begin[org + 1]; ++i) {
      const index r = d.org_roles[i];
      const auto& rec = d.roles[r];
      if (rec.target_kind != kind || !f.role(r) || (!mask.empty() && !mask[rec.role])) continue;
      v.emplace_back(rec.target, rec.role);
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  const auto ha = held(a, lmask), hb = held(b, rmask);
  for (std::size_t i = 0, j = 0; i < ha.size() && j < hb.size();) {
    if (ha[i].first < hb[j].first) { ++i; continue; }
    if (hb[j].first < ha[i].first) { ++j; continue; }
    const index t = ha[i].first;
    shared_item item{kind, t, {}, {}};
    for (; i < ha.size() && ha[i].first == t; ++i) item.roles_a.push_back(ha[i].second);
    for (; j < hb.size() && hb[j].first == t; ++j) item.roles_b.push_back(hb[j].second);
    out.push_back(std::move(item));
  }
  return out;
}

// ---- organizations × topics ----------------------------------------------------

topic_matrix topic_overlap(const network& net, const scope& s, const topic_overlap_options& o) {
  if (const detail::dated_query dated{net, s}) return topic_overlap(dated.net(), dated.rest(), o);
  const scope_filter f(net, s);
  const auto mask = detail::role_mask(net, o.roles, "roles");
  const entity_kind kind = item_kind(o.on);
  const auto inc = detail::build_incidence(f, kind, mask);
  const auto& d = net.data();
  const std::size_t n = inc.orgs, topics = d.topics.size();

  // Each item's topics (with their ancestors when rolled up), once each, ascending.
  std::vector<std::uint32_t> tbegin(inc.items + 1, 0);
  std::vector<index> tlist;
  {
    std::vector<index> stamp(topics, no_index), chain;
    for (index t = 0; t < inc.items; ++t) {
      tbegin[t] = static_cast<std::uint32_t>(tlist.size());
      if (inc.degree_of_item(t) == 0) continue;
      const auto direct = kind == entity_kind::task ? d.list(d.tasks[t].topics) : d.list(d.programs[t].topics);
      const std::size_t first = tlist.size();
      for (index topic : direct) {
        for (index x = topic; x != no_index; x = o.rollup ? d.topics[x].parent : no_index) {
          if (stamp[x] == t) break;  // already counted with its ancestors
          stamp[x] = t;
          tlist.push_back(x);
        }
      }
      std::sort(tlist.begin() + static_cast<std::ptrdiff_t>(first), tlist.end());
    }
    tbegin[inc.items] = static_cast<std::uint32_t>(tlist.size());
  }

  topic_matrix m;
  m.rows = n;
  m.cols = topics;
  m.indptr = detail::buffer<std::uint64_t>(n + 1, 0);
  std::vector<index> cols;
  std::vector<std::uint32_t> vals;
  std::vector<std::uint32_t> acc(topics, 0);
  std::vector<index> touched;
  for (index a = 0; a < n; ++a) {
    touched.clear();
    for (index t : inc.items_of(a))
      for (std::uint32_t i = tbegin[t]; i < tbegin[t + 1]; ++i)
        if (acc[tlist[i]]++ == 0) touched.push_back(tlist[i]);
    std::sort(touched.begin(), touched.end());
    for (index x : touched) {
      cols.push_back(x);
      vals.push_back(acc[x]);
      acc[x] = 0;
    }
    m.indptr[a + 1] = cols.size();
  }
  m.indices = detail::buffer<index>(std::span<const index>(cols));
  m.counts = detail::buffer<std::uint32_t>(std::span<const std::uint32_t>(vals));
  return m;
}

}  // namespace danvan
