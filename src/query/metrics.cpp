// Network metrics on the organization graph.
//
// Where Boost.Graph is used: connected_components, articulation_points,
// brandes_betweenness_centrality (exact weighted betweenness), dijkstra_shortest_paths
// (weighted closeness) and breadth_first_search (the coordination path), each on a
// compressed_sparse_row_graph built from our CSR arrays.
//
// Where we use our own code, and why: unweighted betweenness (exact and sampled) and
// unweighted closeness. Boost's Brandes keeps a list of incoming edges per vertex
// (std::vector per vertex, refilled for every source), runs on one thread, and has
// no way to take a subset of sources (pivots). Ours is a level-synchronous Brandes:
// the forward pass pushes path counts level by level (a branch-free add per edge),
// and the backward pass pulls dependencies from a coefficient array that holds
// (1 + δ(w)) / σ(w) only for the level just below, so each edge costs one load and
// one add, with no distance comparison and no predecessor lists. Adjacency is kept
// as 16-bit vertex numbers when the graph has fewer than 65,536 vertices (half the
// memory traffic). Sources are shared among std::threads, each with its own arrays
// and partial sums. It gives the same values as NetworkX (tested) within rounding.
// Weighted betweenness with pivots uses our Dijkstra-based Brandes for the same
// reason (Boost has no pivots).
#include "detail/incidence.hpp"
#include "detail/network_access.hpp"
#include "detail/parallel.hpp"
#include <danvan/query/metrics.hpp>
#include "dated.hpp"

#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <thread>

