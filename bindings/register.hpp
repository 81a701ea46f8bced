// One function per area of the Python API; each is a list of pybind11 .def()s.
#pragma once

#include <pybind11/pybind11.h>

namespace danvan::bindings {
void register_errors(pybind11::module_& m);
void register_network(pybind11::module_& m);
void register_text(pybind11::module_& m);
}  // namespace danvan::bindings
