// Time and change: successor(). The network as of a day is Network.as_of
// (register_network.cpp); the Pythonic layer is python/danvan/_time.py.
#include <danvan/query/time.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

py::tuple succession_tuple(const network& net, const succession& s) {
  py::list holders, events;
  for (index h : s.holders) holders.append(word(net.id_of(entity_kind::organization, h)));
  for (index e : s.events) events.append(word(net.id_of(entity_kind::event, e)));
  return py::make_tuple(holders, events, s.started);
}

}  // namespace

void register_time(py::module_& m) {
  m.def(
      "successor",
      [](const network& net, const std::string& org, const py::object& on) {
        const date d = as_day(on, "date");
        succession s;
        {
          py::gil_scoped_release release;
          s = successor(net, org, d);
        }
        return succession_tuple(net, s);
      },
      py::arg("net"), py::arg("org"), py::arg("date"),
      R"pbdoc(Who holds an organization's roles on a day: (holder ids, event ids applied in
order, started). Holders are the organization itself when nothing moved it, its
successors after reorganizations, or none when it ended without successor.)pbdoc");
}

}  // namespace danvan::bindings