namespace danvan {

struct graph_access {
  static std::vector<std::uint64_t>& offsets(organization_graph& g) { return g.offsets_; }
  static std::vector<std::uint32_t>& targets(organization_graph& g) { return g.targets_; }
  static std::vector<double>& weights(organization_graph& g) { return g.weights_; }
  static std::vector<index>& orgs(organization_graph& g) { return g.orgs_; }
  static void set(organization_graph& g, overlap_weight w, unsigned threads) {
    g.weight_ = w;
    g.threads_ = threads;
  }
  static unsigned threads(const organization_graph& g) { return g.threads_; }
};

// ---- the graph -----------------------------------------------------------------

namespace {

/// Fills g with the rows of p for the organizations `members` (all when `all`).
void fill_graph(organization_graph& g, const projection& p, std::vector<index> members, bool all) {
  if (!p.symmetric)
    throw argument_error("an organization graph needs a symmetric projection (the same roles on both sides)");
  auto& orgs = graph_access::orgs(g);
  auto& offsets = graph_access::offsets(g);
  auto& targets = graph_access::targets(g);
  auto& weights = graph_access::weights(g);
  if (all) {
    orgs.resize(p.size);
    std::iota(orgs.begin(), orgs.end(), index{0});
  } else {
    orgs = std::move(members);
    if (!std::is_sorted(orgs.begin(), orgs.end()) || std::adjacent_find(orgs.begin(), orgs.end()) != orgs.end())
      throw argument_error("members: organization positions must be ascending and distinct");
    if (!orgs.empty() && orgs.back() >= p.size)
      throw std::out_of_range("danvan: organization position " + std::to_string(orgs.back()) + " is past the end");
  }
  constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> vertex(all ? 0 : p.size, none);
  if (!all)
    for (std::uint32_t v = 0; v < orgs.size(); ++v) vertex[orgs[v]] = v;
  offsets.assign(orgs.size() + 1, 0);
  std::size_t m = 0;
  for (std::uint32_t v = 0; v < orgs.size(); ++v) {
    const index a = orgs[v];
    if (all) m += p.indptr()[a + 1] - p.indptr()[a];
    else
      for (std::uint64_t e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e) m += vertex[p.indices()[e]] != none;
    offsets[v + 1] = m;
  }
  targets.resize(m);
  weights.resize(m);
  std::size_t k = 0;
  for (std::uint32_t v = 0; v < orgs.size(); ++v) {
    const index a = orgs[v];
    for (std::uint64_t e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e) {
      const std::uint32_t w = all ? p.indices()[e] : vertex[p.indices()[e]];
      if (w == none) continue;
      targets[k] = w;
      weights[k] = p.weight_at(e);
      ++k;
    }
  }
  graph_access::set(g, p.weight, graph_access::threads(g));
}

}  // namespace

organization_graph::organization_graph(const network& net, const scope& s, const graph_options& o) {
  if (const detail::dated_query dated{net, s}) {
    *this = organization_graph(dated.net(), dated.rest(), o);
    return;
  }
  const projection p = project(net, s,
                                {.on = o.on, .weight = o.weight, .left_roles = o.roles, .right_roles = o.roles,
                                 .min_weight = o.min_weight, .threads = o.threads});
  threads_ = o.threads;
  const scope_filter f(net, s);
  if (f.everything()) {
    fill_graph(*this, p, {}, true);
    return;
  }
  std::vector<index> members;
  for (index a = 0; a < p.size; ++a)
    if (f.organization(a)) members.push_back(a);
  fill_graph(*this, p, std::move(members), false);
}

organization_graph::organization_graph(const projection& p, std::vector<index> members) {
  const bool all = members.empty();
  fill_graph(*this, p, std::move(members), all);
}

std::optional<std::uint32_t> organization_graph::vertex_of(index organization) const noexcept {
  const auto it = std::lower_bound(orgs_.begin(), orgs_.end(), organization);
  if (it == orgs_.end() || *it != organization) return std::nullopt;
  return static_cast<std::uint32_t>(it - orgs_.begin());
}

std::vector<std::uint32_t> degree(const organization_graph& g) {
  std::vector<std::uint32_t> d(g.size());
  for (std::uint32_t v = 0; v < g.size(); ++v) d[v] = static_cast<std::uint32_t>(g.offsets()[v + 1] - g.offsets()[v]);
  return d;
}

std::vector<double> weighted_degree(const organization_graph& g) {
  std::vector<double> d(g.size(), 0.0);
  const auto w = g.weights();
  for (std::uint32_t v = 0; v < g.size(); ++v)
    for (std::uint64_t e = g.offsets()[v]; e < g.offsets()[v + 1]; ++e) d[v] += w[e];
  return d;
}

// ---- Boost views of the graph ------------------------------------------------------

namespace {

struct edge_length {
  double length = 1;
};
using boost_graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, edge_length,
                                                       boost::no_property, std::uint32_t, std::size_t>;

/// The graph as Boost's CSR graph (both directions of every edge), lengths 1/weight.
boost_graph to_boost(const organization_graph& g) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(g.targets().size());
  std::vector<edge_length> lengths;
  lengths.reserve(g.targets().size());
  for (std::uint32_t v = 0; v < g.size(); ++v)
    for (std::uint64_t e = g.offsets()[v]; e < g.offsets()[v + 1]; ++e) {
      edges.emplace_back(v, g.targets()[e]);
      lengths.push_back({1.0 / g.weights()[e]});
    }
  return boost_graph(boost::edges_are_sorted, edges.begin(), edges.end(), lengths.begin(), g.size());
}

// ---- betweenness -----------------------------------------------------------------

/// The level-synchronous Brandes of one worker thread (see the top of this file).
template <class V> class bfs_brandes {
 public:
  static constexpr std::uint32_t unseen = std::numeric_limits<std::uint32_t>::max();

  bfs_brandes(const std::uint64_t* off, const V* adj, std::size_t n, const std::uint32_t* component_size)
      : off_(off), adj_(adj), component_size_(component_size), dist_(n, unseen), sigma_(n, 0.0), coef_(n, 0.0),
        delta_(n, 0.0), order_(n) {}

  /// Adds the dependencies of source s to bc.
  void accumulate(std::uint32_t s, double* bc) {
    forward(s);
    const std::size_t levels = level_end_.size();
    // Coefficients of the deepest level: (1 + 0) / σ.
    for (std::size_t i = level_begin(levels - 1); i < level_end_[levels - 1]; ++i) {
      const std::uint32_t w = order_[i];
      coef_[w] = 1.0 / sigma_[w];
    }
    for (std::size_t l = levels - 1; l-- > 1;) {
      const std::size_t b = level_begin(l), e = level_end_[l];
      for (std::size_t i = b; i < e; ++i) {
        const std::uint32_t v = order_[i];
        delta_[v] = sigma_[v] * gather(v);
      }
      for (std::size_t i = e; i < level_end_[l + 1]; ++i) coef_[order_[i]] = 0.0;
      for (std::size_t i = b; i < e; ++i) {
        const std::uint32_t v = order_[i];
        coef_[v] = (1.0 + delta_[v]) / sigma_[v];
        bc[v] += delta_[v];
      }
    }
    reset();
  }

  /// Sum of distances to the vertices reachable from s, and how many they are (s included).
  std::pair<std::uint64_t, std::size_t> distances(std::uint32_t s) {
    forward<false>(s);
    std::uint64_t total = 0;
    for (std::size_t l = 1; l < level_end_.size(); ++l) total += l * (level_end_[l] - level_end_[l - 1]);
    const std::size_t reached = level_end_.back();
    reset();
    return {total, reached};
  }

 private:
  std::size_t level_begin(std::size_t l) const noexcept { return l == 0 ? 0 : level_end_[l - 1]; }

  template <bool Count = true> void forward(std::uint32_t s) {
    level_end_.clear();
    order_[0] = s;
    dist_[s] = 0;
    sigma_[s] = 1.0;
    std::size_t begin = 0, end = 1;
    const std::size_t target = component_size_[s];
    double* sigma = sigma_.data();
    std::uint32_t* dist = dist_.data();
    std::uint32_t* order = order_.data();
    for (std::uint32_t level = 0;; ++level) {
      level_end_.push_back(end);
      // Once the whole component is found, the last level has no one left to discover
      // and its path counts are final.
      if (end == target || begin == end) break;
      std::size_t next = end;
      const std::uint32_t below = level + 1;
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t v = order[i];
        const double sv = sigma[v];
        const V* p = adj_ + off_[v];
        const V* const last = adj_ + off_[v + 1];
        for (; p < last; ++p) {
          const std::uint32_t w = *p;
          std::uint32_t dw = dist[w];
          if (dw == unseen) [[unlikely]] {
            dist[w] = dw = below;
            order[next++] = w;
          }
          if constexpr (Count) sigma[w] += dw == below ? sv : 0.0;
        }
      }
      if (next == end) break;
      begin = end;
      end = next;
    }
    visited_ = level_end_.back();
  }

