// danvan._core: the compiled half of the Python package. Creates the module and hands
// it to each area's register function (bindings/register_<area>.cpp), errors, network
// and scope first: the others use their types.
#include <pybind11/pybind11.h>

#include "register.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() = "danvan's compiled core; use the `danvan` package instead of importing this.";
  using namespace danvan::bindings;
  register_errors(m);
  register_network(m);
  register_scope(m);
  register_coverage(m);
  register_diff(m);
  register_export(m);
  register_extract(m);
  register_merge(m);
  register_metrics(m);
  register_names(m);
  register_overlap(m);
  register_redact(m);
  register_responsibility(m);
  register_tables(m);
  register_text(m);
  register_time(m);
}
