// danvan.Scope: the scope every query takes.
#include <danvan/error.hpp>
#include <danvan/query/scope.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

std::vector<std::string> names(const py::object& value) {
  if (value.is_none()) return {};
  if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
  return value.cast<std::vector<std::string>>();
}

}  // namespace

void register_scope(py::module_& m) {
  py::class_<scope>(m, "Scope", R"pbdoc(
What part of a network a query looks at; every argument left out means "all".

- as_of: only what exists on that day (a Date, an ISO string or a datetime.date).
- window: only tasks and programs whose period or due date may fall in it
  (a Period or a (start, end) pair; either end may be None).
- roles: role names, e.g. ["lead", "advise"].
- topics, areas: ids; descendants in the hierarchy count too.
- program, document: an id (a document's scope includes documents that build on it).
- ceiling: "public", "internal" or "restricted".

>>> import danvan
>>> s = danvan.Scope(as_of="2023-09-16", roles=["lead"])
>>> str(s.as_of)
'2023-09-16'
)pbdoc")
      .def(py::init([](const py::object& as_of, const py::object& window, const py::object& roles,
                       const py::object& topics, const py::object& areas, const py::object& program,
                       const py::object& document, const py::object& ceiling) {
             scope s;
             s.as_of = as_optional_date(as_of);
             if (!window.is_none()) {
               if (py::isinstance<py::tuple>(window) || py::isinstance<py::list>(window)) {
                 auto pair = window.cast<py::sequence>();
                 if (pair.size() != 2) throw py::value_error("window: expected (start, end)");
                 period p;
                 if (!pair[0].is_none()) p.start = as_date(pair[0], false);
                 if (!pair[1].is_none()) p.end = as_date(pair[1], false);
                 if (!p.well_formed()) throw py::value_error("window: the end is before the start");
                 s.window = p;
               } else {
                 s.window = window.cast<period>();
               }
             }
             s.roles = names(roles);
             s.topics = names(topics);
             s.areas = names(areas);
             if (!program.is_none()) s.program = program.cast<std::string>();
             if (!document.is_none()) s.document = document.cast<std::string>();
             if (!ceiling.is_none()) {
               const auto word = ceiling.cast<std::string>();
               auto c = enum_from_string<classification>(word);
               if (!c) throw py::value_error("ceiling: `" + word + "` is not one of public, internal, restricted");
               s.ceiling = *c;
             }
             return s;
           }),
           py::kw_only(), py::arg("as_of") = py::none(), py::arg("window") = py::none(), py::arg("roles") = py::none(),
           py::arg("topics") = py::none(), py::arg("areas") = py::none(), py::arg("program") = py::none(),
           py::arg("document") = py::none(), py::arg("ceiling") = py::none())
      .def_readonly("as_of", &scope::as_of)
      .def("undated", [](scope s) {
        s.as_of.reset();
        return s;
      }, "The same scope without its as_of date.")
      .def_readonly("window", &scope::window)
      .def_readonly("roles", &scope::roles)
      .def_readonly("topics", &scope::topics)
      .def_readonly("areas", &scope::areas)
      .def_property_readonly("program", [](const scope& s) -> py::object {
        return s.program.empty() ? py::none() : py::cast(s.program);
      })
      .def_property_readonly("document", [](const scope& s) -> py::object {
        return s.document.empty() ? py::none() : py::cast(s.document);
      })
      .def_property_readonly("ceiling", [](const scope& s) -> py::object {
        return s.ceiling ? py::cast(std::string(to_string(*s.ceiling))) : py::none();
      })
      .def(py::self == py::self)
      .def("__repr__", [](const scope& s) {
        std::string r = "Scope(";
        auto add = [&](const std::string& part) { r += (r.size() > 6 ? ", " : "") + part; };
        if (s.as_of) add("as_of='" + s.as_of->to_string() + "'");
        if (s.window) add("window=('" + s.window->start.to_string() + "', '" + s.window->end.to_string() + "')");
        auto list = [](const std::vector<std::string>& v) {
          std::string out = "[";
          for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", '" : "'") + v[i] + "'";
          return out + "]";
        };
        if (!s.roles.empty()) add("roles=" + list(s.roles));
        if (!s.topics.empty()) add("topics=" + list(s.topics));
        if (!s.areas.empty()) add("areas=" + list(s.areas));
        if (!s.program.empty()) add("program='" + s.program + "'");
        if (!s.document.empty()) add("document='" + s.document + "'");
        if (s.ceiling) add("ceiling='" + std::string(to_string(*s.ceiling)) + "'");
        return r + ")";
      });
}

}  // namespace danvan::bindings