  double gather(std::uint32_t v) const noexcept {
    const double* c = coef_.data();
    const V* p = adj_ + off_[v];
    const V* const last = adj_ + off_[v + 1];
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (; p + 4 <= last; p += 4) {
      s0 += c[p[0]];
      s1 += c[p[1]];
      s2 += c[p[2]];
      s3 += c[p[3]];
    }
    for (; p < last; ++p) s0 += c[*p];
    return (s0 + s1) + (s2 + s3);
  }

  void reset() noexcept {
    for (std::size_t i = 0; i < visited_; ++i) {
      const std::uint32_t v = order_[i];
      dist_[v] = unseen;
      sigma_[v] = 0.0;
      coef_[v] = 0.0;
      delta_[v] = 0.0;
    }
  }

  const std::uint64_t* off_;
  const V* adj_;
  const std::uint32_t* component_size_;
  std::vector<std::uint32_t> dist_;
  std::vector<double> sigma_, coef_, delta_;
  std::vector<std::uint32_t> order_;
  std::vector<std::size_t> level_end_;
  std::size_t visited_ = 0;
};

/// Brandes with Dijkstra (edge length 1 / weight) for one worker thread.
class dijkstra_brandes {
 public:
  dijkstra_brandes(const organization_graph& g)
      : g_(g), n_(g.size()), dist_(n_, inf), sigma_(n_, 0.0), delta_(n_, 0.0), settled_(n_, false) {
    length_.resize(g.weights().size());
    for (std::size_t e = 0; e < length_.size(); ++e) length_[e] = 1.0 / g.weights()[e];
  }

