// The network at a classification ceiling (danvan::redact); Network.redact, and the
// max_classification= of dumps and save, in python/danvan/_network.py.
#include <danvan/redact.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

void register_redact(py::module_& m) {
  m.def(
      "redact",
      [](const network& net, const std::string& ceiling) {
        const auto level = enum_from_string<classification>(ceiling);
        if (!level) throw py::value_error("max_classification: `" + ceiling + "` is not one of public, internal, restricted");
        py::gil_scoped_release release;
        return std::make_shared<network>(redact(net, *level));
      },
      py::arg("net"), py::arg("ceiling"),
      "The network without anything classified above `ceiling` (public, internal or restricted).");
}

}  // namespace danvan::bindings
