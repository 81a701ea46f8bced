// Conversions from Python values shared by the register_<area>.cpp files.
#pragma once

#include <danvan/date.hpp>

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

namespace danvan::bindings {

/// A danvan.Date, an ISO 8601 string or a datetime.date; None gives an empty date
/// when `none_ok`. A ValueError says why a string is not a date.
inline date as_date(pybind11::handle h, bool none_ok) {
  namespace py = pybind11;
  if (h.is_none()) {
    if (none_ok) return {};
    throw py::type_error("expected a date, found None");
  }
  if (py::isinstance<date>(h)) return h.cast<date>();
  if (py::isinstance<py::str>(h)) {
    const auto text = h.cast<std::string>();
    if (auto d = date::parse(text)) return *d;
    throw py::value_error("'" + text + "' is not a date: " + date::why_not(text));
  }
  const py::object pydate = py::module_::import("datetime").attr("date");
  if (py::isinstance(h, pydate))
    return date(h.attr("year").cast<int>(), h.attr("month").cast<unsigned>(), h.attr("day").cast<unsigned>());
  throw py::type_error("expected a danvan.Date, an ISO 8601 string or a datetime.date, found " +
                       std::string(py::str(h.get_type().attr("__name__"))));
}

/// As as_date(), but None gives nothing.
inline std::optional<date> as_optional_date(pybind11::handle h) {
  if (h.is_none()) return std::nullopt;
  return as_date(h, false);
}

}  // namespace danvan::bindings