  void accumulate(std::uint32_t s, double* bc) {
    using item = std::pair<double, std::uint32_t>;
    std::priority_queue<item, std::vector<item>, std::greater<>> heap;
    order_.clear();
    dist_[s] = 0;
    sigma_[s] = 1;
    heap.push({0.0, s});
    const auto off = g_.offsets();
    const auto adj = g_.targets();
    while (!heap.empty()) {
      const auto [d, v] = heap.top();
      heap.pop();
      if (settled_[v] || d > dist_[v]) continue;
      settled_[v] = true;
      order_.push_back(v);
      for (std::uint64_t e = off[v]; e < off[v + 1]; ++e) {
        const std::uint32_t w = adj[e];
        const double nd = d + length_[e];
        if (nd < dist_[w]) {
          dist_[w] = nd;
          sigma_[w] = sigma_[v];
          heap.push({nd, w});
        } else if (nd == dist_[w] && !settled_[w]) {
          sigma_[w] += sigma_[v];
        }
      }
    }
    // Dependencies in reverse settling order; w is a successor of v when
    // dist(v) + length(v, w) == dist(w), the same sum the forward pass compared.
    for (std::size_t i = order_.size(); i-- > 0;) {
      const std::uint32_t v = order_[i];
      double sum = 0;
      for (std::uint64_t e = off[v]; e < off[v + 1]; ++e) {
        const std::uint32_t w = adj[e];
        if (settled_[w] && dist_[v] + length_[e] == dist_[w]) sum += (1.0 + delta_[w]) / sigma_[w];
      }
      delta_[v] = sigma_[v] * sum;
      if (v != s) bc[v] += delta_[v];
    }
    for (std::uint32_t v : order_) {
      dist_[v] = inf;
      sigma_[v] = 0;
      delta_[v] = 0;
      settled_[v] = false;
    }
  }

 private:
  static constexpr double inf = std::numeric_limits<double>::infinity();
  const organization_graph& g_;
  std::size_t n_;
  std::vector<double> dist_, sigma_, delta_, length_;
  std::vector<bool> settled_;
  std::vector<std::uint32_t> order_;
};

std::vector<std::uint32_t> component_sizes_per_vertex(const organization_graph& g) {
  const auto c = connected_components(g);
  std::vector<std::uint32_t> out(g.size());
  for (std::size_t v = 0; v < g.size(); ++v) out[v] = c.sizes[c.label[v]];
  return out;
}

/// Runs `work(worker, thread, source)` for every source on `threads` workers. Chunks
/// of sources go to the threads in turn (not first come, first served) so that each
/// thread's partial sums, and so the result, are the same from run to run.
template <class MakeWorker, class Work>
void over_sources(std::span<const std::uint32_t> sources, unsigned threads, MakeWorker&& make, Work&& work) {
  constexpr std::size_t chunk = 4;
  detail::run_parallel(threads, [&](unsigned q) {
    auto worker = make(q);
    for (std::size_t first = q * chunk; first < sources.size(); first += threads * chunk) {
      const std::size_t last = std::min(sources.size(), first + chunk);
      for (std::size_t i = first; i < last; ++i) work(worker, q, sources[i]);
    }
  });
}

/// The adjacency as V (16-bit vertex numbers when they fit).
template <class V> struct narrow_adjacency {
  std::vector<V> copy;
  const V* data;
  explicit narrow_adjacency(const organization_graph& g) {
    if constexpr (std::is_same_v<V, std::uint32_t>) {
      data = g.targets().data();
    } else {
      copy.assign(g.targets().begin(), g.targets().end());
      data = copy.data();
    }
  }
};

template <class V, class Finish>
void bfs_closeness(const organization_graph& g, std::span<const std::uint32_t> sources, unsigned threads,
                   Finish&& finish) {
  const narrow_adjacency<V> adj(g);
  const auto sizes = component_sizes_per_vertex(g);
  over_sources(
      sources, threads, [&](unsigned) { return bfs_brandes<V>(g.offsets().data(), adj.data, g.size(), sizes.data()); },
      [&](bfs_brandes<V>& w, unsigned, std::uint32_t s) {
        const auto [total, reached] = w.distances(s);
        finish(s, static_cast<double>(total), reached);
      });
}

template <class V>
std::vector<double> bfs_betweenness(const organization_graph& g, std::span<const std::uint32_t> sources,
                                    unsigned threads) {
  const std::size_t n = g.size();
  const narrow_adjacency<V> narrow(g);
  const V* adj = narrow.data;
  const auto sizes = component_sizes_per_vertex(g);
  std::vector<std::vector<double>> partial(threads, std::vector<double>(n, 0.0));
  over_sources(
      sources, threads, [&](unsigned) { return bfs_brandes<V>(g.offsets().data(), adj, n, sizes.data()); },
      [&](bfs_brandes<V>& w, unsigned q, std::uint32_t s) { w.accumulate(s, partial[q].data()); });
  for (unsigned q = 1; q < threads; ++q)
    for (std::size_t v = 0; v < n; ++v) partial[0][v] += partial[q][v];
  return std::move(partial[0]);
}

