// Exports (danvan/io/export.hpp) and the CSV tables (danvan/io/csv.hpp): Network.export,
// export_text and from_csv in python/danvan/_network.py. Words are checked here, with the
// choices named.
#include <danvan/io/csv.hpp>
#include <danvan/io/export.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <string>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {
namespace {

template <class E> E word_of(const std::string& word, const char* what, const char* choices) {
  if (const auto e = enum_from_string<E>(word)) return *e;
  throw py::value_error(std::string(what) + ": `" + word + "` is not one of " + choices);
}

export_graph_options graph_of(const std::string& graph, const std::string& on, const std::string& weight,
                              double min_weight) {
  export_graph_options g;
  g.kind = word_of<graph_kind>(graph, "graph", "bipartite, organizations");
  g.projection.on = word_of<projection_on>(on, "on", "tasks, programs");
  g.projection.weight = word_of<overlap_weight>(weight, "weight", "count, jaccard, overlap, newman");
  g.projection.min_weight = min_weight;
  return g;
}

constexpr const char* format_choices = "graphml, gexf, dot, hxl, popolo, xlsx";

}  // namespace

void register_export(py::module_& m) {
  m.def(
      "export_text",
      [](const network& net, const std::string& format, const std::string& graph, const std::string& on,
         const std::string& weight, double min_weight) {
        const auto f = word_of<export_format>(format, "format", format_choices);
        if (f == export_format::xlsx) throw py::value_error("format: xlsx is a binary workbook, not text: use export(path)");
        const auto g = graph_of(graph, on, weight, min_weight);
        py::gil_scoped_release release;
        return export_text(net, f, g);
      },
      py::arg("net"), py::arg("format"), py::arg("graph"), py::arg("on"), py::arg("weight"), py::arg("min_weight"));
  m.def(
      "export_file",
      [](const network& net, py::handle path, const std::string& format, const std::string& graph, const std::string& on,
         const std::string& weight, double min_weight) {
        const auto file = file_path(path);
        const auto f = word_of<export_format>(format, "format", format_choices);
        const auto g = graph_of(graph, on, weight, min_weight);
        py::gil_scoped_release release;
        export_file(net, file, f, g);
      },
      py::arg("net"), py::arg("path"), py::arg("format"), py::arg("graph"), py::arg("on"), py::arg("weight"),
      py::arg("min_weight"));
  m.def(
      "save_csv",
      [](const network& net, py::handle path, bool replace) {
        const auto folder = file_path(path);
        py::gil_scoped_release release;
        save_csv(net, folder, replace);
      },
      py::arg("net"), py::arg("path"), py::arg("replace"));
  m.def(
      "load_csv",
      [](py::handle path, std::size_t max_problems) {
        const auto folder = file_path(path);
        const load_options o{.max_problems = max_problems};
        py::gil_scoped_release release;
        return std::make_shared<network>(load_csv(folder, o));
      },
      py::arg("path"), py::arg("max_problems") = 100);
  m.def(
      "csv_tables",
      [](const network& net) {
        py::dict out;
        for (auto& t : csv_tables(net)) out[py::str(t.name)] = py::str(t.text);
        return out;
      },
      py::arg("net"));
  m.def(
      "from_csv_tables",
      [](const std::map<std::string, std::string>& tables, const std::string& label, std::size_t max_problems) {
        std::vector<csv_file> files;
        for (const auto& [name, text] : tables) files.push_back({name, text});
        const load_options o{.max_problems = max_problems};
        py::gil_scoped_release release;
        return std::make_shared<network>(from_csv_tables(files, label, o));
      },
      py::arg("tables"), py::arg("label") = "", py::arg("max_problems") = 100);
  m.def(
      "export_format_of", [](py::handle path) -> std::optional<std::string> {
        const auto f = export_format_of(file_path(path));
        return f ? std::optional<std::string>(std::string(to_string(*f))) : std::nullopt;
      },
      py::arg("path"));
}

}  // namespace danvan::bindings
