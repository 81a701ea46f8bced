// Shared by the register_<area>.cpp files: each defines
//   void danvan::bindings::register_<area>(pybind11::module_& m);
// as a list of pybind11 .def()s. bindings/CMakeLists.txt generates the calls.
#pragma once

#include "register_all.hpp"
