// danvan — who shares work with whom: the organization × organization
// projection of the organization × task (or × program) incidence, its size
// before it is built, its top pairs, the items a pair shares, and the
// organizations × topics matrix (SPEC section 4, "Overlap").
#pragma once

#include <danvan/detail/buffer.hpp>
#include <danvan/fwd.hpp>
#include <danvan/network.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/scope.hpp>
#include <danvan/roles.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

namespace detail {
struct csr_access;  // src/query/overlap/kernel.hpp
}

/// What two organizations can share: tasks or programs (the "items").
enum class projection_on : std::uint8_t {
  tasks,    ///< organizations share tasks
  programs  ///< organizations share programs
};

/// How a pair of organizations is weighted. With A and B the items each of the two
/// holds (in scope, with the side's roles) and d(t) the number of organizations on
/// item t:
/// - `count`:   |A ∩ B|
/// - `jaccard`: |A ∩ B| / |A ∪ B|
/// - `overlap`: |A ∩ B| / min(|A|, |B|)   (the overlap coefficient)
/// - `newman`:  Σ over t in A ∩ B of 1 / (d(t) − 1)   (Newman's collaboration weight)
enum class overlap_weight : std::uint8_t {
  count,    ///< |A ∩ B|: the number of shared items
  jaccard,  ///< |A ∩ B| / |A ∪ B|
  overlap,  ///< |A ∩ B| / min(|A|, |B|)
  newman    ///< Σ over shared items t of 1 / (d(t) − 1)
};

/// Words of projection_on.
template <> struct enum_names<projection_on> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"tasks", "programs"};
};
/// Words of overlap_weight.
template <> struct enum_names<overlap_weight> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"count", "jaccard", "overlap", "newman"};
};

/// How project() computes a symmetric projection; every method gives the same matrix.
/// `full_rows` visits each row's every pair (2 Σ C(d,2) increments, each entry written
/// once, in order); `upper_triangle` visits each pair once and writes each entry twice,
/// the mirror image scattered (better while the result fits in the caches);
/// `automatic` picks by the layout and the size of the result.
enum class projection_method : std::uint8_t {
  automatic,      ///< chosen by the layout and the size of the result
  full_rows,      ///< every pair of each row visited, each entry written once
  upper_triangle  ///< each pair visited once, written twice (mirror scattered)
};

/// How to project. Role sets hold role names of the network's vocabulary; an empty
/// set means "any role". `left_roles` is what the row organization holds on a shared
/// item, `right_roles` what the column organization holds: {"lead"} and {} give the
/// lead–any projection, {"lead"} and {"lead"} lead–lead. The scope's own `roles`
/// field applies first, to both sides.
struct projection_options {
  projection_on on = projection_on::tasks;  ///< share tasks or programs
  overlap_weight weight = overlap_weight::count;  ///< how a pair is weighted
  std::vector<std::string> left_roles;  ///< roles the row organization holds on a shared item; empty: any
  std::vector<std::string> right_roles;  ///< roles the column organization holds on a shared item; empty: any
  /// Keep only pairs whose weight is at least this, decided while projecting (the
  /// pairs below it are never stored). Pairs that share nothing are never kept.
  /// Must not be negative or NaN (argument_error).
  double min_weight = 0;
  /// Worker threads; 0 uses every core (std::thread::hardware_concurrency()) when
  /// the work is large enough to pay for them.
  unsigned threads = 0;
  projection_method method = projection_method::automatic;  ///< how to compute a symmetric projection (same result)
};

/// The organization × organization matrix in compressed sparse row (CSR) form:
/// row a, column b is the pair (a, b); the diagonal is never stored. Rows and
/// columns are organization positions (net.organizations()[i]); organizations
/// outside the scope have empty rows and columns.
///
/// When both sides take the same roles the matrix is symmetric (each pair appears
/// as (a, b) and (b, a)); otherwise entry (a, b) counts items on which a holds a
/// left role and b a right role.
struct projection {
  /// An empty matrix of no organizations.
  projection() = default;
  /// A copy with arrays of its own.
  projection(const projection&) = default;
  /// Takes the arrays of another projection (no copy).
  projection(projection&&) noexcept = default;
  /// Copies the arrays of another projection.
  projection& operator=(const projection&) = default;
  /// Takes the arrays of another projection (no copy).
  projection& operator=(projection&&) noexcept = default;
  /// Leaves the arrays, when large, for the next projection to fill (see project()).
  ~projection();

