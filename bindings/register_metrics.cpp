// Network metrics: the organization graph and its degree, betweenness, closeness,
// components and articulation points, and the shortest coordination path. Results
// are NumPy arrays indexed by graph vertex (OrganizationGraph.organizations maps a
// vertex to its organization position); the GIL is released while computing. The
// Pythonic layer is python/danvan/_overlap.py.
#include <danvan/network.hpp>
#include <danvan/query/metrics.hpp>
#include <danvan/query/overlap.hpp>
#include <danvan/query/scope.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

template <class U, class T> py::array_t<U> copy(std::span<const T> v) {
  py::array_t<U> out(static_cast<py::ssize_t>(v.size()));
  auto* o = out.mutable_data();
  for (std::size_t i = 0; i < v.size(); ++i) o[i] = static_cast<U>(v[i]);
  return out;
}

/// Runs f() without the GIL and returns its vector as an array of U.
template <class U, class F> py::array_t<U> compute(F&& f) {
  decltype(f()) v;
  {
    py::gil_scoped_release release;
    v = f();
  }
  return take<U>(std::move(v));
}

constexpr const char* graph_doc = R"pbdoc(
The undirected organization graph of a network within a scope (see danvan.Network.betweenness).

Vertices are the organizations in scope, in position order (``organizations`` gives
each vertex's organization position); two are joined when they share an item on which
both hold one of ``roles`` (None: any) and the pair's ``weight`` is at least
``min_weight``. Every method returns a NumPy array indexed by vertex and releases the GIL.
)pbdoc";

}  // namespace

void register_metrics(py::module_& m) {
  using G = organization_graph;
  py::class_<G>(m, "OrganizationGraph", graph_doc)
      .def(py::init([](const network& net, const py::object& scope_, const std::string& on, const py::object& roles,
                       const std::string& weight, double min_weight, unsigned threads) {
             const auto s = to_scope(scope_);
             graph_options o;
             o.on = parse_projection_on(on);
             o.roles = string_list(roles);
             o.weight = parse_overlap_weight(weight);
             o.min_weight = min_weight;
             o.threads = threads;
             py::gil_scoped_release release;
             return std::make_unique<G>(net, s, o);
           }),
           py::arg("net"), py::arg("scope") = py::none(), py::arg("on") = "tasks", py::arg("roles") = py::none(),
           py::arg("weight") = "count", py::arg("min_weight") = 0.0, py::arg("threads") = 0u)
      .def_property_readonly("size", &G::size, "Vertices (organizations in scope).")
      .def_property_readonly("edge_count", &G::edge_count, "Undirected edges.")
      .def_property_readonly("weight", [](const G& g) { return std::string(to_string(g.weight_kind())); })
      .def_property_readonly("organizations", [](const G& g) { return copy<std::int32_t>(g.organizations()); },
                             "Organization position of each vertex (int32).")
      .def_property_readonly("indptr", [](const G& g) { return copy<std::int64_t>(g.offsets()); })
      .def_property_readonly("indices", [](const G& g) { return copy<std::int32_t>(g.targets()); })
      .def_property_readonly("weights", [](const G& g) { return copy<double>(g.weights()); })
      .def("vertex_of",
           [](const G& g, index org) -> py::object {
             auto v = g.vertex_of(org);
             return v ? py::object(py::int_(*v)) : py::object(py::none());
           },
           py::arg("organization"), "The vertex of an organization position, or None.")
      .def("degree", [](const G& g) { return compute<std::uint32_t>([&] { return degree(g); }); })
      .def("weighted_degree", [](const G& g) { return compute<double>([&] { return weighted_degree(g); }); })
      .def(
          "betweenness",
          [](const G& g, bool normalized, std::size_t k, std::uint64_t seed, bool weighted, unsigned threads) {
            betweenness_options o;
            o.normalized = normalized;
            o.k = k;
            o.seed = seed;
            o.weighted = weighted;
            o.threads = threads;
            return compute<double>([&] { return betweenness(g, o); });
          },
          py::arg("normalized") = true, py::arg("k") = 0u, py::arg("seed") = 0u, py::arg("weighted") = false,
          py::arg("threads") = 0u,
          "Betweenness of each vertex; k = 0 exact, else estimated from k pivots drawn with seed.")
      .def(
          "closeness",
          [](const G& g, bool weighted, bool wf_improved, unsigned threads) {
            closeness_options o;
            o.weighted = weighted;
            o.wf_improved = wf_improved;
            o.threads = threads;
            return compute<double>([&] { return closeness(g, o); });
          },
          py::arg("weighted") = false, py::arg("wf_improved") = true, py::arg("threads") = 0u)
      .def("components",
           [](const G& g) { return compute<std::uint32_t>([&] { return connected_components(g).label; }); },
           "Component label of each vertex, numbered by smallest vertex.")
      .def("articulation_points",
           [](const G& g) { return compute<std::uint32_t>([&] { return articulation_points(g); }); },
           "Vertices whose removal disconnects their component, ascending.")
      .def("__repr__", [](const G& g) {
        return "<danvan._core.OrganizationGraph " + std::to_string(g.size()) + " vertices, " +
               std::to_string(g.edge_count()) + " edges>";
      });

  m.def(
      "coordination_path",
      [](const network& net, py::ssize_t a, py::ssize_t b, const py::object& scope_, const std::string& on,
         const py::object& roles) {
        const auto n = static_cast<py::ssize_t>(net.size(entity_kind::organization));
        for (auto x : {a, b})
          if (x < 0 || x >= n)
            throw py::index_error("organization position " + std::to_string(x) + " is out of range (" +
                                  std::to_string(n) + " organizations)");
        const auto s = to_scope(scope_);
        path_options o;
        o.on = parse_projection_on(on);
        o.roles = string_list(roles);
        coordination_path p;
        {
          py::gil_scoped_release release;
          p = shortest_coordination_path(net, s, static_cast<index>(a), static_cast<index>(b), o);
        }
        return py::make_tuple(p.organizations, p.items);
      },
      "The shortest chain of shared items between organizations a and b (positions): (organization positions, "
      "item positions); both empty when no chain exists.",
      py::arg("net"), py::arg("a"), py::arg("b"), py::arg("scope") = py::none(), py::arg("on") = "tasks",
      py::arg("roles") = py::none());

  m.def(
      "sample_pivots",
      [](std::size_t n, std::size_t k, std::uint64_t seed) {
        return compute<std::uint32_t>([&] { return sample_pivots(n, k, seed); });
      },
      py::arg("n"), py::arg("k"), py::arg("seed") = 0u,
      "The k sorted pivots betweenness(k=k, seed=seed) uses on a graph of n vertices.");
}

}  // namespace danvan::bindings