std::vector<double> boost_weighted_betweenness(const organization_graph& g) {
  const boost_graph bg = to_boost(g);
  std::vector<double> bc(g.size(), 0.0);
  boost::brandes_betweenness_centrality(
      bg, boost::centrality_map(boost::make_iterator_property_map(bc.begin(), get(boost::vertex_index, bg)))
              .weight_map(get(&edge_length::length, bg)));
  return bc;
}

unsigned threads_for(const organization_graph& g, unsigned requested, std::size_t units) {
  return detail::worker_count(requested ? requested : graph_access::threads(g), units);
}

}  // namespace

__extension__ typedef unsigned __int128 u128;

std::vector<std::uint32_t> sample_pivots(std::size_t n, std::size_t k, std::uint64_t seed) {
  if (k > n)
    throw argument_error("k: " + std::to_string(k) + " pivots asked of a graph of " + std::to_string(n) +
                         " organizations; k must be at most the number of organizations");
  // splitmix64 and Lemire's multiply-shift: the same draw on every platform.
  std::uint64_t state = seed;
  auto next = [&] {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  std::vector<std::uint32_t> all(n);
  std::iota(all.begin(), all.end(), 0u);
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint64_t range = n - i;
    const std::size_t j = i + static_cast<std::size_t>((static_cast<u128>(next()) * range) >> 64);
    std::swap(all[i], all[j]);
  }
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<double> betweenness(const organization_graph& g, const betweenness_options& o) {
  const std::size_t n = g.size();
  if (o.k > n)
    throw argument_error("k: " + std::to_string(o.k) + " pivots asked of a graph of " + std::to_string(n) +
                         " organizations; k must be at most the number of organizations (0 for exact)");
  std::vector<double> bc;
  const bool sampled = o.k != 0;  // k = n: every vertex a pivot, scale 1
  if (n == 0) return bc;
  std::vector<std::uint32_t> sources;
  if (sampled) {
    sources = sample_pivots(n, o.k, o.seed);
  } else {
    sources.resize(n);
    std::iota(sources.begin(), sources.end(), 0u);
  }
  const unsigned threads = threads_for(g, o.threads, sources.size());
  if (o.weighted && !sampled) {
    bc = boost_weighted_betweenness(g);
  } else if (o.weighted) {
    std::vector<std::vector<double>> partial(threads, std::vector<double>(n, 0.0));
    over_sources(
        sources, threads, [&](unsigned) { return dijkstra_brandes(g); },
        [&](dijkstra_brandes& w, unsigned q, std::uint32_t s) { w.accumulate(s, partial[q].data()); });
    for (unsigned q = 1; q < threads; ++q)
      for (std::size_t v = 0; v < n; ++v) partial[0][v] += partial[q][v];
    bc = std::move(partial[0]);
  } else if (n < 65536) {
    bc = bfs_betweenness<std::uint16_t>(g, sources, threads);
  } else {
    bc = bfs_betweenness<std::uint32_t>(g, sources, threads);
  }
  // NetworkX's rescaling for undirected graphs (endpoints excluded).
  double scale = 1;
  bool rescale = true;
  if (o.normalized) {
    if (n <= 2) rescale = false;
    else scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  } else {
    scale = 0.5;
  }
  if (rescale) {
    if (sampled) scale = scale * static_cast<double>(n) / static_cast<double>(o.k);
    for (double& x : bc) x *= scale;
  }
  return bc;
}

// ---- closeness ---------------------------------------------------------------------

std::vector<double> closeness(const organization_graph& g, const closeness_options& o) {
  const std::size_t n = g.size();
  std::vector<double> out(n, 0.0);
  if (n == 0) return out;
  std::vector<std::uint32_t> sources(n);
  std::iota(sources.begin(), sources.end(), 0u);
  const unsigned threads = threads_for(g, o.threads, n);
  auto finish = [&](std::uint32_t v, double total, std::size_t reached) {
    // The same operations, in the same order, as networkx.closeness_centrality.
    double c = 0.0;
    if (total > 0.0 && n > 1) {
      c = (static_cast<double>(reached) - 1.0) / total;
      if (o.wf_improved) c *= (static_cast<double>(reached) - 1.0) / static_cast<double>(n - 1);
    }
    out[v] = c;
  };
  if (!o.weighted) {
    if (n < 65536) bfs_closeness<std::uint16_t>(g, sources, threads, finish);
    else bfs_closeness<std::uint32_t>(g, sources, threads, finish);
    return out;
  }
  const boost_graph bg = to_boost(g);
  over_sources(
      sources, threads, [&](unsigned) { return std::vector<double>(n); },
      [&](std::vector<double>& dist, unsigned, std::uint32_t s) {
        boost::dijkstra_shortest_paths(
            bg, s,
            boost::distance_map(boost::make_iterator_property_map(dist.begin(), get(boost::vertex_index, bg)))
                .weight_map(get(&edge_length::length, bg)));
        double total = 0;
        std::size_t reached = 0;
        for (double d : dist)
          if (d != std::numeric_limits<double>::max() && d != std::numeric_limits<double>::infinity()) {
            total += d;
            ++reached;
          }
        finish(s, total, reached);
      });
  return out;
}

// ---- components and brokers --------------------------------------------------------

components connected_components(const organization_graph& g) {
  components c;
  c.label.assign(g.size(), 0);
  if (g.size() == 0) return c;
  const boost_graph bg = to_boost(g);
  const auto count = boost::connected_components(
      bg, boost::make_iterator_property_map(c.label.begin(), get(boost::vertex_index, bg)));
  // Boost numbers components in the order its depth-first search starts them, which
  // is vertex order: component 0 holds vertex 0, and so on by smallest vertex.
  c.sizes.assign(count, 0);
  for (auto l : c.label) ++c.sizes[l];
  return c;
}

std::vector<std::uint32_t> articulation_points(const organization_graph& g) {
  std::vector<std::uint32_t> out;
  if (g.size() == 0) return out;
  const boost_graph bg = to_boost(g);
  boost::articulation_points(bg, std::back_inserter(out));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// ---- the coordination path -----------------------------------------------------------

coordination_path shortest_coordination_path(const network& net, const scope& s, index from, index to,
                                             const path_options& o) {
  const auto& d = detail::data_of(net);
  const std::size_t n = d.organizations.size();
  if (from >= n || to >= n)
    throw std::out_of_range("danvan: organization position " + std::to_string(std::max(from, to)) +
                            " is past the end (" + std::to_string(n) + " organizations)");
  if (const detail::dated_query dated{net, s}) {
    const index x = dated.position(entity_kind::organization, from), y = dated.position(entity_kind::organization, to);
    if (x == no_index || y == no_index) return {};
    return shortest_coordination_path(dated.net(), dated.rest(), x, y, o);
  }
  const scope_filter f(net, s);
  const auto mask = detail::role_mask(net, o.roles, "roles");
  coordination_path path;
  path.item_kind = o.on == projection_on::tasks ? entity_kind::task : entity_kind::program;
  if (!f.organization(from) || !f.organization(to)) return path;
  if (from == to) {
    path.organizations.push_back(from);
    return path;
  }
  const auto inc = detail::build_incidence(f, path.item_kind, mask);
  // The bipartite graph: organizations are vertices [0, n), items [n, n + items).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(2 * inc.item_orgs.size());
  for (index a = 0; a < n; ++a)
    for (index t : inc.items_of(a)) edges.emplace_back(a, static_cast<std::uint32_t>(n + t));
  for (index t = 0; t < inc.items; ++t)
    for (index a : inc.orgs_of(t)) edges.emplace_back(static_cast<std::uint32_t>(n + t), a);
  using bipartite = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                       boost::no_property, std::uint32_t, std::size_t>;
  const bipartite bg(boost::edges_are_sorted, edges.begin(), edges.end(), n + inc.items);
  constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> pred(n + inc.items, none);
  pred[from] = from;
  boost::breadth_first_search(
      bg, from,
      boost::visitor(boost::make_bfs_visitor(boost::record_predecessors(
          boost::make_iterator_property_map(pred.begin(), get(boost::vertex_index, bg)), boost::on_tree_edge()))));
  if (pred[to] == none) return path;
  std::vector<std::uint32_t> walk;
  for (std::uint32_t v = to; v != from; v = pred[v]) walk.push_back(v);
  walk.push_back(from);
  std::reverse(walk.begin(), walk.end());
  for (std::size_t i = 0; i < walk.size(); ++i) {
    if (i % 2 == 0) path.organizations.push_back(walk[i]);
    else path.items.push_back(static_cast<index>(walk[i] - n));
  }
  return path;
}

}  // namespace danvan