  /// What the pairs share: tasks or programs.
  projection_on on = projection_on::tasks;
  /// How the entries are weighted.
  overlap_weight weight = overlap_weight::count;
  /// Both sides took the same roles: (a, b) and (b, a) are both stored, with equal values.
  bool symmetric = true;
  std::size_t size = 0;                   ///< organizations: rows and columns
  std::vector<std::uint32_t> row_items;   ///< |A|: items each organization holds with a left role
  std::vector<std::uint32_t> col_items;   ///< |B|: items each organization holds with a right role

  /// size + 1 offsets into indices(): row a's entries are [indptr()[a], indptr()[a + 1]).
  [[nodiscard]] std::span<const std::uint64_t> indptr() const noexcept { return indptr_; }
  /// Column (organization position) of each entry, ascending within a row.
  [[nodiscard]] std::span<const index> indices() const noexcept { return indices_; }
  /// Shared items of each entry.
  [[nodiscard]] std::span<const std::uint32_t> counts() const noexcept { return counts_; }
  /// Weight of each entry; empty for `count` (see weight_at()).
  [[nodiscard]] std::span<const double> weights() const noexcept { return weights_; }
  /// Number of stored entries (a symmetric pair counts twice).
  [[nodiscard]] std::size_t nnz() const noexcept { return indices_.size(); }
  /// The weight of entry `e` (its count for `count`); `e` is not checked.
  [[nodiscard]] double weight_at(std::size_t e) const noexcept {
    return weights_.empty() ? static_cast<double>(counts_[e]) : weights_[e];
  }
  /// The entry of (a, b), or nothing when the pair was not kept. O(log row length).
  [[nodiscard]] std::optional<std::size_t> find(index a, index b) const noexcept;
  /// Bytes the matrix holds on the heap.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  friend struct detail::csr_access;  // the projection fills the arrays in place
  detail::buffer<std::uint64_t> indptr_;
  detail::buffer<index> indices_;
  detail::buffer<std::uint32_t> counts_;
  detail::buffer<double> weights_;
};

/// Projects the organization × item incidence of `net` within scope `s` onto
/// organizations. O(Σ over items of d(t)²) time on two threads, O(result) memory.
/// The second projection or top pairs of the whole network (no scope, the same roles on
/// both sides) lays the incidence out for the kernel and keeps it with the network
/// (about Σ d(t)(d(t) − 1) 16-bit numbers while items are small, else 8 bytes per
/// organization–item pair), so that the ones after it skip the pass over the roles; a
/// single query does not pay for it.
/// A projection dropped leaves its arrays of 4 MiB or more for the next one (the
/// process keeps the last such array of each kind), which then writes into memory
/// already mapped instead of pages the system must first clear.
/// Throws argument_error for a negative or NaN `min_weight` or an unknown role name,
/// danvan::not_found or danvan::error for a bad scope (see scope_filter).
/// A scope that selects nothing gives a matrix with no entries.
[[nodiscard]] projection project(const network& net, const scope& s = {}, const projection_options& options = {});

/// What a projection will cost, known before it is built.
struct projection_estimate {
  std::size_t items = 0;              ///< items in scope that pair two organizations or more
  std::uint64_t pair_increments = 0;  ///< Σ over items of C(d(t), 2) (ordered pairs when not symmetric): the work
  std::uint64_t upper_bound = 0;      ///< most entries the matrix can have: min(2 Σ C(d,2), n(n − 1)) when symmetric
  std::optional<std::uint64_t> entries;  ///< the exact number of entries after the threshold, when counted
  std::uint64_t bytes = 0;            ///< heap bytes of the result (at `entries` when counted, else at `upper_bound`)
};

