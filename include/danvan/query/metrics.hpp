// danvan — network metrics on the organization graph (the projection onto
// organizations): degree, betweenness, closeness, components, brokers, and the
// shortest coordination path through shared tasks (SPEC section 4, "Network metrics").
#pragma once

#include <danvan/fwd.hpp>
#include <danvan/network.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/overlap.hpp>
#include <danvan/query/scope.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace danvan {

/// How to build an organization graph: two organizations are joined when they
/// share an item (task or program) on which both hold one of `roles` (empty: any
/// role) and the pair's weight is at least `min_weight`.
struct graph_options {
  projection_on on = projection_on::tasks;  ///< what the organizations share: tasks or programs
  std::vector<std::string> roles;  ///< role names both must hold on a shared item; empty: any
  /// The weight each edge carries (weighted degree, and edge lengths 1/weight for
  /// weighted betweenness and closeness).
  overlap_weight weight = overlap_weight::count;
  double min_weight = 0;  ///< must not be negative or NaN (argument_error)
  unsigned threads = 0;   ///< 0: every core
};

/// The undirected organization graph of a network within a scope. Its vertices are
/// the organizations in the scope (vertex v is organization organizations()[v], in
/// position order), whether or not they share work; its edges are the pairs of a
/// symmetric projection. Stored as a CSR adjacency: neighbors ascending.
class organization_graph {
 public:
  organization_graph() = default;
  /// Projects `net` within `s` (see project()) and keeps the organizations in scope.
  explicit organization_graph(const network& net, const scope& s = {}, const graph_options& options = {});
  /// The graph of a symmetric projection over the organizations `members` (positions,
  /// ascending; empty: all). Throws argument_error when the projection is not symmetric.
  explicit organization_graph(const projection& p, std::vector<index> members = {});

  /// Vertices.
  [[nodiscard]] std::size_t size() const noexcept { return orgs_.size(); }
  /// Undirected edges.
  [[nodiscard]] std::size_t edge_count() const noexcept { return targets_.size() / 2; }
  /// The organization position of each vertex.
  [[nodiscard]] std::span<const index> organizations() const noexcept { return orgs_; }
  /// The vertex of an organization position, or nothing when it is not in the graph.
  [[nodiscard]] std::optional<std::uint32_t> vertex_of(index organization) const noexcept;
  /// CSR row offsets: the neighbors of vertex v are targets()[offsets()[v] .. offsets()[v + 1]).
  /// size() + 1 entries.
  [[nodiscard]] std::span<const std::uint64_t> offsets() const noexcept { return offsets_; }
  /// The neighbor vertex of each adjacency entry (each edge appears twice, once from each end).
  [[nodiscard]] std::span<const std::uint32_t> targets() const noexcept { return targets_; }
  /// The weight of each adjacency entry (parallel to targets()).
  [[nodiscard]] std::span<const double> weights() const noexcept { return weights_; }
  /// The neighbors of vertex `v`, ascending; `v` is not checked.
  [[nodiscard]] std::span<const std::uint32_t> neighbors(std::uint32_t v) const noexcept {
    return {targets_.data() + offsets_[v], static_cast<std::size_t>(offsets_[v + 1] - offsets_[v])};
  }
  /// The weight the edges carry (graph_options::weight, or the projection's).
  [[nodiscard]] overlap_weight weight_kind() const noexcept { return weight_; }

 private:
  std::vector<index> orgs_;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<std::uint32_t> targets_;
  std::vector<double> weights_;
  overlap_weight weight_ = overlap_weight::count;
  unsigned threads_ = 0;
  friend struct graph_access;
};

/// Neighbors of each vertex.
[[nodiscard]] std::vector<std::uint32_t> degree(const organization_graph& g);
/// Sum of the edge weights of each vertex.
[[nodiscard]] std::vector<double> weighted_degree(const organization_graph& g);

/// How betweenness() computes.
struct betweenness_options {
  /// Divide by (n − 1)(n − 2), as NetworkX does for undirected graphs; otherwise
  /// each unordered pair counts once (the raw sum halved).
  bool normalized = true;
  /// 0: exact (every vertex a source). Otherwise an estimate from `k` sources
  /// ("pivots") drawn without replacement with `seed`, scaled by n / k as NetworkX
  /// does. k greater than the number of vertices is an argument_error.
  std::size_t k = 0;
  std::uint64_t seed = 0;  ///< seed of the pivot draw (see sample_pivots())
  /// Shortest paths by edge length 1 / weight (strong ties are short); otherwise hops.
  bool weighted = false;
  unsigned threads = 0;  ///< 0: the graph's setting (every core)
};

/// Betweenness centrality of each vertex: Σ over pairs s ≠ t ≠ v of the share of
/// shortest s–t paths through v. Matches networkx.betweenness_centrality (endpoints
/// excluded) within floating-point rounding.
[[nodiscard]] std::vector<double> betweenness(const organization_graph& g, const betweenness_options& options = {});

/// The k pivots betweenness() uses for `k` and `seed` on a graph of `n` vertices
/// (a reproducible draw without replacement, the same on every platform).
[[nodiscard]] std::vector<std::uint32_t> sample_pivots(std::size_t n, std::size_t k, std::uint64_t seed);

/// How closeness() computes.
struct closeness_options {
  bool weighted = false;     ///< lengths 1 / weight instead of hops
  bool wf_improved = true;   ///< scale by the reachable share (Wasserman and Faust), as NetworkX's default
  unsigned threads = 0;      ///< 0: the graph's setting (every core)
};

/// Closeness centrality: (r − 1) / Σ distances to the r − 1 vertices reachable,
/// times (r − 1) / (n − 1) when wf_improved; 0 for an isolated vertex.
/// Matches networkx.closeness_centrality.
[[nodiscard]] std::vector<double> closeness(const organization_graph& g, const closeness_options& options = {});

/// Connected components: `label[v]` numbers the components in order of their smallest
/// vertex; `sizes[c]` is the size of component c.
struct components {
  std::vector<std::uint32_t> label;  ///< the component of each vertex
  std::vector<std::uint32_t> sizes;  ///< the number of vertices of each component
  /// Number of components (an isolated vertex is one).
  [[nodiscard]] std::size_t count() const noexcept { return sizes.size(); }
};
/// The connected components of `g`. O(vertices + edges).
[[nodiscard]] components connected_components(const organization_graph& g);

/// Vertices whose removal disconnects their component (brokers), ascending.
[[nodiscard]] std::vector<std::uint32_t> articulation_points(const organization_graph& g);

/// A shortest path organization → item → organization → ... between two organizations.
struct coordination_path {
  entity_kind item_kind = entity_kind::task;  ///< what `items` are: tasks or programs
  std::vector<index> organizations;  ///< from the first to the last; empty when none exists
  std::vector<index> items;          ///< items[i] joins organizations[i] and organizations[i + 1]
  /// True when no path exists.
  [[nodiscard]] bool empty() const noexcept { return organizations.empty(); }
};

/// What shortest_coordination_path() may walk through.
struct path_options {
  projection_on on = projection_on::tasks;  ///< steps through shared tasks or shared programs
  std::vector<std::string> roles;  ///< roles both ends of each step hold; empty: any
};

/// The shortest chain of shared items from `from` to `to` within the scope (fewest
/// items; among those, the first found by a breadth-first search in position order).
/// {from} alone when from == to; an empty path when the two are in different
/// components or either is outside the scope. Throws std::out_of_range for a
/// position past the end.
[[nodiscard]] coordination_path shortest_coordination_path(const network& net, const scope& s, index from, index to,
                                                           const path_options& options = {});

}  // namespace danvan
