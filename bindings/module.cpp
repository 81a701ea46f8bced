// danvan._core: the compiled half of the Python package. Only creates the
// module and hands it to one register_<area>() per area of the API.
#include <pybind11/pybind11.h>

#include "register.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "danvan's compiled core; use the `danvan` package instead of importing this.";
  danvan::bindings::register_errors(m);
  danvan::bindings::register_network(m);
  danvan::bindings::register_text(m);
}