/// The size of project(net, s, options) before projecting: the bound in O(roles);
/// with `exact`, also the exact number of entries after the threshold, counted in a
/// pass that stores nothing (about half the work of the projection).
[[nodiscard]] projection_estimate estimate_projection(const network& net, const scope& s = {},
                                                      const projection_options& options = {}, bool exact = false);

/// One pair of organizations with its shared count and weight.
struct organization_pair {
  index a = no_index;  ///< the left (row) organization; the smaller position when symmetric
  index b = no_index;  ///< the right (column) organization; the larger position when symmetric
  std::uint32_t count = 0;  ///< items they share (with the sides' roles)
  double weight = 0;  ///< the pair's weight (projection_options::weight)
  /// Field-by-field equality.
  friend bool operator==(const organization_pair&, const organization_pair&) = default;
};

/// The `k` pairs of largest weight, largest first; ties by (a, b) ascending. The
/// same pairs as the k largest entries of project(net, s, options) (one per
/// unordered pair when symmetric), found without building the projection: rows are
/// visited from the organization with the most items down and cut off as soon as
/// their bound falls under the k-th best weight. Fewer than k pairs when fewer
/// exist; none for k = 0.
[[nodiscard]] std::vector<organization_pair> top_pairs(const network& net, const scope& s, std::size_t k,
                                                       const projection_options& options = {});

/// An item two organizations share, with the roles each holds on it.
struct shared_item {
  entity_kind kind = entity_kind::task;  ///< task or program
  index item = no_index;                 ///< position among its kind
  std::vector<role_index> roles_a;       ///< roles of the first organization, in vocabulary order
  std::vector<role_index> roles_b;       ///< roles of the second organization, in vocabulary order
};

/// The items (tasks or programs, per options.on) on which `a` holds a left role and
/// `b` a right role, within the scope, in item order. Empty when a == b or nothing is
/// shared. Throws std::out_of_range for a position past the end.
[[nodiscard]] std::vector<shared_item> shared_items(const network& net, const scope& s, index a, index b,
                                                    const projection_options& options = {});

/// Options of topic_overlap().
struct topic_overlap_options {
  projection_on on = projection_on::tasks;  ///< count tasks or programs
  std::vector<std::string> roles;  ///< roles the organization holds on the item; empty: any
  /// Also count an item under every ancestor of its topics (each topic once per item).
  bool rollup = false;
};

/// Organizations × topics: how many items (in scope) each organization holds that are
/// tagged with each topic. CSR with `rows` = organizations, `cols` = topics.
struct topic_matrix {
  /// Number of rows: the network's organizations (by position).
  std::size_t rows = 0, cols = 0;
  /// \var std::size_t cols
  /// Number of columns: the network's topics (by position).

  /// rows + 1 offsets into indices().
  [[nodiscard]] std::span<const std::uint64_t> indptr() const noexcept { return indptr_; }
  /// Topic position of each entry, ascending within a row.
  [[nodiscard]] std::span<const index> indices() const noexcept { return indices_; }
  /// Items of the row's organization tagged with the entry's topic.
  [[nodiscard]] std::span<const std::uint32_t> counts() const noexcept { return counts_; }
  /// Number of stored (non-zero) entries.
  [[nodiscard]] std::size_t nnz() const noexcept { return indices_.size(); }

 private:
  friend struct detail::csr_access;
  detail::buffer<std::uint64_t> indptr_;
  detail::buffer<index> indices_;
  detail::buffer<std::uint32_t> counts_;
};

/// The organizations × topics matrix of `net` within scope `s`. Throws argument_error
/// for an unknown role name, danvan::not_found or danvan::error for a bad scope.
[[nodiscard]] topic_matrix topic_overlap(const network& net, const scope& s = {},
                                         const topic_overlap_options& options = {});

/// The word for an enumerator of projection_on / overlap_weight, and back; parse
/// functions throw argument_error naming the allowed words.
[[nodiscard]] projection_on parse_projection_on(std::string_view word);
/// The overlap_weight named `word` (`count`, `jaccard`, `overlap`, `newman`); throws argument_error otherwise.
[[nodiscard]] overlap_weight parse_overlap_weight(std::string_view word);

}  // namespace danvan
