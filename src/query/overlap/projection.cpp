// The organization × organization projection: project() and the projection's own
// methods (how it is computed: kernel.hpp).
#include "kernel.hpp"
#include "../dated.hpp"

#include "detail/huge_pages.hpp"
#include "detail/parallel.hpp"
#include <danvan/query/argument_error.hpp>

#include <cstring>
#include <memory>
#include <mutex>
#include <variant>

namespace danvan {

using namespace detail::kernel;

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
  const index* first = indices_.data() + indptr_[a];
  const index* last = indices_.data() + indptr_[a + 1];
  const index* it = std::lower_bound(first, last, b);
  if (it == last || *it != b) return std::nullopt;
  return static_cast<std::size_t>(it - indices_.data());
}

std::size_t projection::memory_bytes() const noexcept {
  return indptr_.size() * sizeof(std::uint64_t) + indices_.size() * sizeof(index) +
         counts_.size() * sizeof(std::uint32_t) + weights_.size() * sizeof(double) +
         (row_items.capacity() + col_items.capacity()) * sizeof(std::uint32_t);
}

namespace {

/// The arrays of the last projection dropped, kept for the next one: the operating
/// system clears every fresh page before a program first writes it, which took a fifth
/// of the time of a projection of tens of megabytes (L), while memory already written
/// costs nothing more. Only large arrays are kept (smaller ones malloc reuses anyway), one of
/// each kind, so the process holds at most one dropped projection's arrays.
struct recycled_arrays {
  std::mutex mutex;
  detail::buffer<index> indices;
  detail::buffer<std::uint32_t> counts;
  detail::buffer<double> weights;

  /// The process's one store; never destroyed, so that projections dropped at exit
  /// still find it.
  static recycled_arrays& get() {
    static auto* const store = new recycled_arrays;
    return *store;
  }

  /// `n` uninitialized elements: the kept array of that kind when it has room for them
  /// and not much more (its end is given back), else a new one.
  template <class T> detail::buffer<T> take(detail::buffer<T>& kept, std::size_t n) {
    detail::buffer<T> b;
    if (n * sizeof(T) >= detail::huge_page_minimum) {
      std::lock_guard lock(mutex);
      if (kept.size() >= n && kept.size() - n <= n / 8) b = std::move(kept);
    }
    if (b.empty()) return detail::buffer<T>(n);
    b.shrink(n);
    return b;
  }

  /// The three output arrays of a projection of `n` entries (weights only when `weighted`).
  struct arrays {
    detail::buffer<index> indices;
    detail::buffer<std::uint32_t> counts;
    detail::buffer<double> weights;

    /// Hands the arrays to `p`.
    void move_to(projection& p) {
      detail::csr_access::indices(p) = std::move(indices);
      detail::csr_access::counts(p) = std::move(counts);
      detail::csr_access::weights(p) = std::move(weights);
    }
  };
  arrays take_all(std::size_t n, bool weighted) {
    return {take(indices, n), take(counts, n), take(weights, weighted ? n : 0)};
  }

