// Name search (danvan.Network.find) and short labels of organizations (danvan.plot).
#include <danvan/query/names.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

void register_names(py::module_& m) {
  m.def(
      "find_by_name",
      [](const network& net, const std::string& query, const std::string& kind, std::size_t limit) {
        auto k = enum_from_string<entity_kind>(kind);
        if (!k) throw py::value_error("unknown entity kind '" + kind + "'");
        std::vector<py::tuple> out;
        const auto found = [&] {
          py::gil_scoped_release release;
          return find_by_name(net, query, *k, limit);
        }();
        for (const auto& f : found) out.push_back(py::make_tuple(f.position, f.score, f.matched_name, f.how));
        return out;
      },
      py::arg("network"), py::arg("query"), py::arg("kind") = "organization", py::arg("limit") = 10,
      "(position, score, matched name, how) of the entities of `kind` whose names match `query`, best first.");
  m.def(
      "short_labels",
      [](const network& net, const std::vector<std::string>& ids, std::size_t max_width, const std::string& kind) {
        const auto k = enum_from_string<entity_kind>(kind);
        if (!k) throw py::value_error("kind: unknown entity kind `" + kind + "`");
        std::vector<index> positions;
        positions.reserve(ids.size());
        for (const auto& id : ids) positions.push_back(net.at(*k, id));  // not_found: NotFoundError
        return short_labels(net, positions, max_width, *k);
      },
      py::arg("network"), py::arg("ids"), py::arg("max_width") = 0, py::arg("kind") = "organization",
      "One label per id: its shortest alias or its name, within max_width code points, never two alike.");
}

}  // namespace danvan::bindings
