// One register_<area>() per bindings/register_<area>.cpp, each a list of pybind11
// .def()s over the public C++ API of that area; module.cpp calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace danvan::bindings {

void register_errors(pybind11::module_& m);
void register_network(pybind11::module_& m);
void register_scope(pybind11::module_& m);
void register_coverage(pybind11::module_& m);
void register_diff(pybind11::module_& m);
void register_export(pybind11::module_& m);
void register_extract(pybind11::module_& m);
void register_merge(pybind11::module_& m);
void register_metrics(pybind11::module_& m);
void register_names(pybind11::module_& m);
void register_overlap(pybind11::module_& m);
void register_redact(pybind11::module_& m);
void register_responsibility(pybind11::module_& m);
void register_tables(pybind11::module_& m);
void register_text(pybind11::module_& m);
void register_time(pybind11::module_& m);

}  // namespace danvan::bindings