  /// Keeps a dropped array `b` when large; `b` takes the array it replaces, for its
  /// owner to free (outside the lock).
  template <class T> void give(detail::buffer<T>& kept, detail::buffer<T>& b) {
    if (b.size() * sizeof(T) < detail::huge_page_minimum) return;
    std::lock_guard lock(mutex);
    std::swap(kept, b);
  }
};

/// Accumulates the rows of each part of `cut` on a thread of its own, writing part q's
/// entries one row after another from region[q] on (at idx, cnt and wts; wts only when
/// weighted); calls row_done(q, a, entries) after each row and written(q, b) for each
/// entry (a, b). The layouts and methods of the projection share this loop.
template <class Rows, class RowDone, class Written>
void write_parts(std::size_t n, const Rows& rows, const weigher& weigh, const projection_options& o,
                 const std::vector<index>& cut, const std::vector<std::uint64_t>& region, index* idx,
                 std::uint32_t* cnt, double* wts, RowDone row_done, Written written) {
  const bool newman = o.weight == overlap_weight::newman;
  const bool count_only = o.weight == overlap_weight::count;
  detail::run_parallel(static_cast<unsigned>(cut.size() - 1), [&](unsigned q) {
    accumulator acc(n, newman);
    std::uint64_t pos = region[q];
    for (index a = cut[q]; a < cut[q + 1]; ++a) {
      const std::uint64_t start = pos;
      pos = write_row(rows, a, acc, newman, count_only, weigh, o.min_weight, idx, cnt, wts, pos,
                      [&written, q](index b) { written(q, b); });
      row_done(q, a, pos - start);
    }
  });
}

/// Per part of `cut`, the most entries its rows can have: Σ min(`most(a)`, the row's
/// increments); the parts' regions of the output, one after another.
template <class Most>
std::vector<std::uint64_t> regions(const std::vector<std::uint64_t>& prefix, const std::vector<index>& cut, Most most) {
  const std::size_t parts = cut.size() - 1;
  std::vector<std::uint64_t> region(parts + 1, 0);
  for (std::size_t q = 0; q < parts; ++q) {
    std::uint64_t bound = 0;
    for (index a = cut[q]; a < cut[q + 1]; ++a)
      bound += std::min<std::uint64_t>(most(a), prefix[a + 1] - prefix[a] - 4);
    region[q + 1] = region[q] + bound;
  }
  return region;
}

/// The symmetric projection by the upper triangle, row by row (threads take ranges of
/// rows of equal work), then each entry (a, b) written twice into the final CSR
/// arrays: in row a after a's lower part, and in row b's lower part. Rows of lower
/// threads come first in every lower part, so rows stay sorted.
template <class Layout>
void project_upper(const Layout& items, const weigher& weigh, const projection_options& o, projection& p) {
  const std::size_t n = items.orgs();
  const bool keep_weights = o.weight != overlap_weight::count;
  const auto& prefix = items.upper_work;
  const unsigned parts = parts_for(o.threads, prefix[n], parallel_threshold / 2, n);
  const auto cut = split_rows(prefix, parts);
  const auto region = regions(prefix, cut, [n](index a) { return n - 1 - a; });
  // The upper triangle, each part in its region; per part, entries per column.
  detail::buffer<index> up_idx(region[parts]);
  detail::buffer<std::uint32_t> up_cnt(region[parts]);
  detail::buffer<double> up_w(keep_weights ? region[parts] : 0);
  std::vector<std::uint32_t> up_len(n, 0);
  std::vector<std::vector<std::uint32_t>> column(parts, std::vector<std::uint32_t>(n, 0));
  write_parts(
      n, rows_view<Layout, true>{&items}, weigh, o, cut, region, up_idx.data(), up_cnt.data(), up_w.data(),
      [&](unsigned, index a, std::uint64_t len) { up_len[a] = static_cast<std::uint32_t>(len); },
      [&](unsigned q, index b) { ++column[q][b]; });

  // Row a: its lower part (entries (r, a), r < a), then its upper part.
  auto& indptr = detail::csr_access::indptr(p);
  std::vector<std::uint64_t> lower_len(n, 0);
  for (unsigned q = 0; q < parts; ++q)
    for (std::size_t c = 0; c < n; ++c) lower_len[c] += column[q][c];
  for (std::size_t a = 0; a < n; ++a) indptr[a + 1] = indptr[a] + lower_len[a] + up_len[a];
  const std::uint64_t total = indptr[n];
  auto out = recycled_arrays::get().take_all(total, keep_weights);
  auto& indices = out.indices;  // (not a structured binding: lambdas below capture these)
  auto& counts = out.counts;
  auto& weights = out.weights;
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
      const std::uint64_t upper_at = indptr[a] + lower_len[a];
      const std::uint32_t len = up_len[a];
      if (len == 0) continue;  // (memcpy from an empty buffer's null pointer is undefined, even for 0 bytes)
      std::memcpy(indices.data() + upper_at, up_idx.data() + pos, len * sizeof(index));
      std::memcpy(counts.data() + upper_at, up_cnt.data() + pos, len * sizeof(std::uint32_t));
      if (keep_weights) std::memcpy(weights.data() + upper_at, up_w.data() + pos, len * sizeof(double));
      for (std::uint32_t e = 0; e < len; ++e) {
        const index b = up_idx[pos + e];
        const std::uint64_t at = indptr[b] + lower_fill[b]++;
        indices[at] = a;
        counts[at] = up_cnt[pos + e];
        if (keep_weights) weights[at] = up_w[pos + e];
      }
      pos += len;
    }
  });
  out.move_to(p);
}

/// The projection by full rows: each part's rows into its region of the output, sized by
/// the bound min(n − 1, Σ d(t)) per row; then the gaps between the regions closed.
/// With `entries` (each row's entries without a threshold) and no threshold, the
/// output is sized exactly and each part writes its rows in place.
template <class Rows>
void project_rows(std::size_t n, const Rows& rows, const std::vector<std::uint64_t>& prefix, const weigher& weigh,
                  const projection_options& o, projection& p, const std::vector<std::uint32_t>* entries = nullptr) {
  const unsigned parts = parts_for(o.threads, prefix[n], parallel_threshold, n);
  const auto cut = split_rows(prefix, parts);
  if (entries && o.min_weight == 0) {
    auto& indptr = detail::csr_access::indptr(p);
    for (std::size_t a = 0; a < n; ++a) indptr[a + 1] = indptr[a] + (*entries)[a];
    const std::uint64_t total = indptr[n];
    auto out = recycled_arrays::get().take_all(total, o.weight != overlap_weight::count);
    std::vector<std::uint64_t> start(parts + 1);
    for (unsigned q = 0; q <= parts; ++q) start[q] = indptr[cut[q]];
    write_parts(n, rows, weigh, o, cut, start, out.indices.data(), out.counts.data(), out.weights.data(),
                [](unsigned, index, std::uint64_t) {}, [](unsigned, index) {});
    out.move_to(p);
    return;
  }
  const auto region = regions(prefix, cut, [n](index) { return n - 1; });
  const std::uint64_t capacity = region[parts];
  const bool keep_weights = o.weight != overlap_weight::count;
  auto out = recycled_arrays::get().take_all(capacity, keep_weights);
  auto& indices = out.indices;
  auto& counts = out.counts;
  auto& weights = out.weights;
  auto& indptr = detail::csr_access::indptr(p);
  write_parts(
      n, rows, weigh, o, cut, region, indices.data(), counts.data(), weights.data(),
      [&](unsigned, index a, std::uint64_t len) { indptr[a + 1] = len; }, [](unsigned, index) {});
  std::vector<std::uint64_t> used(parts, 0);
  for (unsigned q = 0; q < parts; ++q)
    for (index a = cut[q]; a < cut[q + 1]; ++a) used[q] += indptr[a + 1];

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
  for (std::size_t a = 0; a < n; ++a) indptr[a + 1] += indptr[a];
  out.move_to(p);
}

/// An empty projection of n organizations with its row and column item counts.
projection start_projection(const projection_options& o, bool symmetric, std::size_t n, const std::uint32_t* left_begin,
                            const std::uint32_t* right_begin) {
  projection p;
  p.on = o.on;
  p.weight = o.weight;
  p.symmetric = symmetric;
  p.size = n;
  p.row_items.resize(n);
  p.col_items.resize(n);
  for (index a = 0; a < n; ++a) {
    p.row_items[a] = left_begin[a + 1] - left_begin[a];
    p.col_items[a] = right_begin[a + 1] - right_begin[a];
  }
  detail::csr_access::indptr(p) = detail::buffer<std::uint64_t>(n + 1, 0);
  return p;
}

/// The symmetric projection of a packed incidence. The upper triangle and its mirror
/// image do half the increments but write each entry of the result twice, the second
/// time scattered; on packed items that pays while the result fits in the caches, not
/// when it is tens of megabytes. Rows written as runs (expanded_rows) make an increment
/// a sequential read, and full rows win on every size (M and L).
template <class Layout>
projection project_symmetric(const Layout& items, const projection_options& o,
                             const std::vector<std::uint32_t>* entries = nullptr) {
  const std::size_t n = items.orgs();
  const std::uint32_t* begin = items.degree_begin();
  projection p = start_projection(o, true, n, begin, begin);
  if (n == 0) return p;
  const weigher weigh(o.weight, begin, begin);
  constexpr bool runs = requires(index* i, std::uint32_t* c) { items.template runs<false>(0, i, c, 0); };
  const bool triangle = o.method == projection_method::upper_triangle ||
                        (o.method == projection_method::automatic && !runs &&
                         items.pair_work * (sizeof(index) + sizeof(std::uint32_t)) <= (std::uint64_t{16} << 20));
  if (triangle) project_upper(items, weigh, o, p);
  else project_rows(n, rows_view<Layout, false>{&items}, items.full_work, weigh, o, p, entries);
  return p;
}

}  // namespace

projection::~projection() {
  auto& store = recycled_arrays::get();
  store.give(store.indices, indices_);
  store.give(store.counts, counts_);
  store.give(store.weights, weights_);
}

projection project(const network& net, const scope& s, const projection_options& o) {
  if (const detail::dated_query dated{net, s}) return project(dated.net(), dated.rest(), o);
  check_threshold(o.min_weight);
  const bool newman = o.weight == overlap_weight::newman;
  if (whole_network(net, s) && !newman) {
    const auto lmask = detail::role_mask(net, o.left_roles, "left roles");
    if (lmask == detail::role_mask(net, o.right_roles, "right roles")) {
      if (const auto layout = cached_layout(net, item_kind(o.on), lmask))
        return std::visit([&](const auto& items) { return project_symmetric(items, o, &layout->row_entries); },
                          layout->rows);
    }
  }
  sides sd(net, s, o, newman, detail::item_order::any);
  if (sd.symmetric) {
    auto project_packed = [&](auto tag) {
      const packed_items<decltype(tag)> items(sd.left);
      release_lists(sd.left);  // peak memory: the packed copy is all the rows need
      return project_symmetric(items, o);
    };
    return sd.left.orgs < 65536 ? project_packed(std::uint16_t{}) : project_packed(std::uint32_t{});
  }
  const std::size_t n = sd.left.orgs;
  projection p = start_projection(o, false, n, sd.left.org_begin.data(), sd.right->org_begin.data());
  if (n == 0) return p;
  const auto prefix = row_work_prefix(sd);
  const weigher weigh(o.weight, sd);
  auto rows_then_release = [&](auto&& rows) -> decltype(auto) {
    release_lists(sd.left);
    release_lists(sd.right_own);
    return std::forward<decltype(rows)>(rows);
  };
  if (n < 65536) project_rows(n, rows_then_release(packed_rows<std::uint16_t>(sd, newman)), prefix, weigh, o, p);
  else project_rows(n, rows_then_release(packed_rows<std::uint32_t>(sd, newman)), prefix, weigh, o, p);
  return p;
}

}  // namespace danvan
